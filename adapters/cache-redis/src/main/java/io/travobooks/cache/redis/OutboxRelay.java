package io.travobooks.cache.redis;

import io.lettuce.core.ScriptOutputType;
import io.travobooks.spi.UnitOfWork;
import io.travobooks.spi.queue.QueueStore;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Copies one queue's transactional outbox (messages the application appended with {@link QueueStore#append} in
 * the same database transaction as the change they announce) into the Redis stream of the same queue, where
 * {@link RedisStreamsJobQueue} consumers read it.
 *
 * <p><b>The guarantee.</b> Every message committed to the outbox reaches every consumer group of the stream at
 * least once, also when Redis restarts without its data (no persistence, or a fail-over to a replica that had not
 * received the latest writes), as long as the database keeps the message. This holds because the database
 * cursor of the relay (group {@value #CURSOR_GROUP} of the outbox queue) moves only to an outbox id up to which
 * every group in Redis had <em>acked</em> every message; the relay reads Redis for that at most every
 * {@code confirmEvery}. Messages after the cursor stay in the database ({@link QueueStore#trim} keeps them), and
 * when the relay finds that Redis lost what it had appended, it appends everything after the cursor again.
 * Consumers may therefore see a message twice (after a loss, or after a crash between handling and ack) and must
 * be idempotent; each entry carries its outbox id in the field {@code oid} for that purpose.
 *
 * <p>Not covered: messages published straight to Redis (not written to the outbox) and the Redis dead-letter
 * stream, which a Redis that keeps no data loses with everything else; a consumer group created after a loss sees
 * only what was appended again. A relayed queue must be fed by relays only, since the relay finds its place by
 * the outbox ids in the stream. Several relays of one queue (one per server) are safe: the stream's mark of the
 * highest appended outbox id makes their appends idempotent.
 */
public final class OutboxRelay implements AutoCloseable {
    /** The outbox queue's group whose cursor is the relay's confirmed position. */
    public static final String CURSOR_GROUP = "redis-relay";

    private static final LuaScript APPEND = LuaScript.load("relay_append");
    private static final LuaScript RESET = LuaScript.load("relay_reset");
    private static final LuaScript CONFIRM = LuaScript.load("relay_confirm");
    private static final int BATCH = 500;

    private final QueueStore outbox;
    private final LettuceRedis redis;
    private final String queue;
    private final Options options;
    private final Clock clock;
    private final Consumer<RuntimeException> onError;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong relayed = new AtomicLong();
    private final AtomicLong losses = new AtomicLong();
    private final Thread thread;

    /**
     * @param pollEvery    how long the relay sleeps when the outbox had nothing new
     * @param confirmEvery how often it asks Redis how far every group has acked, and moves its cursor
     * @param retention    how long settled messages stay in the outbox before they are trimmed
     */
    public record Options(Duration pollEvery, Duration confirmEvery, Duration retention) {
        public static final Options DEFAULTS = new Options(Duration.ofMillis(20), Duration.ofSeconds(1),
                Duration.ofHours(1));

        public Options {
            if (pollEvery.toMillis() < 1 || confirmEvery.toMillis() < 1 || retention.isNegative()) {
                throw new IllegalArgumentException("relay intervals must be at least a millisecond");
            }
        }
    }

    private OutboxRelay(QueueStore outbox, LettuceRedis redis, String queue, Options options, Clock clock,
                        Consumer<RuntimeException> onError) {
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.redis = Objects.requireNonNull(redis, "redis");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.options = Objects.requireNonNull(options, "options");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.onError = Objects.requireNonNull(onError, "onError");
        this.thread = Thread.ofPlatform().daemon().name("outbox-relay-" + queue).unstarted(this::run);
    }

    /**
     * Starts relaying {@code queue} on a thread of its own. {@code onError} hears of every failure (Redis or the
     * database unreachable); the relay retries after a pause and goes on by itself.
     */
    public static OutboxRelay start(QueueStore outbox, LettuceRedis redis, String queue, Options options,
                                    Clock clock, Consumer<RuntimeException> onError) {
        OutboxRelay relay = new OutboxRelay(outbox, redis, queue, options, clock, onError);
        relay.thread.start();
        return relay;
    }

    /** Messages appended to Redis so far (again after a loss, so possibly more than the outbox holds). */
    public long relayed() {
        return relayed.get();
    }

    /** How often the relay found that Redis had lost what it appended. */
    public long losses() {
        return losses.get();
    }

    private void run() {
        long position = -1; // the highest outbox id known to be in the stream; -1: not known yet
        long nextConfirm = 0;
        while (running.get()) {
            try {
                if (position < 0) {
                    position = confirmedCursor();
                }
                long after = position;
                List<QueueStore.Message> batch = inTransaction(uow -> outbox.read(uow, queue, after, BATCH));
                if (!batch.isEmpty()) {
                    position = append(position, batch);
                }
                if (clock.millis() >= nextConfirm) {
                    position = append(position, List.of()); // notices a loss also while the outbox is idle
                    confirm();
                    nextConfirm = clock.millis() + options.confirmEvery().toMillis();
                }
                if (batch.size() < BATCH) {
                    pause(options.pollEvery());
                }
            } catch (RuntimeException e) {
                if (!running.get()) {
                    return;
                }
                onError.accept(e);
                position = -1; // read the cursor and the mark afresh
                pause(Duration.ofMillis(200));
            }
        }
    }

    /**
     * Appends the batch (none: only checks the mark); returns the new position, or the confirmed cursor when Redis
     * lost data.
     */
    private long append(long position, List<QueueStore.Message> batch) {
        List<String> args = new ArrayList<>(1 + 2 * batch.size());
        args.add(Long.toString(position));
        for (QueueStore.Message message : batch) {
            args.add(Long.toString(message.id()));
            args.add(message.payload());
        }
        List<String> answer = APPEND.run(redis.sync(), ScriptOutputType.MULTI, streamAndMark(),
                args.toArray(String[]::new));
        if (answer.get(0).equals("lost")) {
            losses.incrementAndGet();
            long cursor = confirmedCursor();
            RESET.run(redis.sync(), ScriptOutputType.INTEGER, new String[]{redis.keys().relayMark(queue)},
                    Long.toString(cursor));
            return cursor;
        }
        relayed.addAndGet(batch.size());
        return batch.isEmpty() ? position : batch.getLast().id();
    }

    /** Moves the cursor to where every group has acked, and trims what is settled and old enough. */
    private void confirm() {
        Long confirmed = CONFIRM.run(redis.sync(), ScriptOutputType.INTEGER, streamAndMark());
        if (confirmed <= 0) {
            return;
        }
        inTransaction(uow -> {
            outbox.advance(uow, queue, CURSOR_GROUP, confirmed);
            return null;
        });
        inTransaction(uow -> outbox.trim(uow, queue, clock.instant().minus(options.retention())));
    }

    private long confirmedCursor() {
        return inTransaction(uow -> outbox.cursor(uow, queue, CURSOR_GROUP));
    }

    private String[] streamAndMark() {
        return new String[]{redis.keys().stream(queue), redis.keys().relayMark(queue)};
    }

    private <T> T inTransaction(Function<UnitOfWork, T> work) {
        return outbox.transactions().inTransaction(work);
    }

    private void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.set(false);
        }
    }

    /** Stops the relay; what it has not appended yet stays in the outbox for the next one. */
    @Override
    public void close() {
        running.set(false); // the thread notices within one pause; no interrupt, which would break a JDBC call
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
