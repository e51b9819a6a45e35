package io.github.minibatchkmeans.core;

import io.github.minibatchkmeans.core.spi.PassEngine;
import io.github.minibatchkmeans.core.spi.PassStatistics;
import java.util.Arrays;

/** A {@link PassEngine} over in-memory rows cut into parts, merged in reverse order: the simplest distributed engine. */
final class PartsEngine implements PassEngine {
    private final double[][][] parts;
    private final long[] firstIds;
    /** True if the parts add their rows sparse. */
    private final boolean sparse;

    PartsEngine(double[][] rows, int count) {
        this(rows, count, false);
    }

    /** {@code count} parts, adding their rows sparse (their non-zeros) when {@code sparse}. */
    PartsEngine(double[][] rows, int count, boolean sparse) {
        this.sparse = sparse;
        parts = new double[count][][];
        firstIds = new long[count];
        for (int p = 0; p < count; p++) {
            int from = (int) ((long) rows.length * p / count);
            parts[p] = Arrays.copyOfRange(rows, from, (int) ((long) rows.length * (p + 1) / count));
            firstIds[p] = from; // ids by position in the data, whatever the cut
        }
    }

    @Override
    public int dimensions() {
        return parts[0][0].length;
    }

    @Override
    public boolean sparse() {
        return sparse;
    }

    /** Passes run so far. */
    int passes;

    @Override
    public PassStatistics pass(double[][] centers, PassStatistics.Start start) {
        passes++;
        PassStatistics total = null;
        for (int p = parts.length - 1; p >= 0; p--) {
            PassStatistics part = sparse ? addSparse(start.create(centers), parts[p], firstIds[p])
                    : start.create(centers).add(parts[p], null, firstIds[p]);
            total = total == null ? part : total.merge(part);
        }
        return total;
    }

    private static PassStatistics addSparse(PassStatistics part, double[][] rows, long firstId) {
        int[] ends = new int[rows.length];
        int count = 0;
        for (double[] row : rows) {
            for (double v : row) {
                count += v != 0 ? 1 : 0;
            }
        }
        int[] indices = new int[count];
        double[] values = new double[count];
        long[] ids = new long[rows.length];
        int e = 0;
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < rows[i].length; j++) {
                if (rows[i][j] != 0) {
                    indices[e] = j;
                    values[e++] = rows[i][j];
                }
            }
            ends[i] = e;
            ids[i] = firstId + i;
        }
        return part.addSparse(ends, indices, values, null, ids);
    }
}
