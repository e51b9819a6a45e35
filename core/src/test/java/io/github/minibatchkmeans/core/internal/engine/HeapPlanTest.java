package io.github.minibatchkmeans.core.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.minibatchkmeans.core.Initializers;
import io.github.minibatchkmeans.core.internal.rows.RowFormat;
import io.github.minibatchkmeans.core.internal.metric.Geometry;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The heap divided: fixed buffers first, per-row state a share of the rest, a refusal when nothing is left. */
class HeapPlanTest {
    private static final long MB = 1 << 20;

    private static Settings settings(int k, int threads, int sampleSize, long maxHeap) {
        return settings(k, threads, sampleSize, 0, maxHeap);
    }

    private static Settings settings(int k, int threads, int sampleSize, int nInit, long maxHeap) {
        return new Settings(k, Initializers.kMeansPlusPlus(), 300, 1e-4, 4096, threads, 1, sampleSize, false, nInit, Settings.Bounds.AUTO,
                maxHeap / 2, 0.01, 10, 0, Geometry.EUCLIDEAN, io.github.minibatchkmeans.core.internal.metric.NominalModes.NONE, Settings.Missing.ERROR);
    }

    /** MNIST's shape (70,000 × 784) with the default sample of 10,000 rows: the trial's failing heaps. */
    @Test
    void theSampleOfWideRowsIsCountedBeforePerRowState() {
        long heap = 384 * MB;
        int batch = 2_547; // what PassRunner.batchFor gives 784 columns at this heap
        HeapPlan plan = HeapPlan.of(settings(10, 1, 10_000, heap), RowFormat.DENSE, 784, OptionalLong.of(70_000), batch, true, heap);
        long sample = 2L * 10_000 * (8 * 784 + 24) + 2L * 1024 * (8 * 784 + 24);
        long buffers = 2L * batch * 8 * 785;
        long fixed = sample + buffers + 4L * 2 * 10 * 8 * 784;
        assertTrue(plan.perRowBytes() > 0);
        assertTrue(fixed + plan.perRowBytes() < 0.9 * heap - 24 * MB, "everything fits with slack: " + plan.perRowBytes());
        assertTrue(plan.perRowBytes() < heap / 2, "not the half of the heap it got before");
    }

    @Test
    void aHeapTooSmallForTheSampleIsRefusedUpFrontNamingTheSetting() {
        long heap = 128 * MB;
        SettingRejected refused = assertThrows(SettingRejected.class,
                () -> HeapPlan.of(settings(10, 1, 10_000, heap), RowFormat.DENSE, 784, OptionalLong.of(70_000), 1_273, true, heap));
        assertEquals("sampleSize", refused.parameter());
        assertEquals("the heap (128 MB) is too small: before any per-row state the fit needs about 179 MB — the seeding sample of "
                + "10000 rows (127 MB), batch buffers (16 MB), centroids and sums of k = 10 for 1 start(s) on 1 thread(s) (1 MB) and the JVM's "
                + "headroom (37 MB); give the JVM more (-Xmx) or lower this setting", refused.reason());
        // given centres need no sample: the same heap then suffices
        assertTrue(HeapPlan.of(settings(10, 1, 10_000, heap), RowFormat.DENSE, 784, OptionalLong.of(70_000), 1_273, false, heap).perRowBytes() > 0);
    }

    /**
     * One row of a million columns: the sample holds no more rows than the data has, but small data
     * gets 10 starts, iterated side by side, each with its kernels and partials of a million columns.
     */
    @Test
    void wideShortDataCountsItsStarts() {
        long heap = 512 * MB;
        HeapPlan plan = HeapPlan.of(settings(1, 1, 10_000, 1, heap), RowFormat.DENSE, 1_000_000, OptionalLong.of(1), 1, true, heap);
        assertTrue(plan.perRowBytes() > 0, "1 × 10^6 fits where 10,000 × 10^6 would not");
        SettingRejected refused = assertThrows(SettingRejected.class,
                () -> HeapPlan.of(settings(1, 1, 10_000, heap), RowFormat.DENSE, 1_000_000, OptionalLong.of(1), 1, true, heap));
        assertEquals("nInit", refused.parameter());
        assertTrue(refused.reason().contains("for 10 start(s)"), refused.reason());
    }

    @Test
    void manyCentroidsOnManyThreadsNameK() {
        long heap = 256 * MB;
        SettingRejected refused = assertThrows(SettingRejected.class,
                () -> HeapPlan.of(settings(20_000, 8, 1, heap), RowFormat.DENSE, 100, OptionalLong.of(1_000_000), 4096, true, heap));
        assertEquals("k", refused.parameter());
    }

    @Test
    void anAutomaticSampleOfTextWideRowsShrinksToTheHeapWhereAChosenOneIsRefused() {
        long heap = 1024 * MB;
        int dims = 1 << 16; // hashed text features: 10,000 dense sample rows would take 5 GB
        Settings automatic = new Settings(20, Initializers.kMeansPlusPlus(), 300, 1e-4, 4096, 2, 1, 10_000, true, 0,
                Settings.Bounds.AUTO, heap / 2, 0.01, 10, 0, Geometry.EUCLIDEAN, io.github.minibatchkmeans.core.internal.metric.NominalModes.NONE, Settings.Missing.ERROR);
        int rows = automatic.sampleRows(dims, heap);
        assertTrue(rows >= 20 && rows * (8L * dims) * 6 <= heap / 8, "a k-means++ sample within an eighth of the heap: " + rows);
        assertTrue(HeapPlan.of(automatic, RowFormat.SPARSE, dims, OptionalLong.of(100_000), 4096, true, heap).perRowBytes() > 0);
        assertEquals(10_000, settings(20, 2, 10_000, heap).sampleRows(dims, heap), "a sample size given is kept");
        SettingRejected refused = assertThrows(SettingRejected.class,
                () -> HeapPlan.of(settings(20, 2, 10_000, heap), RowFormat.SPARSE, dims, OptionalLong.of(100_000), 4096, true, heap));
        assertEquals("sampleSize", refused.parameter());
    }
}
