package io.travobooks.embedded;

import io.travobooks.spi.cache.HotCache;
import io.travobooks.testkit.coordination.HotCacheContractTest;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** The nodes share one bus, as nodes of one process would. */
class EmbeddedHotCacheContractTest extends HotCacheContractTest {
    @Override
    protected List<HotCache> cacheNodes(int count) {
        EmbeddedPubSub bus = new EmbeddedPubSub();
        List<HotCache> nodes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            nodes.add(new EmbeddedHotCache(bus, Clock.systemUTC()));
        }
        return nodes;
    }
}
