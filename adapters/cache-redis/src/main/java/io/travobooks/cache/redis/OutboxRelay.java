package io.travobooks.cache.redis;

import io.lettuce.core.ScriptOutputType;
import io.travobooks.spi.UnitOfWork;
import io.travobooks.spi.queue.QueueStore;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
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
 * least once, also when Redis loses its data (a restart without persistence, a fail-over to a replica that had not
 * received the latest writes, an evicted stream), as long as the database keeps the message. This holds because
 * the database cursor of the relay (group {@value #CURSOR_GROUP} of the outbox queue) moves only to an outbox id
 * up to which every group of the stream had <em>acked</em> every message (and, with {@link Options#groups}, only
 * while each of the named groups exists); the relay asks Redis at most every {@code confirmEvery}. Messages after
 * the cursor stay in the database ({@link QueueStore#trim} keeps them), and when the relay finds that Redis lost
 * what it had appended (the outbox id of the stream's last entry fell below what it appended), it appends
 * everything after the cursor again. Consumers may therefore see a message twice (after a loss, or after a crash
 * between handling and ack) and must be idempotent; each entry carries its outbox id in the field {@code oid}.
 *
 * <p>Not covered: messages published straight to Redis (a relayed stream must be fed by relays only: the relay
 * refuses a stream with foreign entries), the Redis dead-letter stream, which a Redis that lost its data lost with
 * it, and a group that did not exist when the cursor passed a message and is not named in {@link Options#groups}.
 * Entries must not be trimmed from a relayed stream while a group may still need them. Several relays of one
 * queue (one per server) are safe: appends above the stream's last outbox id are idempotent.
 */
public final class OutboxRelay implements AutoCloseable {
    /** The outbox queue's group whose cursor is the relay's confirmed position. */
    public static final String CURSOR_GROUP = "redis-relay";

    private static final LuaScript APPEND = LuaScript.load("relay_append");
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
    /** The outbox id up to which the relay has read, and appended or found settled; -1: to be found out. */
    private long position = -1;
    /** The lowest outbox id the stream's last entry may carry: what this relay appended or saw there. */
    private long expectedMark;

    /**
     * @param pollEvery    how long the relay sleeps when the outbox had nothing new
     * @param confirmEvery how often it checks the stream for a loss, asks how far every group has acked, and
     *                     moves its cursor
     * @param retention    how long settled messages stay in the outbox before they are trimmed
     * @param groups       consumer groups whose absence holds the cursor back (empty: whichever groups exist),
     *                     so that a group whose consumers are down when Redis loses its data still gets every message
     */
    public record Options(Duration pollEvery, Duration confirmEvery, Duration retention, Set<String> groups) {
        public static final Options DEFAULTS = new Options(Duration.ofMillis(20), Duration.ofSeconds(1),
                Duration.ofHours(1), Set.of());

        public Options {
            if (pollEvery.toMillis() < 1 || confirmEvery.toMillis() < 1 || retention.isNegative()) {
                throw new IllegalArgumentException("relay intervals must be at least a millisecond");
            }
            groups = Set.copyOf(groups);
        }

        public Options withGroups(String... names) {
            return new Options(pollEvery, confirmEvery, retention, Set.of(names));
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
        long nextConfirm = 0;
        while (running.get()) {
            try {
                if (position < 0) {
                    resume();
                }
                long after = position;
                List<QueueStore.Message> batch = inTransaction(uow -> outbox.read(uow, queue, after, BATCH));
                boolean confirmDue = clock.millis() >= nextConfirm;
                // An empty batch still checks the stream, so that a loss is noticed while the outbox is idle.
                if ((!batch.isEmpty() || confirmDue) && append(batch) && confirmDue) {
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
                report(e);
                position = -1; // find the cursor and the stream's last outbox id afresh
                pause(Duration.ofMillis(200));
            }
        }
    }

    /**
     * Starts after the confirmed cursor, or after the stream's last entry when that is further: everything up to
     * it is in the stream already.
     */
    private void resume() {
        long cursor = confirmedCursor();
        long mark = appendScript(0, List.of()).mark();
        if (mark < expectedMark) {
            losses.incrementAndGet(); // found after a failure (Redis was unreachable while it restarted)
        }
        expectedMark = mark;
        position = Math.max(cursor, mark);
    }

    private record Answer(boolean lost, long mark, long appended) {
    }

    /** Appends the batch; false when Redis lost what the relay had appended, and the relay must resume. */
    private boolean append(List<QueueStore.Message> batch) {
        Answer answer = appendScript(expectedMark, batch);
        if (answer.lost()) {
            losses.incrementAndGet();
            expectedMark = answer.mark(); // resume must not count this loss again
            position = -1;
            return false;
        }
        relayed.addAndGet(answer.appended());
        expectedMark = answer.mark();
        if (!batch.isEmpty()) {
            position = batch.getLast().id();
        }
        return true;
    }

    private Answer appendScript(long expected, List<QueueStore.Message> batch) {
        List<String> args = new ArrayList<>(1 + 2 * batch.size());
        args.add(Long.toString(expected));
        for (QueueStore.Message message : batch) {
            args.add(Long.toString(message.id()));
            args.add(message.payload());
        }
        List<Object> answer = APPEND.run(redis.sync(), ScriptOutputType.MULTI,
                new String[]{redis.keys().stream(queue)}, args.toArray(String[]::new));
        return new Answer(answer.get(0).equals("lost"), Long.parseLong((String) answer.get(1)), (Long) answer.get(2));
    }

    /** Moves the cursor to where every group has acked, and trims what is settled and old enough. */
    private void confirm() {
        Long confirmed = CONFIRM.run(redis.sync(), ScriptOutputType.INTEGER,
                new String[]{redis.keys().stream(queue)}, options.groups().toArray(String[]::new));
        if (confirmed <= 0) {
            return;
        }
        inTransaction(uow -> {
            outbox.advance(uow, queue, CURSOR_GROUP, confirmed);
            return null;
        });
        inTransaction(uow -> outbox.trim(uow, queue, clock.instant().minus(options.retention())));
    }

    /** Hands the failure to {@code onError}; a handler that throws must not stop the relay. */
    private void report(RuntimeException failure) {
        try {
            onError.accept(failure);
        } catch (RuntimeException ignored) {
            // the relay goes on; the handler's own failure is not the relay's to handle
        }
    }

    private long confirmedCursor() {
        return inTransaction(uow -> outbox.cursor(uow, queue, CURSOR_GROUP));
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
