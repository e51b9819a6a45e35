package io.github.minibatchkmeans.core.internal.assign;

import io.github.minibatchkmeans.core.internal.kernel.BlockLabels;
import io.github.minibatchkmeans.core.internal.kernel.Kernel;
import io.github.minibatchkmeans.core.internal.metric.Geometry;
import io.github.minibatchkmeans.core.spi.AssignmentSink;
import io.github.minibatchkmeans.core.spi.DistancesSink;
import io.github.minibatchkmeans.core.internal.pass.BlockTask;
import io.github.minibatchkmeans.core.internal.pass.PassRunner;
import io.github.minibatchkmeans.core.internal.rows.Rows;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Labels every row in parallel and hands the results over in input order (blocks fold in row
 * order): to an {@link AssignmentSink}, or with the distances to every centroid to a
 * {@link DistancesSink}.
 */
public final class AssignTask implements BlockTask<AssignTask.Partial> {
    private final Kernel table;
    private final Geometry geometry;
    private final AssignmentSink nearest;
    private final DistancesSink all;
    private final double[] distances;

    private AssignTask(Kernel table, Geometry geometry, AssignmentSink nearest, DistancesSink all) {
        this.table = table;
        this.geometry = geometry;
        this.nearest = nearest;
        this.all = all;
        this.distances = new double[table.k()];
    }

    /** Each row's label and its distance as {@code geometry} reports it, to {@code sink}. */
    public static AssignTask nearest(Kernel table, Geometry geometry, AssignmentSink sink) {
        return new AssignTask(table, geometry, sink, null);
    }

    /** Each row's label and its distance to every centroid ({@link Geometry#distance}), to {@code sink}. */
    public static AssignTask allDistances(Kernel table, Geometry geometry, DistancesSink sink) {
        return new AssignTask(table, geometry, null, sink);
    }

    /** The results of one block. */
    final class Partial {
        final int[] labels = new int[PassRunner.BLOCK_ROWS];
        final double[] squared = new double[PassRunner.BLOCK_ROWS * (all == null ? 1 : table.k())];
        final BlockLabels block = new BlockLabels(table, PassRunner.BLOCK_ROWS, false);
        long firstRow = -1;
        int count;
    }

    @Override
    public Partial newPartial() {
        return new Partial();
    }

    @Override
    public void accumulate(Partial p, Rows rows, int from, int to) {
        if (p.count == 0) {
            p.firstRow = rows.rowIndex(from);
        }
        int k = table.k();
        p.block.assign(rows, from, to);
        for (int i = from; i < to; i++) {
            int c = p.block.labels[i - from];
            p.labels[p.count] = c;
            if (all == null) {
                p.squared[p.count] = table.distance(rows, i, c);
            } else {
                for (int j = 0; j < k; j++) {
                    p.squared[p.count * k + j] = table.distance(rows, i, j);
                }
            }
            p.count++;
        }
    }

    @Override
    public void fold(Partial total, Partial block) {
        int k = table.k();
        try {
            for (int i = 0; i < block.count; i++) {
                if (all == null) {
                    nearest.accept(block.firstRow + i, block.labels[i], geometry.reported(block.squared[i]));
                } else {
                    for (int j = 0; j < k; j++) {
                        distances[j] = geometry.distance(block.squared[i * k + j]);
                    }
                    all.accept(block.firstRow + i, block.labels[i], distances);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void reset(Partial p) {
        p.count = 0;
        p.firstRow = -1;
    }

    @Override
    public long partialBytes() {
        return 8L * PassRunner.BLOCK_ROWS * (all == null ? 2 : table.k() + 1) + 8L * PassRunner.BLOCK_ROWS * (table.dims() + 4);
    }
}
