package io.travobooks.ledger.internal;

import io.travobooks.ledger.PostResult;
import io.travobooks.spi.RetryPolicy;
import io.travobooks.spi.TransactionRunner;
import io.travobooks.spi.ledger.StoredEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Group commit for {@code post(entry)}: callers enqueue commands, and each writer thread drains whatever is waiting
 * (up to a batch size) into one database transaction. A tenant always goes to the same writer, so writers never
 * wait on each other's tenant locks and a tenant's commands keep their arrival order (but for those that
 * {@link #submitWithoutWaiting} found the queue full for: they take their turn when room is made); a hot account
 * costs one balance update per batch, not one per entry. A batch is first tried without looking its ids up (see
 * {@link #runWithRetry}).
 */
public final class PostingPipeline implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PostingPipeline.class);
    private static final int BATCHES_WITH_LOOKUP_AFTER_CONFLICT = 100;
    /** Per writer thread: how many more batches look their ids up before trying without again. */
    private static final ThreadLocal<int[]> LOOKUPS_AFTER_CONFLICT = ThreadLocal.withInitial(() -> new int[1]);

    private record Request(PostingCommand command, CompletableFuture<PostResult> result) {
    }

    private final TransactionRunner transactions;
    private final RetryPolicy retry;
    private final PostingEngine engine;
    private final Consumer<List<StoredEntry>> onCommitted;
    private final int maxBatch;
    private final List<BlockingQueue<Request>> queues = new ArrayList<>();
    private final List<Thread> writers = new ArrayList<>();
    private volatile boolean closed;

    /** @param onCommitted told of the entries each transaction wrote, after it committed */
    public PostingPipeline(TransactionRunner transactions, RetryPolicy retry, PostingEngine engine, int writerCount,
                           int maxBatch, int queueCapacity, Consumer<List<StoredEntry>> onCommitted) {
        if (writerCount < 1 || maxBatch < 1 || queueCapacity < maxBatch) {
            throw new IllegalArgumentException("need at least one writer and a queue as large as a batch");
        }
        this.transactions = transactions;
        this.retry = retry;
        this.engine = engine;
        this.onCommitted = onCommitted;
        this.maxBatch = maxBatch;
        for (int i = 0; i < writerCount; i++) {
            BlockingQueue<Request> queue = new ArrayBlockingQueue<>(queueCapacity);
            queues.add(queue);
            Thread writer = Thread.ofPlatform().daemon().name("ledger-writer-" + i).unstarted(() -> drain(queue));
            writers.add(writer);
            writer.start();
        }
    }

    /** Queues the command for its tenant's writer; waits while that writer's queue is full. */
    public CompletableFuture<PostResult> submit(PostingCommand command) {
        Request request = new Request(command, new CompletableFuture<>());
        if (!refusedWhenClosed(request)) {
            put(queueOf(command), request);
        }
        return request.result();
    }

    /**
     * As {@link #submit}, without ever waiting: while the writer's queue is full, a virtual thread waits for room in
     * the caller's place (one per command that found the queue full, so callers that can outrun the writer for long
     * should use {@link #submit}). For callers that must not wait at all, such as an I/O event loop.
     */
    public CompletableFuture<PostResult> submitWithoutWaiting(PostingCommand command) {
        Request request = new Request(command, new CompletableFuture<>());
        BlockingQueue<Request> queue = queueOf(command);
        if (!refusedWhenClosed(request)) {
            if (queue.offer(request)) {
                answerIfClosedMeanwhile(queue, request);
            } else {
                Thread.ofVirtual().name("ledger-submit").start(() -> put(queue, request));
            }
        }
        return request.result();
    }

    private boolean refusedWhenClosed(Request request) {
        boolean refused = closed;
        if (refused) {
            refuseClosed(request);
        }
        return refused;
    }

    private BlockingQueue<Request> queueOf(PostingCommand command) {
        return queues.get(Math.floorMod(command.tenant().hashCode(), queues.size()));
    }

    private void put(BlockingQueue<Request> queue, Request request) {
        try {
            queue.put(request);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            request.result().completeExceptionally(e);
            return;
        }
        answerIfClosedMeanwhile(queue, request);
    }

    /**
     * For a request just queued: if the ledger closed meanwhile, its writer may have stopped already, so unless it
     * took the request, no one will. Whoever removes a request from the queue answers it.
     */
    private void answerIfClosedMeanwhile(BlockingQueue<Request> queue, Request request) {
        if (closed && queue.remove(request)) {
            refuseClosed(request);
        }
    }

    private static void refuseClosed(Request request) {
        request.result().completeExceptionally(new RejectedExecutionException("ledger is closed"));
    }

    private void drain(BlockingQueue<Request> queue) {
        List<Request> batch = new ArrayList<>(maxBatch);
        while (!closed || !queue.isEmpty()) {
            try {
                Request first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                process(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | Error e) {
                // Callers must hear of it, even of an Error: a writer that died silently would leave them waiting.
                LOG.error("ledger writer failed a batch of {}", batch.size(), e);
                batch.forEach(request -> request.result().completeExceptionally(e));
            } finally {
                batch.clear();
            }
        }
    }

    private void process(List<Request> batch) {
        List<PostingCommand> commands = batch.stream().map(Request::command).toList();
        try {
            List<PostResult> results = runWithRetry(commands);
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).result().complete(results.get(i));
            }
        } catch (RuntimeException failure) {
            if (batch.size() == 1) {
                throw failure;
            }
            // One command may be what breaks the transaction: run each alone so the others still land.
            LOG.warn("batch of {} failed, retrying its commands one by one", batch.size(), failure);
            for (Request request : batch) {
                try {
                    request.result().complete(runWithRetry(List.of(request.command())).getFirst());
                } catch (RuntimeException single) {
                    request.result().completeExceptionally(single);
                }
            }
        }
    }

    /**
     * Runs the batch, first without looking its ids up (new ids are the common case, and the unique key refuses a
     * reused one); when an attempt fails, or a recent batch of this writer did, the ids are looked up first.
     */
    private List<PostResult> runWithRetry(List<PostingCommand> commands) {
        List<StoredEntry> written = new ArrayList<>();
        int[] attempts = {0};
        boolean optimistic = LOOKUPS_AFTER_CONFLICT.get()[0] == 0;
        List<PostResult> results = retry.inTransaction(transactions, uow -> {
            written.clear(); // a retried attempt starts over
            attempts[0]++;
            boolean lookUpIds = !optimistic || attempts[0] > 1;
            return engine.apply(uow, commands, written, lookUpIds);
        });
        int[] lookups = LOOKUPS_AFTER_CONFLICT.get();
        if (attempts[0] > 1 && optimistic) {
            lookups[0] = BATCHES_WITH_LOOKUP_AFTER_CONFLICT; // ids are being reused: stop guessing for a while
        } else if (lookups[0] > 0) {
            lookups[0]--;
        }
        onCommitted.accept(written);
        return results;
    }

    @Override
    public void close() {
        closed = true;
        for (Thread writer : writers) {
            try {
                writer.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        // Commands queued after their writer had stopped: no caller may be left waiting for them.
        for (BlockingQueue<Request> queue : queues) {
            Request left;
            while ((left = queue.poll()) != null) {
                refuseClosed(left);
            }
        }
    }
}
