package io.github.minibatchkmeans.core;

import java.util.Arrays;

/** A {@link PassEngine} over in-memory rows cut into parts, merged in reverse order: the simplest distributed engine. */
final class PartsEngine implements PassEngine {
    private final double[][][] parts;
    private final double[] mean;

    PartsEngine(double[][] rows, int count) {
        parts = new double[count][][];
        for (int p = 0; p < count; p++) {
            parts[p] = Arrays.copyOfRange(rows, (int) ((long) rows.length * p / count), (int) ((long) rows.length * (p + 1) / count));
        }
        mean = new double[rows[0].length];
        for (double[] row : rows) {
            for (int j = 0; j < mean.length; j++) {
                mean[j] += row[j] / rows.length;
            }
        }
    }

    @Override
    public int dimensions() {
        return mean.length;
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    @Override
    public PassStatistics pass(double[][] centers, PassStatistics.Start start) {
        PassStatistics total = null;
        for (int p = parts.length - 1; p >= 0; p--) {
            PassStatistics part = start.create(centers, mean).add(parts[p], null, (long) p << 40);
            total = total == null ? part : total.merge(part);
        }
        return total;
    }
}
