package io.github.minibatchkmeans.core.internal.assign;

import io.github.minibatchkmeans.core.internal.kernel.BlockLabels;
import io.github.minibatchkmeans.core.internal.kernel.Kernel;
import io.github.minibatchkmeans.core.internal.kernel.RowSink;
import io.github.minibatchkmeans.core.internal.pass.BlockTask;
import io.github.minibatchkmeans.core.internal.pass.PassRunner;
import io.github.minibatchkmeans.core.internal.rows.Rows;
import io.github.minibatchkmeans.core.internal.stats.ClusterStatistics;
import io.github.minibatchkmeans.core.spi.BatchSource;
import java.io.IOException;
import java.util.function.LongConsumer;

/**
 * One assignment pass (Lloyd 1982): each row goes to its nearest centroid and is added into that
 * centroid's sum-vector and weight. Dividing the folded sums by the weights afterwards is exactly
 * the in-memory Lloyd update. The inertia comes from the kernel's own scores (score + ‖x−o‖²), so
 * no row is measured twice.
 */
public final class LloydTask implements BlockTask<LloydTask.Partial> {
    private final Kernel kernel;
    private final int[] labelsOut;
    /** True if the pass also sums each cluster's distances ({@link ClusterStatistics#withSpread}). */
    private final boolean spread;

    /** @param labelsOut receives each row's label by row index, or null */
    public LloydTask(Kernel kernel, int[] labelsOut) {
        this(kernel, labelsOut, false);
    }

    /** A pass that also sums each cluster's distances when {@code spread}. */
    public LloydTask(Kernel kernel, int[] labelsOut, boolean spread) {
        this.kernel = kernel;
        this.labelsOut = labelsOut;
        this.spread = spread;
    }

    /** Statistics of one pass of {@code kernel}'s centroids over {@code source}. */
    public static ClusterStatistics pass(PassRunner runner, BatchSource source, Kernel kernel, int[] labelsOut,
                                         LongConsumer rowsDone) throws IOException {
        return runner.run(source, new LloydTask(kernel, labelsOut), rowsDone).statistics;
    }

    /** The statistics of a pass's folded result (a {@link Partial} of this task). */
    public static ClusterStatistics statisticsOf(Object folded) {
        return ((LloydTask.Partial) folded).statistics;
    }

    /** A block's statistics plus the labelling buffers of the thread filling it. */
    public final class Partial {
        final ClusterStatistics statistics = newStatistics();
        final BlockLabels block = new BlockLabels(kernel, PassRunner.BLOCK_ROWS, false);
        Rows rows;
        int from;
        /** Adds each row as soon as the kernel has scored it, from the centred copy still in the cache. */
        final RowSink add = (i, label, centred, offset, squared) -> {
            if (centred != null) {
                statistics.add(centred, offset, rows.weights[from + i], label, squared);
            } else {
                statistics.add(rows, from + i, rows.weights[from + i], label, squared);
            }
            if (labelsOut != null) {
                labelsOut[(int) rows.rowIndex(from + i)] = label;
            }
        };
    }

    private ClusterStatistics newStatistics() {
        ClusterStatistics statistics = new ClusterStatistics(kernel.k(), kernel.dims(), kernel.origin());
        return spread ? statistics.withSpread() : statistics;
    }

    @Override
    public Partial newPartial() {
        return new Partial();
    }

    @Override
    public void accumulate(Partial partial, Rows rows, int from, int to) {
        partial.rows = rows;
        partial.from = from;
        partial.block.assign(rows, from, to, partial.add);
    }

    @Override
    public void fold(Partial total, Partial block) {
        total.statistics.merge(block.statistics);
    }

    @Override
    public void reset(Partial partial) {
        partial.statistics.reset();
    }

    @Override
    public long partialBytes() {
        return 8L * kernel.k() * (kernel.dims() + 2) + 8L * PassRunner.BLOCK_ROWS * (kernel.dims() + 4);
    }
}
