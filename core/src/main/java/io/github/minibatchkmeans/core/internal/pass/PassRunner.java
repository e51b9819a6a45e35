package io.github.minibatchkmeans.core.internal.pass;

import io.github.minibatchkmeans.core.internal.metric.Geometry;
import io.github.minibatchkmeans.core.internal.rows.RowFormat;
import io.github.minibatchkmeans.core.internal.rows.Rows;

import io.github.minibatchkmeans.core.spi.BatchSource;
import io.github.minibatchkmeans.core.spi.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.function.LongConsumer;
import java.util.function.LongPredicate;

/**
 * Runs {@link BlockTask}s over a {@link BatchSource}: reads batches (the I/O unit; the next one is
 * prefetched while the current one is computed), cuts them into fixed row blocks (the numeric
 * unit), accumulates blocks in parallel and folds them in block order. Memory is two batch
 * buffers plus a bounded number of partials, whatever the number of rows. The threads come from
 * a shared pool; {@code threads} bounds how many of them one pass uses at a time.
 */
public final class PassRunner {
    /** Rows per accumulation block: a fixed constant so results never depend on batch size. */
    public static final int BLOCK_ROWS = 512;
    private static final long MAX_PARTIAL_BYTES = 64L << 20;
    /** Batch buffers take at most 1/BUFFER_SHARE of the max heap. */
    private static final int BUFFER_SHARE = 8;

    private final int threads;
    private final int batchSize;
    private final Geometry geometry;
    /** Rows every full pass must deliver, once the statistics pass has counted them (-1: not yet). */
    private volatile long expectedRows = -1;
    private final AtomicInteger passes = new AtomicInteger();
    /** What fills a missing value (NaN) of a row read before a task sees it; null: nothing to fill. */
    private volatile double[] fills;
    /** Batch buffers of finished passes, for the next (at most two: a pass uses one, or two when it prefetches). */
    private final List<Rows> spareBuffers = new ArrayList<>(2);

    /** A runner for rows compared by squared Euclidean distance (prepared as they are). */
    public PassRunner(int threads, int batchSize) {
        this(threads, batchSize, Geometry.EUCLIDEAN);
    }

    /** A runner that prepares every row read for {@code geometry}. */
    public PassRunner(int threads, int batchSize, Geometry geometry) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
        }
        this.threads = threads;
        this.batchSize = batchSize;
        this.geometry = geometry;
    }

    public int threads() {
        return threads;
    }

    /**
     * From now on every pass that reads to the end must count {@code rows} rows: a source whose
     * rows change between passes (a file appended to or truncated) is an error naming the pass.
     */
    public void expectRows(long rows) {
        expectedRows = rows;
    }

    public int batchSize() {
        return batchSize;
    }

    /**
     * One pass of {@code task} over {@code source}; {@code rowsDone} (may be null) hears the
     * running row count after each batch.
     */
    public <P> P run(BatchSource source, BlockTask<P> task, LongConsumer rowsDone) throws IOException {
        return run(source, task, rowsDone, null, null);
    }

    /**
     * One pass of {@code task} over the blocks of {@code source} that {@code blockNeeded} (null: all)
     * accepts; the others are skipped — seeked past when the reader can, read and dropped when not.
     * Needed blocks that {@code supply} (may be null) fills from memory are skipped in the source too.
     */
    public <P> P run(BatchSource source, BlockTask<P> task, LongConsumer rowsDone, LongPredicate blockNeeded,
                     BlockSupply supply) throws IOException {
        BlockPass<P> pass = new BlockPass<>(task, blockNeeded);
        FlatRows flat = prepared(source) ? inMemory(source) : null;
        if (flat != null) { // in memory already, and to be used as they are: a batch per chunk, no copy
            for (Rows chunk : flat.asBatches()) { // rows in memory: filled in place once, when their fills were known
                pass.accumulateBatch(chunk);
                if (rowsDone != null) {
                    rowsDone.accept(chunk.firstRow() + chunk.count());
                }
            }
            return pass.finish();
        }
        forEachBatch(source, rows -> {
            pass.accumulateBatch(rows);
            return true;
        }, rowsDone, blockNeeded, supply);
        return pass.finish();
    }

    /** How this runner's passes hold the rows of {@code source}: as its readers deliver them, for the metric. */
    public RowFormat formatOf(BatchSource source) {
        return RowFormat.of(source, geometry.preparesRows());
    }

    /** True if the rows {@code source} delivers now need no preparing for this runner's metric. */
    private boolean prepared(BatchSource source) {
        return !geometry.preparesRows() || source instanceof PreparedSource p && p.preparedFor() == geometry;
    }

    /** The rows of {@code source} when they are in memory already (read in place by passes), else null. */
    public static FlatRows inMemory(BatchSource source) {
        return source instanceof KeptRows parsed ? parsed.resident() : source instanceof FlatRows f ? f : null;
    }

    /** Receives the batches of a pass in stream order. */
    @FunctionalInterface
    public interface BatchHandler {
        /** Handles one batch (valid only during the call); returns false to end the pass early. */
        boolean handle(Rows rows) throws IOException;
    }

    /**
     * One pass over {@code source} handing each batch to {@code handler}, in order, while the next
     * batch is read in the background.
     */
    public void forEachBatch(BatchSource source, BatchHandler handler, LongConsumer rowsDone) throws IOException {
        forEachBatch(source, handler, rowsDone, null, null);
    }

    private void forEachBatch(BatchSource source, BatchHandler handler, LongConsumer rowsDone, LongPredicate blockNeeded,
                              BlockSupply supply) throws IOException {
        int dims = source.dimensions();
        RowFormat format = formatOf(source);
        int batch = batchFor(format, dims, source.rows().orElse(Long.MAX_VALUE));
        int pass = passes.incrementAndGet();
        // the first pass over dense rows to keep reads each batch into a buffer of its own, which is kept as it is
        KeptRows.Keeping keeping = source instanceof KeptRows kept && kept.keepsNext() && !geometry.preparesRows()
                && format != RowFormat.SPARSE ? kept.openTakingBuffers(Workers.lent(threads)) : null;
        Rows current = keeping != null ? format.buffer(batch, dims) : takeBuffer(format, batch, dims);
        boolean prefetch = threads > 1;
        Rows next = !prefetch ? null : keeping != null ? format.buffer(batch, dims) : takeBuffer(format, batch, dims);
        try (PlannedReader reader = new PlannedReader(source.name(), keeping != null ? keeping : source.open(Workers.lent(threads)),
                prepared(source) ? null : geometry, blockNeeded, supply, dims, format)) {
            Future<Integer> pending = prefetch ? Workers.POOL.submit(fill(reader, next)) : null;
            try {
                while (true) {
                    int n;
                    if (pending == null) {
                        if (keeping != null && keeping.takesBuffers() && current.count() > 0) {
                            current = format.buffer(batch, dims); // the last one read is kept
                        }
                        n = reader.fill(current);
                    } else {
                        n = await(pending);
                        Rows swap = current;
                        current = next;
                        next = keeping != null && keeping.takesBuffers() ? format.buffer(batch, dims) : swap;
                        pending = n == 0 ? null : Workers.POOL.submit(fill(reader, next));
                    }
                    if (n == 0) {
                        checkRowCount(source, reader.position(), pass);
                        return;
                    }
                    double[] filling = fills;
                    if (filling != null) {
                        current.fillMissing(0, n, filling);
                    }
                    boolean more = handler.handle(current);
                    if (rowsDone != null) {
                        rowsDone.accept(current.firstRow() + n);
                    }
                    if (!more) {
                        return;
                    }
                }
            } finally {
                if (pending != null) {
                    quietlyAwait(pending); // never close the reader under a read in flight
                }
                if (keeping == null) { // else they may be kept rows now
                    giveBack(current);
                    giveBack(next);
                }
            }
        }
    }

    /**
     * A batch buffer of {@code batch} rows: one a finished pass gave back when it has that shape. Each
     * pass would otherwise allocate megabytes that the collector must treat as humongous objects.
     */
    private synchronized Rows takeBuffer(RowFormat format, int batch, int dims) {
        for (int i = 0; i < spareBuffers.size(); i++) {
            Rows spare = spareBuffers.get(i);
            if (spare.format() == format && spare.capacity() == batch && spare.dims == dims) {
                return spareBuffers.remove(i);
            }
        }
        return format.buffer(batch, dims);
    }

    private synchronized void giveBack(Rows buffer) {
        if (buffer != null && spareBuffers.size() < 2) {
            spareBuffers.add(buffer);
        }
    }

    private void checkRowCount(BatchSource source, long rows, int pass) {
        long expected = expectedRows;
        if (expected >= 0 && rows != expected) {
            throw new InvalidInputException(source.name() + ": the input changed during the fit: pass " + pass + " has " + rows
                    + " rows, the first pass had " + expected);
        }
    }

    /**
     * The rows a batch buffer holds: the configured batch size, but no more rows than the source
     * has, and no more than two buffers of {@link #BUFFER_SHARE} of the heap hold — a huge
     * {@code batchSize} or very wide rows must not end in an OutOfMemoryError. Results never depend
     * on it: blocks, not batches, are the unit of arithmetic.
     */
    public int batchFor(RowFormat format, int dims, long rows) {
        long fit = Runtime.getRuntime().maxMemory() / BUFFER_SHARE / (2 * format.bytesPerRow(dims));
        return (int) Math.max(1, Math.min(batchSize, Math.min(Math.max(1, rows), fit)));
    }

    /** Work on a range of rows. */
    @FunctionalInterface
    public interface RangeTask {
        void run(int from, int to);
    }

    /**
     * Runs {@code task} over {@code [0, rows)} cut into one contiguous range per thread, and waits.
     * For row-independent work whose result does not depend on how the rows are split.
     */
    public void parallelRanges(int rows, RangeTask task) throws IOException {
        if (threads == 1 || rows < 2 * threads) {
            task.run(0, rows);
            return;
        }
        List<Callable<Void>> jobs = new ArrayList<>(threads);
        for (int t = 0; t < threads; t++) {
            int from = (int) ((long) rows * t / threads);
            int to = (int) ((long) rows * (t + 1) / threads);
            jobs.add(() -> {
                task.run(from, to);
                return null;
            });
        }
        invokeAll(jobs);
    }

    /** The state of one block pass: partials, the running total and the block left open. */
    private final class BlockPass<P> {
        private final BlockTask<P> task;
        private final LongPredicate blockNeeded;
        private final int perWave;
        private final ArrayDeque<P> pool = new ArrayDeque<>();
        private final P total;
        private P open;

        BlockPass(BlockTask<P> task, LongPredicate blockNeeded) {
            this.task = task;
            this.blockNeeded = blockNeeded;
            this.perWave = wavesize(task);
            this.total = task.newPartial();
        }

        P finish() {
            if (open != null) {
                task.fold(total, open);
            }
            return total;
        }

        /** Cuts a batch at block boundaries and accumulates it wave by wave. */
        void accumulateBatch(Rows rows) throws IOException {
            List<Fragment<P>> wave = new ArrayList<>(perWave);
            long global = rows.firstRow();
            int from = 0;
            while (from < rows.count()) {
                long blockEnd = (global / BLOCK_ROWS + 1) * BLOCK_ROWS;
                int to = (int) Math.min(rows.count(), from + (blockEnd - global));
                if (blockNeeded != null && !blockNeeded.test(global / BLOCK_ROWS)) {
                    global += to - from; // a whole block the pass does not need (batches of readers never hold one)
                    from = to;
                    if (from == rows.count() && !wave.isEmpty()) {
                        finishWave(rows, wave);
                    }
                    continue;
                }
                P partial = open != null ? open : pool.isEmpty() ? task.newPartial() : pool.pop();
                open = null;
                wave.add(new Fragment<>(partial, from, to, rows.firstRow() + to == blockEnd));
                global += to - from;
                from = to;
                if (wave.size() == perWave || from == rows.count()) {
                    finishWave(rows, wave);
                }
            }
        }

        /** Accumulates the wave's fragments in parallel, then folds the completed blocks in order. */
        private void finishWave(Rows rows, List<Fragment<P>> wave) throws IOException {
            runWave(rows, task, wave);
            for (Fragment<P> f : wave) {
                if (f.completesBlock) {
                    task.fold(total, f.partial);
                    task.reset(f.partial);
                    pool.push(f.partial);
                } else {
                    open = f.partial; // only a batch's last fragment can end mid-block
                }
            }
            wave.clear();
        }
    }

    private static Callable<Integer> fill(PlannedReader reader, Rows rows) {
        return () -> reader.fill(rows);
    }

    private int wavesize(BlockTask<?> task) {
        long bytes = Math.max(1, task.partialBytes());
        long affordable = MAX_PARTIAL_BYTES / bytes;
        return (int) Math.max(threads, Math.min(4L * threads, affordable));
    }

    private <P> void runWave(Rows rows, BlockTask<P> task, List<Fragment<P>> wave) throws IOException {
        forEachIndex(wave.size(), threads, i -> task.accumulate(wave.get(i).partial, rows, wave.get(i).from, wave.get(i).to));
    }

    /**
     * From now on, fills each missing value (NaN) of every batch read with its column's {@code fills}
     * (null: none); rows {@code source} holds in memory are filled here, in place, once.
     */
    public void fillingMissing(double[] fills, BatchSource source) {
        this.fills = fills;
        FlatRows resident = fills == null ? null : inMemory(source);
        if (resident != null) {
            for (Rows chunk : resident.asBatches()) {
                chunk.fillMissing(0, chunk.count(), fills);
            }
        }
    }

    /**
     * {@code body} for every index below {@code n}, on at most {@code threads} threads of the shared
     * pool, each taking the next index (in order on one thread): the pool never runs more for one caller.
     */
    public static void forEachIndex(int n, int threads, IntConsumer body) throws IOException {
        if (threads == 1 || n <= 1) {
            for (int i = 0; i < n; i++) {
                body.accept(i);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        List<Callable<Void>> jobs = new ArrayList<>(threads);
        for (int t = 0; t < Math.min(threads, n); t++) {
            jobs.add(() -> {
                for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                    body.accept(i);
                }
                return null;
            });
        }
        invokeAll(jobs);
    }

    private static void invokeAll(List<Callable<Void>> jobs) throws IOException {
        try {
            for (Future<Void> done : Workers.POOL.invokeAll(jobs)) {
                await(done);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static <T> T await(Future<T> future) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IOException(cause);
        }
    }

    private static void quietlyAwait(Future<?> future) {
        try {
            future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            // the pass is already failing for another reason
        }
    }

    private record Fragment<P>(P partial, int from, int to, boolean completesBlock) {
    }
}
