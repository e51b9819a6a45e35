package io.github.minibatchkmeans.core;

import io.github.minibatchkmeans.core.spi.PassEngine;
import io.github.minibatchkmeans.core.spi.PassStatistics;
import java.util.Arrays;

/** A {@link PassEngine} over in-memory rows cut into parts, merged in reverse order: the simplest distributed engine. */
final class PartsEngine implements PassEngine {
    private final double[][][] parts;
    private final long[] firstIds;

    PartsEngine(double[][] rows, int count) {
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
    public PassStatistics pass(double[][] centers, PassStatistics.Start start) {
        PassStatistics total = null;
        for (int p = parts.length - 1; p >= 0; p--) {
            PassStatistics part = start.create(centers).add(parts[p], null, firstIds[p]);
            total = total == null ? part : total.merge(part);
        }
        return total;
    }
}
