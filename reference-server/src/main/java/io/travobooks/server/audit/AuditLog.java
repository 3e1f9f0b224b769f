package io.travobooks.server.audit;

import io.travobooks.server.auth.SecretBox;
import io.travobooks.server.runtime.ServerDatabase;
import io.travobooks.spi.TransactionRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Appends to the audit log with group commit: a request's record goes into a queue, and one writer thread inserts
 * everything that has gathered in one transaction, a few milliseconds after the answer left. Waiting for the line
 * before answering would buy nothing against a crash (the change is committed before its line either way) and cost
 * a second commit's wait on every change. A full queue makes requests wait, a bounded time (the log never falls
 * behind by more than {@link #CAPACITY} lines); reading the log first waits for the lines queued before the read.
 * A batch that fails is written again line by line, so that one bad line costs only itself; one that fails because
 * the database is unavailable is not (every line would wait out the same timeout), and is logged as lost.
 */
public final class AuditLog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
    private static final int MAX_BATCH = 512;
    private static final long GATHER_MILLIS = 5;
    private static final int PAGE = 1000;
    private static final int CAPACITY = 10_000;
    private static final long WAIT_SECONDS = 10;

    private final AuditStore store;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>(CAPACITY);
    private final Thread writer;
    private volatile boolean closed;

    /** A record to write, or (record null) a barrier: done once everything queued before it is written. */
    private record Pending(AuditRecord record, CompletableFuture<Void> committed) {
    }

    public AuditLog(ServerDatabase database, SecretBox box) {
        this.store = new AuditStore(database, box);
        this.writer = Thread.ofPlatform().name("audit-writer").daemon().start(this::write);
    }

    /** Queues {@code record} for the writer; waits only while the queue is full, and then a bounded time. */
    public void append(AuditRecord record) {
        enqueue(new Pending(record, new CompletableFuture<>()));
    }

    /** Returns once every record queued before this call is written (or given up: then logged), or a bounded time. */
    void awaitWritten() {
        Pending barrier = new Pending(null, new CompletableFuture<>());
        enqueue(barrier);
        try {
            barrier.committed().get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("read the audit log without waiting for the lines still queued", e);
        }
    }

    private void enqueue(Pending pending) {
        if (closed) {
            throw new IllegalStateException("the audit log is closed");
        }
        try {
            if (!queue.offer(pending, WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the audit log's queue stayed full for " + WAIT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the audit log's queue was full", e);
        }
    }

    private void write() {
        List<Pending> batch = new ArrayList<>();
        while (!closed || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                if (first.record() != null && queue.size() < MAX_BATCH - 1) {
                    gather();
                }
                queue.drainTo(batch, MAX_BATCH - 1);
                writeBatch(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Throwable e) { // the writer must outlive anything one batch does, or every request would wait
                LOG.error("the audit writer failed on a batch of {}", batch.size(), e);
                batch.forEach(pending -> pending.committed().completeExceptionally(e));
            } finally {
                batch.clear();
            }
        }
    }

    /**
     * Lines come with bursts of requests: a moment's wait makes one transaction of many of them (each transaction
     * locks, reads and moves the chain's head, whatever it carries). Interrupted, the lines in hand are written first.
     */
    private static void gather() {
        try {
            Thread.sleep(GATHER_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void writeBatch(List<Pending> batch) {
        try {
            store.append(batch.stream().map(Pending::record).filter(Objects::nonNull).toList());
            batch.forEach(pending -> pending.committed().complete(null));
        } catch (TransactionRunner.StorageUnavailableException down) {
            // Line by line would wait out the same timeout for every line: the batch fails as one.
            LOG.error("could not write {} audit lines: the database is unavailable", batch.size(), down);
            batch.forEach(pending -> pending.committed().completeExceptionally(down));
        } catch (RuntimeException failed) {
            LOG.warn("an audit batch of {} failed; writing it line by line", batch.size(), failed);
            for (Pending pending : batch) {
                try {
                    if (pending.record() != null) {
                        store.append(List.of(pending.record()));
                    }
                    pending.committed().complete(null);
                } catch (RuntimeException e) {
                    LOG.error("could not write an audit line of {} ({} {})", pending.record().chain(),
                            pending.record().action(), pending.record().requestId(), e);
                    pending.committed().completeExceptionally(e);
                }
            }
        }
    }

    /** What a verification found. */
    public record Verification(boolean intact, long verified, Optional<Long> brokenAt, Optional<String> reason) {
    }

    /**
     * Recomputes the chain from its rows as stored now, up to the head read first (rows appended meanwhile are left
     * for the next verification), and names the first row that no longer matches or is missing, or a head that is
     * gone while rows remain.
     */
    public Verification verify(String chain) {
        awaitWritten();
        Optional<AuditRow> head = store.currentHead(chain);
        if (head.isEmpty()) {
            return store.after(chain, 0, 1).isEmpty() ? new Verification(true, 0, Optional.empty(), Optional.empty())
                    : broken(1, 0, "the chain's head is missing");
        }
        long last = head.get().seq();
        String previous = AuditStore.GENESIS;
        long expected = 1;
        while (expected <= last) {
            List<AuditRow> rows = store.after(chain, expected - 1, PAGE);
            if (rows.isEmpty()) {
                return broken(expected, expected - 1, "rows " + expected + " to " + last + " are missing");
            }
            for (AuditRow row : rows) {
                if (expected > last) {
                    break; // appended after the head was read
                }
                if (row.seq() != expected) {
                    return broken(expected, expected - 1, "row " + expected + " is missing");
                }
                previous = store.link(previous, row.record());
                if (!previous.equals(row.hash())) {
                    return broken(row.seq(), expected - 1, "row " + row.seq() + " is not what was written");
                }
                expected++;
            }
        }
        if (!previous.equals(head.get().hash())) {
            return broken(last, last, "the head does not match the last row");
        }
        return new Verification(true, last, Optional.empty(), Optional.empty());
    }

    private static Verification broken(long seq, long verified, String reason) {
        return new Verification(false, verified, Optional.of(seq), Optional.of(reason));
    }

    /** Rows of the chain after {@code afterSeq}, oldest first: the export, a page at a time. */
    public List<AuditRow> page(String chain, long afterSeq, int limit) {
        awaitWritten();
        return store.after(chain, afterSeq, limit);
    }

    /** Writes what is queued, then stops the writer. */
    @Override
    public void close() {
        closed = true;
        try {
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
