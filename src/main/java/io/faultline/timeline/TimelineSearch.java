package io.faultline.timeline;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;

/**
 * Runs filters and searches over a {@link TimelineIndex} on several threads: the events in the filter's time range are
 * cut into chunks (at least {@value #MIN_CHUNK} events, about {@value #CHUNKS_PER_THREAD} per thread), each chunk is
 * scanned on a pool of named daemon threads, and the chunks' hits are joined in order, so the result is the same
 * ascending {@link Selection} as a scan on one thread. A {@link CancelFlag} is checked before every chunk and every
 * {@value Scan#CHECK_EVERY} events. With one thread the scan runs on the caller. Close it to stop its threads.
 */
public final class TimelineSearch implements AutoCloseable {
    static final int MIN_CHUNK = 16_384;
    static final int CHUNKS_PER_THREAD = 8;

    private final int threads;
    private final ForkJoinPool pool;
    private final ExecutorService jobs;

    /** A search on {@code threads} threads (1: on the calling thread only). */
    public TimelineSearch(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, not " + threads);
        }
        this.threads = threads;
        AtomicInteger n = new AtomicInteger();
        this.pool = threads == 1 ? null : new ForkJoinPool(threads, p -> {
            ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(p);
            t.setName("faultline-search-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        }, null, false);
        this.jobs = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "faultline-search-job");
            t.setDaemon(true);
            return t;
        });
    }

    /** A search on every core of this machine. */
    public static TimelineSearch allCores() {
        return new TimelineSearch(Runtime.getRuntime().availableProcessors());
    }

    public int threads() {
        return threads;
    }

    /**
     * The events {@code filter} keeps, computed now; blocks the caller until done.
     *
     * @param progress receives the number of events just scanned, every {@value Scan#CHECK_EVERY} events, from any of
     *                 the search threads at once: it must be thread-safe
     * @throws CancellationException when {@code cancel} is set before the scan ends
     */
    public Selection run(TimelineIndex index, Filter filter, CancelFlag cancel, LongConsumer progress) {
        Scan scan = new Scan(index, filter);
        int lo = scan.from();
        int hi = scan.to();
        int chunk = Math.max(MIN_CHUNK, (int) Math.ceil((double) (hi - lo) / (threads * CHUNKS_PER_THREAD)));
        if (pool == null || hi - lo <= chunk) {
            return scan.all(cancel, progress);
        }
        List<ForkJoinTask<int[]>> tasks = new ArrayList<>();
        for (int start = lo; start < hi; start += chunk) {
            int s = start;
            int e = Math.min(hi, start + chunk);
            tasks.add(pool.submit(() -> scan.chunk(s, e, cancel, progress)));
        }
        List<int[]> parts = new ArrayList<>(tasks.size());
        int total = 0;
        try {
            for (ForkJoinTask<int[]> t : tasks) {
                int[] part = t.get();
                parts.add(part);
                total += part.length;
            }
        } catch (InterruptedException e) {
            cancel.cancel();
            Thread.currentThread().interrupt();
            throw new CancellationException("search interrupted");
        } catch (ExecutionException e) {
            cancel.cancel();
            if (e.getCause() instanceof CancellationException ce) {
                throw ce;
            }
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("search failed", e.getCause());
        } catch (CancellationException e) {
            cancel.cancel();
            throw e;
        }
        if (total == 0) {
            return Selection.empty();
        }
        int[] hits = new int[total];
        int at = 0;
        for (int[] part : parts) {
            System.arraycopy(part, 0, hits, at, part.length);
            at += part.length;
        }
        return new Selection(hits);
    }

    /** {@link #run} without cancel or progress. */
    public Selection run(TimelineIndex index, Filter filter) {
        return run(index, filter, new CancelFlag(), n -> { });
    }

    /**
     * Starts {@link #run} in the background; jobs run one after another. The job's future completes with the selection,
     * or exceptionally with a {@link CancellationException} once {@link SearchJob#cancel()} is called. Callers that
     * touch a UI attach their continuation with their own executor ({@code thenAcceptAsync(..., Platform::runLater)}).
     */
    public SearchJob submit(TimelineIndex index, Filter filter) {
        SearchJob job = new SearchJob(index.count(filter.fromNanos(), filter.toNanos()));
        jobs.execute(() -> {
            try {
                job.complete(run(index, filter, job.flag(), job::scanned));
            } catch (RuntimeException e) {
                job.fail(e);
            }
        });
        return job;
    }

    /** Stops the threads; a running scan ends with a {@link CancellationException} at its next check. */
    @Override
    public void close() {
        jobs.shutdownNow();
        if (pool != null) {
            pool.shutdownNow();
        }
        try {
            jobs.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A search running in the background: its result, its progress, and a way to stop it. */
    public static final class SearchJob {
        private final CancelFlag flag = new CancelFlag();
        private final CompletableFuture<Selection> result = new CompletableFuture<>();
        private final java.util.concurrent.atomic.LongAdder scanned = new java.util.concurrent.atomic.LongAdder();
        private final long total;

        SearchJob(long total) {
            this.total = total;
        }

        /** Completes with the selection, or exceptionally ({@link CancellationException} after {@link #cancel()}). */
        public CompletableFuture<Selection> result() {
            return result;
        }

        /** Asks the scan to stop at its next check; the result then completes with a {@link CancellationException}. */
        public void cancel() {
            flag.cancel();
        }

        /** Events scanned so far. */
        public long scanned() {
            return scanned.sum();
        }

        /** Events the scan covers at most (those in the filter's time range). */
        public long total() {
            return total;
        }

        CancelFlag flag() {
            return flag;
        }

        void scanned(long n) {
            scanned.add(n);
        }

        void complete(Selection s) {
            result.complete(s);
        }

        void fail(Throwable t) {
            result.completeExceptionally(t);
        }
    }
}
