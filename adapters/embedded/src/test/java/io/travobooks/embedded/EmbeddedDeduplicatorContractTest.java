package io.travobooks.embedded;

import io.travobooks.spi.cache.Deduplicator;
import io.travobooks.testkit.coordination.DeduplicatorContractTest;

class EmbeddedDeduplicatorContractTest extends DeduplicatorContractTest {
    @Override
    protected Deduplicator deduplicator() {
        return new EmbeddedDeduplicator();
    }
}
