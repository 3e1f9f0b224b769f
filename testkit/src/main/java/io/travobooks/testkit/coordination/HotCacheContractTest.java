package io.travobooks.testkit.coordination;

import io.travobooks.spi.cache.HotCache;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The contract every {@link HotCache} implementation passes. */
public abstract class HotCacheContractTest extends ContractSupport {
    private static final Duration MINUTE = Duration.ofMinutes(1);

    /** {@code count} fresh cache nodes on one shared backend, with keys no other test sees. */
    protected abstract List<HotCache> cacheNodes(int count);

    private HotCache node() {
        return track(cacheNodes(1).getFirst());
    }

    @Test
    void aLoadedValueIsServedFromTheCache() {
        HotCache cache = node();
        AtomicInteger loads = new AtomicInteger();

        String first = cache.getOrLoad("airport:DAC", MINUTE, () -> "Dhaka #" + loads.incrementAndGet());
        String second = cache.getOrLoad("airport:DAC", MINUTE, () -> "Dhaka #" + loads.incrementAndGet());

        assertThat(first).isEqualTo("Dhaka #1");
        assertThat(second).isEqualTo("Dhaka #1");
        assertThat(cache.getIfPresent("airport:DAC")).contains("Dhaka #1");
        assertThat(cache.getIfPresent("airport:CGP")).isEmpty();
    }

    @Test
    void concurrentMissesRunTheLoaderOnce() throws Exception {
        HotCache cache = node();
        AtomicInteger loads = new AtomicInteger();
        List<String> seen = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> readers = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            readers.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                String value = cache.getOrLoad("fx:USD-BDT", MINUTE, () -> {
                    loads.incrementAndGet();
                    sleep(Duration.ofMillis(200)); // a slow source, so that the others arrive while it loads
                    return "121.50";
                });
                synchronized (seen) {
                    seen.add(value);
                }
            }));
        }
        start.countDown();
        for (Thread reader : readers) {
            reader.join();
        }

        assertThat(loads.get()).isEqualTo(1);
        assertThat(seen).hasSize(32).containsOnly("121.50");
    }

    @Test
    void aValueExpiresAfterItsTtl() {
        HotCache cache = node();
        AtomicInteger loads = new AtomicInteger();
        cache.getOrLoad("fare-rule:Y", Duration.ofMillis(200), () -> "v" + loads.incrementAndGet());

        sleep(Duration.ofMillis(500));

        assertThat(cache.getIfPresent("fare-rule:Y")).isEmpty();
        assertThat(cache.getOrLoad("fare-rule:Y", MINUTE, () -> "v" + loads.incrementAndGet())).isEqualTo("v2");
    }

    @Test
    void aFailingLoaderCachesNothing() {
        HotCache cache = node();

        assertThatThrownBy(() -> cache.getOrLoad("fx:USD-EUR", MINUTE, () -> {
            throw new IllegalStateException("rate source down");
        })).hasMessageContaining("rate source down");

        assertThat(cache.getIfPresent("fx:USD-EUR")).isEmpty();
        assertThat(cache.getOrLoad("fx:USD-EUR", MINUTE, () -> "0.92")).isEqualTo("0.92");
    }

    @Test
    void aLoadThatWasRunningWhenItsKeyWasInvalidatedIsNotCached() throws Exception {
        HotCache cache = node();
        CountDownLatch loading = new CountDownLatch(1);
        CountDownLatch invalidated = new CountDownLatch(1);
        List<String> answered = new ArrayList<>();
        Thread reader = Thread.ofPlatform().start(() -> {
            String value = cache.getOrLoad("fx:USD-BDT", MINUTE, () -> {
                loading.countDown();
                try {
                    invalidated.await(); // the source changes and the key is invalidated while this load runs
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return "121.50 (read before the change)";
            });
            synchronized (answered) {
                answered.add(value);
            }
        });
        loading.await();
        cache.invalidate("fx:USD-BDT");
        invalidated.countDown();
        reader.join();

        assertThat(answered).containsExactly("121.50 (read before the change)");
        sleep(Duration.ofMillis(100)); // the broadcast of the invalidation has arrived
        assertThat(cache.getIfPresent("fx:USD-BDT")).isEmpty();
        assertThat(cache.getOrLoad("fx:USD-BDT", MINUTE, () -> "122.00")).isEqualTo("122.00");
    }

    @Test
    void invalidationReachesEveryNode() {
        List<HotCache> nodes = cacheNodes(2).stream().map(this::track).toList();
        HotCache a = nodes.get(0);
        HotCache b = nodes.get(1);
        a.getOrLoad("fx:USD-BDT", MINUTE, () -> "121.50");
        assertThat(b.getOrLoad("fx:USD-BDT", MINUTE, () -> "121.50")).isEqualTo("121.50");

        a.invalidate("fx:USD-BDT");

        await("node b drops the invalidated key", Duration.ofSeconds(5), () -> b.getIfPresent("fx:USD-BDT").isEmpty());
        assertThat(a.getIfPresent("fx:USD-BDT")).isEmpty();
        assertThat(b.getOrLoad("fx:USD-BDT", MINUTE, () -> "122.00")).isEqualTo("122.00");
    }
}
