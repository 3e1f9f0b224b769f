package io.travobooks.spi.queue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Runs consumers of one group: each thread receives up to {@value #BATCH} messages, hands each to the handler and
 * acks those whose handler returned, together, after the last one. The visibility timeout must therefore be longer
 * than handling one such batch takes. A handler that throws leaves its message unacked, so it comes back after the visibility
 * timeout (and reaches the dead-letter list after too many tries). A queue error (the server restarting) is
 * logged to the error handler and retried after a pause: consumers recover on their own.
 */
public final class QueueWorker implements AutoCloseable {
    /** Messages received, handled and then acked together by one consumer. */
    public static final int BATCH = 32;
    private final JobQueue queue;
    private final String queueName;
    private final String group;
    private final Consumer<Delivery> handler;
    private final Consumer<RuntimeException> onError;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();

    private QueueWorker(JobQueue queue, String queueName, String group, Consumer<Delivery> handler,
                        Consumer<RuntimeException> onError) {
        this.queue = queue;
        this.queueName = queueName;
        this.group = group;
        this.handler = handler;
        this.onError = onError;
    }

    /** Starts {@code consumers} threads named {@code group-<n>}. */
    public static QueueWorker start(JobQueue queue, String queueName, String group, int consumers,
                                    Consumer<Delivery> handler, Consumer<RuntimeException> onError) {
        Objects.requireNonNull(handler, "handler");
        QueueWorker worker = new QueueWorker(queue, queueName, group, handler, onError);
        for (int i = 0; i < consumers; i++) {
            String consumer = group + "-" + i;
            Thread thread = Thread.ofPlatform().daemon().name("queue-" + queueName + "-" + consumer)
                    .start(() -> worker.run(consumer));
            worker.threads.add(thread);
        }
        return worker;
    }

    private void run(String consumer) {
        while (running.get()) {
            try {
                List<Delivery> handled = new ArrayList<>(BATCH);
                for (Delivery delivery : queue.receive(queueName, group, consumer, BATCH, Duration.ofMillis(200))) {
                    if (handle(delivery)) {
                        handled.add(delivery);
                    }
                }
                if (!handled.isEmpty()) {
                    queue.ackAll(handled);
                }
            } catch (RuntimeException e) {
                if (!running.get()) {
                    return;
                }
                onError.accept(e);
                pause();
            }
        }
    }

    private boolean handle(Delivery delivery) {
        try {
            handler.accept(delivery);
            return true;
        } catch (RuntimeException e) {
            onError.accept(e);
            return false;
        }
    }

    private void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.set(false);
        }
    }

    /** Stops receiving; a message being handled finishes (and is acked) first. */
    @Override
    public void close() {
        running.set(false);
        for (Thread thread : threads) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
