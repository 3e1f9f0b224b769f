package io.travobooks.embedded;

import io.travobooks.spi.RetryPolicy;
import io.travobooks.spi.UnitOfWork;
import io.travobooks.spi.queue.DeadLetter;
import io.travobooks.spi.queue.Delivery;
import io.travobooks.spi.queue.JobQueue;
import io.travobooks.spi.queue.QueueOptions;
import io.travobooks.spi.queue.QueueStats;
import io.travobooks.spi.queue.QueueStore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * The durable job queue of the single-process setup: messages live in the database through a {@link QueueStore}
 * (H2 file by default), so a restart loses nothing, and consumers in this JVM are woken by an in-process signal
 * when something is published here. A short poll also notices due delayed messages, messages that timed out with
 * their consumer, and messages other processes appended to the same database.
 *
 * <p>Each {@link #receive} first takes over messages whose consumer let the visibility timeout pass (at most a
 * few times per visibility timeout per group, since it locks the group), then moves due delayed messages into the
 * queue, then claims new ones. Transactions that lose a race the database detects are retried.
 *
 * <p>Why one class of this size: the three steps of a receive, the consumers' wake-up signal and the sweeps share
 * the group locks and the in-process state; the rows themselves are the {@link QueueStore}'s.
 */
public final class EmbeddedJobQueue implements JobQueue {
    /** How long a waiting receive sleeps at most before it looks at the database again. */
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(100);
    /** How long acknowledged messages stay in the history a new group would see. */
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(7);

    /** Consumers of one group race for the same rows by design: by default they get more tries than elsewhere. */
    public static final RetryPolicy DEFAULT_RETRY_POLICY = RetryPolicy.DEFAULT.withAttempts(20);
    private static final int MOVE_BATCH = 256;
    private static final int RECLAIMS_PER_VISIBILITY_TIMEOUT = 4;

    private final QueueStore store;
    private final RetryPolicy retryPolicy;
    private final QueueOptions options;
    private final Clock clock;
    private final long pollNanos;
    private final Duration retention;
    private final long reclaimEveryMillis;
    private final long trimEveryMillis;
    private final ConcurrentHashMap<String, Signal> signals = new ConcurrentHashMap<>();
    /** Per queue and group: clock millis before which no reclaim runs again. */
    private final ConcurrentHashMap<GroupKey, AtomicLong> nextReclaim = new ConcurrentHashMap<>();
    /** Per queue: clock millis before which no trim runs again. */
    private final ConcurrentHashMap<String, AtomicLong> nextTrim = new ConcurrentHashMap<>();
    /** Per queue and group: one claimer in this JVM at a time (the group's row lock guards across processes). */
    private final ConcurrentHashMap<GroupKey, ReentrantLock> claimers = new ConcurrentHashMap<>();
    /** Per queue: {@link System#nanoTime} from which delayed messages are looked for again. */
    private final ConcurrentHashMap<String, AtomicLong> nextMoveLook = new ConcurrentHashMap<>();
    /** Per queue: one mover of delayed messages in this JVM at a time (the database guards across processes). */
    private final ConcurrentHashMap<String, ReentrantLock> movers = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private record GroupKey(String queue, String group) {
    }

    public EmbeddedJobQueue(QueueStore store, QueueOptions options, Clock clock) {
        this(store, options, clock, DEFAULT_POLL_INTERVAL, DEFAULT_RETENTION);
    }

    /**
     * @param pollInterval longest sleep of a waiting receive between looks at the database
     * @param retention    how long acknowledged messages are kept (history for groups created later)
     */
    public EmbeddedJobQueue(QueueStore store, QueueOptions options, Clock clock, Duration pollInterval,
                            Duration retention) {
        this(store, options, clock, pollInterval, retention, DEFAULT_RETRY_POLICY);
    }

    /** @param retryPolicy how a transaction that lost a race with another consumer is run again */
    public EmbeddedJobQueue(QueueStore store, QueueOptions options, Clock clock, Duration pollInterval,
                            Duration retention, RetryPolicy retryPolicy) {
        this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
        this.store = Objects.requireNonNull(store, "store");
        this.options = Objects.requireNonNull(options, "options");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (pollInterval.toMillis() < 1 || retention.toMillis() < 1) {
            throw new IllegalArgumentException("poll interval and retention must be at least a millisecond");
        }
        this.pollNanos = pollInterval.toNanos();
        this.retention = retention;
        this.reclaimEveryMillis = Math.max(1, options.visibilityTimeout().toMillis() / RECLAIMS_PER_VISIBILITY_TIMEOUT);
        this.trimEveryMillis = Math.max(1000, Math.min(Duration.ofHours(1).toMillis(), retention.toMillis() / 10));
    }

    @Override
    public String publish(String queue, String payload) {
        checkName(queue, "queue");
        Objects.requireNonNull(payload, "payload");
        ensureOpen();
        long id = inTransaction(uow -> store.append(uow, queue, payload, clock.instant()));
        signal(queue).wake();
        return Long.toString(id);
    }

    /** All in one transaction: all of them or none. */
    @Override
    public List<String> publishAll(String queue, List<String> payloads) {
        checkName(queue, "queue");
        payloads.forEach(payload -> Objects.requireNonNull(payload, "payload"));
        ensureOpen();
        List<String> ids = inTransaction(uow -> {
            Instant now = clock.instant();
            List<String> appended = new ArrayList<>(payloads.size());
            for (String payload : payloads) {
                appended.add(Long.toString(store.append(uow, queue, payload, now)));
            }
            return appended;
        });
        signal(queue).wake();
        return ids;
    }

    @Override
    public void publishDelayed(String queue, String payload, Duration delay) {
        checkName(queue, "queue");
        Objects.requireNonNull(payload, "payload");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("a delay cannot be negative: " + delay);
        }
        ensureOpen();
        Instant due = clock.instant().plus(delay);
        inTransaction(uow -> {
            store.appendDelayed(uow, queue, payload, due);
            return null;
        });
        // Waiting consumers shorten their sleep to the new due time.
        signal(queue).dueAt(due.toEpochMilli());
    }

    @Override
    public List<Delivery> receive(String queue, String group, String consumer, int max, Duration wait) {
        checkName(queue, "queue");
        checkName(group, "group");
        checkName(consumer, "consumer");
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1, got " + max);
        }
        if (wait.isNegative()) {
            throw new IllegalArgumentException("wait cannot be negative: " + wait);
        }
        ensureOpen();
        Signal signal = signal(queue);
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            long seen = signal.version();
            List<Delivery> deliveries = attempt(queue, group, consumer, max);
            if (!deliveries.isEmpty()) {
                return deliveries;
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0 || closed) {
                return List.of();
            }
            long pause = Math.min(remaining, pollNanos);
            long untilDue = signal.millisUntilDue(clock.millis());
            if (untilDue >= 0) {
                pause = Math.min(pause, TimeUnit.MILLISECONDS.toNanos(Math.max(1, untilDue)));
            }
            try {
                signal.await(seen, pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return List.of();
            }
            if (closed) {
                return List.of();
            }
        }
    }

    private List<Delivery> attempt(String queue, String group, String consumer, int max) {
        if (moveDueNow(queue)) {
            moveDue(queue);
        }
        GroupKey key = new GroupKey(queue, group);
        // The group's row lock serialises claims in the database anyway; waiting for it here instead keeps the
        // consumers of a busy queue from holding every pooled connection while they queue for that row.
        ReentrantLock claimer = claimers.computeIfAbsent(key, k -> new ReentrantLock());
        List<Delivery> deliveries;
        claimer.lock();
        try {
            deliveries = claim(key, consumer, max);
        } finally {
            claimer.unlock();
        }
        trimIfDue(queue);
        return deliveries;
    }

    /**
     * True when a delayed message known here is due, or when the last look is a poll interval old (delayed
     * messages that another process appended).
     */
    private boolean moveDueNow(String queue) {
        long now = System.nanoTime();
        AtomicLong next = nextMoveLook.computeIfAbsent(queue, q -> new AtomicLong(now));
        long due = next.get();
        boolean polled = now - due >= 0 && next.compareAndSet(due, now + pollNanos);
        return polled || signal(queue).millisUntilDue(clock.millis()) == 0;
    }

    private List<Delivery> claim(GroupKey key, String consumer, int max) {
        String queue = key.queue();
        String group = key.group();
        boolean reclaim = reclaimDue(key);
        List<Delivery> deliveries = inTransaction(uow -> {
            Instant now = clock.instant();
            List<Delivery> out = new ArrayList<>(max);
            if (reclaim) {
                QueueStore.Reclaimed reclaimed = store.reclaim(uow, queue, group, consumer, now,
                        options.visibilityTimeout(), options.maxDeliveries(), max);
                out.addAll(reclaimed.deliveries());
            }
            if (out.size() < max) {
                out.addAll(store.claimNew(uow, queue, group, consumer, max - out.size(), now));
            }
            return out;
        });
        if (reclaim && deliveries.size() == max) {
            nextReclaim.get(key).set(0); // there may be more timed-out messages: look again on the next call
        }
        return deliveries;
    }

    /** True at most once per a quarter of the visibility timeout per group in this JVM. */
    private boolean reclaimDue(GroupKey key) {
        AtomicLong next = nextReclaim.computeIfAbsent(key, k -> new AtomicLong());
        long now = clock.millis();
        long due = next.get();
        return now >= due && next.compareAndSet(due, now + reclaimEveryMillis);
    }

    private void moveDue(String queue) {
        ReentrantLock mover = movers.computeIfAbsent(queue, q -> new ReentrantLock());
        if (!mover.tryLock()) {
            return; // another thread of this JVM is moving them right now
        }
        try {
            Signal signal = signal(queue);
            int moved;
            do {
                long stamp = signal.dueStamp();
                MoveResult result = inTransaction(uow -> {
                    int count = store.moveDue(uow, queue, clock.instant(), MOVE_BATCH);
                    return new MoveResult(count, count == 0 && !signal.hasDue() ? null : store.nextDue(uow, queue));
                });
                moved = result.moved();
                signal.replaceDue(result.nextDue(), stamp);
                if (moved > 0) {
                    signal.wake();
                }
            } while (moved == MOVE_BATCH);
        } finally {
            mover.unlock();
        }
    }

    private record MoveResult(int moved, Instant nextDue) {
    }

    private void trimIfDue(String queue) {
        AtomicLong next = nextTrim.computeIfAbsent(queue, q -> new AtomicLong(clock.millis() + trimEveryMillis));
        long now = clock.millis();
        long due = next.get();
        if (now >= due && next.compareAndSet(due, now + trimEveryMillis)) {
            Instant before = clock.instant().minus(retention);
            int trimmed;
            do {
                trimmed = inTransaction(uow -> store.trim(uow, queue, before));
            } while (trimmed > 0 && !closed);
        }
    }

    @Override
    public boolean ack(Delivery delivery) {
        return ackAll(List.of(delivery)) == 1;
    }

    /** All in one transaction. */
    @Override
    public int ackAll(List<Delivery> deliveries) {
        ensureOpen();
        return inTransaction(uow -> {
            int acked = 0;
            for (Delivery delivery : deliveries) {
                OptionalLong id = idOf(delivery);
                if (id.isPresent() && store.ack(uow, delivery.queue(), delivery.group(), id.getAsLong())) {
                    acked++;
                }
            }
            return acked;
        });
    }

    /** Empty for an id this queue did not hand out. */
    private static OptionalLong idOf(Delivery delivery) {
        try {
            return OptionalLong.of(Long.parseLong(delivery.id()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    @Override
    public QueueStats stats(String queue, String group) {
        ensureOpen();
        return inTransaction(uow -> store.stats(uow, queue, group));
    }

    @Override
    public List<DeadLetter> deadLetters(String queue, int max) {
        ensureOpen();
        if (max < 1) {
            return List.of();
        }
        return inTransaction(uow -> store.deadLetters(uow, queue, max));
    }

    /** Wakes waiting receivers, which then return empty; the store (and its database) stays open. */
    @Override
    public void close() {
        closed = true;
        signals.values().forEach(Signal::wake);
    }

    private <T> T inTransaction(Function<UnitOfWork, T> work) {
        return store.transactions().inTransactionRetrying(work, retryPolicy);
    }

    private Signal signal(String queue) {
        return signals.computeIfAbsent(queue, q -> new Signal());
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the job queue is closed");
        }
    }

    private static void checkName(String name, String what) {
        Objects.requireNonNull(name, what);
        if (name.isEmpty() || name.length() > 64) {
            throw new IllegalArgumentException(what + " names are 1 to 64 characters, got '" + name + "'");
        }
    }

    /**
     * Wakes receivers waiting on one queue: a version that publishing raises (a receiver that read the version
     * before looking at the database cannot miss a wake-up), and the earliest due time of delayed messages known
     * here, so that waiting receivers look again when one falls due.
     */
    private static final class Signal {
        private static final long NONE = Long.MAX_VALUE;

        private final ReentrantLock lock = new ReentrantLock();
        private final Condition changed = lock.newCondition();
        private long version;
        private long nextDueMillis = NONE;
        private long dueStamp;

        long version() {
            lock.lock();
            try {
                return version;
            } finally {
                lock.unlock();
            }
        }

        void wake() {
            lock.lock();
            try {
                version++;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }

        void dueAt(long millis) {
            lock.lock();
            try {
                nextDueMillis = Math.min(nextDueMillis, millis);
                dueStamp++;
                version++;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }

        long dueStamp() {
            lock.lock();
            try {
                return dueStamp;
            } finally {
                lock.unlock();
            }
        }

        /**
         * What the database said after a move, read in a transaction that began after {@code stamp} was taken;
         * a due time published since then may be missing from that answer, so it is kept when earlier.
         */
        void replaceDue(Instant due, long stamp) {
            lock.lock();
            try {
                long millis = due == null ? NONE : due.toEpochMilli();
                nextDueMillis = dueStamp == stamp ? millis : Math.min(nextDueMillis, millis);
            } finally {
                lock.unlock();
            }
        }

        boolean hasDue() {
            lock.lock();
            try {
                return nextDueMillis != NONE;
            } finally {
                lock.unlock();
            }
        }

        /** Millis until the earliest known due time (0 when past), or -1 when none is known. */
        long millisUntilDue(long nowMillis) {
            lock.lock();
            try {
                return nextDueMillis == NONE ? -1 : Math.max(0, nextDueMillis - nowMillis);
            } finally {
                lock.unlock();
            }
        }

        void await(long seenVersion, long nanos) throws InterruptedException {
            lock.lock();
            try {
                long remaining = nanos;
                while (version == seenVersion && remaining > 0) {
                    remaining = changed.awaitNanos(remaining);
                }
            } finally {
                lock.unlock();
            }
        }
    }
}
