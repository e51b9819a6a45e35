package io.github.minibatchkmeans.core.internal.assign;

import io.github.minibatchkmeans.core.internal.kernel.CentroidTable;
import io.github.minibatchkmeans.core.internal.pass.BlockTask;
import io.github.minibatchkmeans.core.internal.pass.PassRunner;
import io.github.minibatchkmeans.core.internal.pass.Rows;
import io.github.minibatchkmeans.core.spi.BatchSource;
import io.github.minibatchkmeans.core.internal.stats.ClusterStatistics;
import java.io.IOException;
import java.util.function.LongConsumer;

/**
 * One assignment pass (Lloyd 1982): each row goes to its nearest centroid and is added into that
 * centroid's sum-vector and weight. Dividing the folded sums by the weights afterwards is exactly
 * the in-memory Lloyd update.
 */
public final class LloydTask implements BlockTask<LloydTask.Partial> {
    private final CentroidTable table;
    private final int farthestToKeep;
    private final int[] labelsOut;

    /**
     * @param farthestToKeep how many far points to remember for relocating empty clusters
     * @param labelsOut      receives each row's label by row index, or null
     */
    public LloydTask(CentroidTable table, int farthestToKeep, int[] labelsOut) {
        this.table = table;
        this.farthestToKeep = farthestToKeep;
        this.labelsOut = labelsOut;
    }

    /** Statistics of one pass of {@code centers} over {@code source}. */
    public static ClusterStatistics pass(PassRunner runner, BatchSource source, double[][] centers, int farthestToKeep,
                                         LongConsumer rowsDone) throws IOException {
        return pass(runner, source, centers, farthestToKeep, null, rowsDone);
    }

    /** As {@link #pass(PassRunner, BatchSource, double[][], int, LongConsumer)}, also writing each row's label into {@code labelsOut}. */
    public static ClusterStatistics pass(PassRunner runner, BatchSource source, double[][] centers, int farthestToKeep,
                                         int[] labelsOut, LongConsumer rowsDone) throws IOException {
        return runner.run(source, new LloydTask(new CentroidTable(centers), farthestToKeep, labelsOut), rowsDone).statistics;
    }

    /** A block's statistics plus the kernel's scratch buffer of the thread filling it. */
    public final class Partial {
        final ClusterStatistics statistics = new ClusterStatistics(table.k(), table.dims(), farthestToKeep);
        final double[] scratch = table.newScratch();
        final int[] labels = new int[PassRunner.BLOCK_ROWS];
    }

    @Override
    public Partial newPartial() {
        return new Partial();
    }

    @Override
    public void accumulate(Partial partial, Rows rows, int from, int to) {
        int d = rows.dims;
        double[] x = rows.data;
        table.assign(x, from, to, partial.labels, 0, partial.scratch);
        for (int i = from; i < to; i++) {
            int offset = i * d;
            int c = partial.labels[i - from];
            // The expanded form only ranks centroids; the inertia uses the exact difference.
            double distance = table.distance(x, offset, c);
            partial.statistics.add(x, offset, rows.weights[i], c, distance, rows.rowIndex(i));
            if (labelsOut != null) {
                labelsOut[(int) rows.rowIndex(i)] = c;
            }
        }
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
        return 8L * table.k() * (table.dims() + 2) + 8L * farthestToKeep * (table.dims() + 4);
    }
}
