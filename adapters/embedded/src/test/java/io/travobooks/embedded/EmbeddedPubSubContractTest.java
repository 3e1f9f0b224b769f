package io.travobooks.embedded;

import io.travobooks.spi.pubsub.PubSub;
import io.travobooks.testkit.coordination.PubSubContractTest;

import java.util.Collections;
import java.util.List;

/** In one JVM every "node" is the same bus: that is what they would share. */
class EmbeddedPubSubContractTest extends PubSubContractTest {
    @Override
    protected List<PubSub> pubSubNodes(int count) {
        return Collections.nCopies(count, new EmbeddedPubSub());
    }
}
