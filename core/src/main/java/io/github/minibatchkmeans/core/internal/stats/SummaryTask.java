package io.github.minibatchkmeans.core.internal.stats;

import io.github.minibatchkmeans.core.internal.pass.BlockTask;
import io.github.minibatchkmeans.core.internal.pass.Rows;

/**
 * The statistics pass: counts, weighted mean and variance per feature (West's weighted update
 * within a block, Chan et al.'s pairwise merge across blocks, both stable for large n), and a
 * {@link Reservoir} sample.
 */
public final class SummaryTask implements BlockTask<SummaryTask.Partial> {
    private final int dims;
    private final int sampleSize;
    private final long seed;

    public SummaryTask(int dims, int sampleSize, long seed) {
        this.dims = dims;
        this.sampleSize = sampleSize;
        this.seed = seed;
    }

    /** Running statistics of a set of rows. */
    public final class Partial {
        long rows;
        long positiveRows;
        double weight;
        final double[] mean = new double[dims];
        final double[] m2 = new double[dims];
        final Reservoir sample = new Reservoir(sampleSize, dims, seed);

        public DataSummary toSummary() {
            double[] variance = new double[dims];
            for (int j = 0; j < dims; j++) {
                variance[j] = weight > 0 ? m2[j] / weight : 0;
            }
            return new DataSummary(rows, positiveRows, weight, mean.clone(), variance, sample.toSample());
        }
    }

    @Override
    public Partial newPartial() {
        return new Partial();
    }

    @Override
    public void accumulate(Partial p, Rows rows, int from, int to) {
        double[] x = rows.data;
        for (int i = from; i < to; i++) {
            double w = rows.weights[i];
            p.rows++;
            if (w == 0) {
                continue;
            }
            p.positiveRows++;
            p.weight += w;
            double share = w / p.weight;
            int base = i * dims;
            for (int j = 0; j < dims; j++) {
                double delta = x[base + j] - p.mean[j];
                p.mean[j] += share * delta;
                p.m2[j] += w * delta * (x[base + j] - p.mean[j]);
            }
            p.sample.offer(rows.rowIndex(i), w, x, base);
        }
    }

    @Override
    public void fold(Partial total, Partial block) {
        total.rows += block.rows;
        total.positiveRows += block.positiveRows;
        if (block.weight > 0) {
            double weight = total.weight + block.weight;
            double share = block.weight / weight;
            for (int j = 0; j < dims; j++) {
                double delta = block.mean[j] - total.mean[j];
                total.mean[j] += delta * share;
                total.m2[j] += block.m2[j] + delta * delta * total.weight * share;
            }
            total.weight = weight;
        }
        total.sample.merge(block.sample);
    }

    @Override
    public void reset(Partial p) {
        p.rows = 0;
        p.positiveRows = 0;
        p.weight = 0;
        java.util.Arrays.fill(p.mean, 0);
        java.util.Arrays.fill(p.m2, 0);
        p.sample.clear();
    }

    @Override
    public long partialBytes() {
        return 16L * dims + 8L * Math.min(sampleSize, io.github.minibatchkmeans.core.internal.pass.PassRunner.BLOCK_ROWS) * (dims + 4);
    }
}
