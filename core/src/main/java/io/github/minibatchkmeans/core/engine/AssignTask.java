package io.github.minibatchkmeans.core.engine;

import io.github.minibatchkmeans.core.kernel.CentroidTable;
import io.github.minibatchkmeans.core.pass.BlockTask;
import io.github.minibatchkmeans.core.pass.PassRunner;
import io.github.minibatchkmeans.core.pass.Rows;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Labels every row in parallel and hands them to an {@link AssignmentSink} in input order. */
final class AssignTask implements BlockTask<AssignTask.Partial> {
    private final CentroidTable table;
    private final AssignmentSink sink;

    AssignTask(CentroidTable table, AssignmentSink sink) {
        this.table = table;
        this.sink = sink;
    }

    /** The labels of one block (fold order is row order, so the sink sees rows in order). */
    final class Partial {
        final int[] labels = new int[PassRunner.BLOCK_ROWS];
        final double[] distances = new double[PassRunner.BLOCK_ROWS];
        final double[] scratch = table.newScratch();
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
        for (int i = from; i < to; i++) {
            int offset = i * rows.dims;
            int c = table.nearest(rows.data, offset, p.scratch);
            p.labels[p.count] = c;
            p.distances[p.count] = table.distance(rows.data, offset, c);
            p.count++;
        }
    }

    @Override
    public void fold(Partial total, Partial block) {
        try {
            for (int i = 0; i < block.count; i++) {
                sink.accept(block.firstRow + i, block.labels[i], block.distances[i]);
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
}
