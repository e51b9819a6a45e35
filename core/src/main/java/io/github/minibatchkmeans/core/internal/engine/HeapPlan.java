package io.github.minibatchkmeans.core.internal.engine;

import io.github.minibatchkmeans.core.internal.pass.PassRunner;
import io.github.minibatchkmeans.core.internal.rows.RowFormat;
import java.util.OptionalLong;

/**
 * How a fit divides the heap. The buffers a fit needs whatever its rows — the seeding sample, the
 * batch buffers, each thread's centroids and sums — come first; per-row state (rows kept, held
 * rows, bounds) gets the configured share of the heap, but at most three quarters of what the
 * fixed buffers leave. A fit whose fixed buffers alone do not
 * fit the heap is refused before it reads a row, with what it needs, instead of failing midway.
 */
final class HeapPlan {
    /** Left for the JVM's own transient allocations and G1 rounding large arrays up to whole regions. */
    private static final long SLACK_BYTES = 24L << 20;
    private static final double SLACK_SHARE = 0.1;
    /** Each thread's block partials hold up to a block of sampled rows each, two blocks in flight. */
    private static final int PARTIAL_SAMPLE_ROWS = 2 * PassRunner.BLOCK_ROWS;
    /** Centroid-sized arrays each start holds once: its kernel's copies, its bounds' sums and moments, origins. */
    private static final int SHARED_COPIES = 3;
    /** Centroid-sized arrays each start holds per thread: a pass's partial shifts and moments. */
    private static final int THREAD_COPIES = 2;
    /** Of what the fixed buffers leave, the most per-row state may take: the rest is for each pass's transient arrays. */
    private static final double LEFT_FOR_ROWS = 0.75;
    /** Rows of the kernel's tile, centred into each thread's scratch; also the padding of a kernel panel (lanes). */
    private static final int TILE_ROWS = 8;

    private final long perRowBytes;

    private HeapPlan(long perRowBytes) {
        this.perRowBytes = perRowBytes;
    }

    /**
     * The plan for a fit of {@code settings} over rows of {@code dims} columns ({@code rows}, when
     * known), whose batch buffers hold {@code batchRows} rows each, in a heap of {@code maxHeap} bytes.
     *
     * @param sampled whether the statistics pass keeps a seeding sample
     * @throws SettingRejected when the fixed buffers leave nothing for the fit
     */
    static HeapPlan of(Settings settings, RowFormat format, int dims, OptionalLong rows, int batchRows, boolean sampled,
                       long maxHeap) {
        long known = rows.orElse(Long.MAX_VALUE);
        long sampleRows = sampled ? Math.min(settings.sampleRows(dims, maxHeap), known) : 0;
        long partialRows = sampled ? Math.min(Math.min((long) settings.threads() * PARTIAL_SAMPLE_ROWS, known),
                settings.threads() * 2L * sampleRows) : 0;
        long sample = (Settings.SAMPLE_COPIES * sampleRows + partialRows) * Settings.sampleRowBytes(dims);
        long batches = 2 * format.bufferBytes(batchRows, dims);
        long k = settings.k();
        // exact starts are iterated side by side, each with its own kernels, bounds and partials
        int starts = Initialization.restarts(settings, rows.orElse(1), dims, true);
        long centers = starts * (Math.max(k, TILE_ROWS) + SHARED_COPIES * k + settings.threads() * (THREAD_COPIES * k + TILE_ROWS))
                * 8 * dims;
        long fixed = sample + batches + centers;
        long usable = maxHeap - SLACK_BYTES - (long) (SLACK_SHARE * maxHeap);
        if (fixed > usable) {
            String parameter = sample >= Math.max(batches, centers) ? "sampleSize"
                    : centers <= batches ? "batchSize" : starts > 1 ? "nInit" : "k";
            throw new SettingRejected(parameter, "the heap (" + mb(maxHeap) + " MB) is too small: before any per-row state the fit "
                    + "needs about " + mb(fixed + maxHeap - usable) + " MB — the seeding sample of " + sampleRows + " rows ("
                    + mb(sample) + " MB), batch buffers (" + mb(batches) + " MB), centroids and sums of k = " + k + " for "
                    + starts + " start(s) on " + settings.threads() + " thread(s) (" + mb(centers) + " MB) and the JVM's headroom ("
                    + mb(maxHeap - usable) + " MB); give the JVM more (-Xmx) or lower this setting");
        }
        // the configured share of the heap, but never past what the fixed buffers leave, less room for transient garbage
        return new HeapPlan(Math.min(settings.budgetBytes(), (long) (LEFT_FOR_ROWS * (usable - fixed))));
    }

    private static long mb(long bytes) {
        return (bytes + (1 << 20) - 1) >> 20;
    }

    /** The bytes per-row state may take. */
    long perRowBytes() {
        return perRowBytes;
    }
}
