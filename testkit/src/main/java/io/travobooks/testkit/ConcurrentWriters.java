package io.travobooks.testkit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

/** Real threads making changes at once, for tests that no change is lost; any failure of a writer fails the test. */
public final class ConcurrentWriters {
    private ConcurrentWriters() {
    }

    /** One change: the writer's name and the number of its change, from 0. */
    @FunctionalInterface
    public interface Change {
        void make(String writer, int number);
    }

    /**
     * Runs writers named "a", "b", ... on platform threads, each making {@code changesEach} changes in turn. The
     * writers start together, once every thread is running, so that their first changes overlap.
     */
    public static void run(int writers, int changesEach, Change change) throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch start = new CountDownLatch(writers);
        for (int w = 0; w < writers; w++) {
            String writer = String.valueOf((char) ('a' + w));
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    start.countDown();
                    start.await();
                    for (int i = 0; i < changesEach; i++) {
                        change.make(writer, i);
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(failures).isEmpty();
    }
}
