package io.github.minibatchkmeans.core.internal.coreset;

import io.github.minibatchkmeans.core.internal.rows.Arithmetic;
import io.github.minibatchkmeans.core.internal.stats.RowRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A streaming coreset by merge and reduce (Har-Peled &amp; Mazumdar 2004; reductions by k-means++
 * sampling as in StreamKM++, Ackermann et al. 2012). Rows fill a buffer of single-row groups; a
 * full buffer is reduced to {@code size} groups — representatives drawn by D² sampling, every
 * group merged into its nearest representative — and becomes a bucket of level 0; two buckets of
 * one level merge and reduce into one of the next, like a binary counter. So at any time there are
 * at most log₂(rows/buffer) buckets: memory is bounded whatever the number of rows, and every part
 * of the stream is represented by its own buckets, which is what makes the result nearly
 * independent of row order (a class-sorted stream loses nothing early on). A stream that never
 * fills the buffer is kept whole: its groups are the rows themselves.
 *
 * <p>Per-feature minimum, maximum and weighted sums are tracked over the whole stream. Distances
 * in reductions are measured with each feature scaled by the stream's range so far when asked
 * (the clustering will normalize features by their range), else in the rows' own units.
 */
public final class CoresetStream {
    private final int dims;
    private final int size;
    private final int bufferRows;
    private final long seed;
    private final boolean scaleByRange;
    private final List<Groups> levels = new ArrayList<>();
    private Groups buffer;
    private long reductions;
    private long rows;
    private double totalWeight;
    private final double[] min;
    private final double[] max;
    private final double[] weightedSum;

    /**
     * @param size       groups a reduction keeps
     * @param bufferRows rows kept whole before the first reduction (at least {@code size})
     */
    public CoresetStream(int dims, int size, int bufferRows, long seed, boolean scaleByRange) {
        this.dims = dims;
        this.size = size;
        this.bufferRows = Math.max(size, bufferRows);
        this.seed = seed;
        this.scaleByRange = scaleByRange;
        this.buffer = new Groups(dims, Math.min(this.bufferRows, 1024));
        this.min = new double[dims];
        this.max = new double[dims];
        this.weightedSum = new double[dims];
        Arrays.fill(min, Double.POSITIVE_INFINITY);
        Arrays.fill(max, Double.NEGATIVE_INFINITY);
    }

    /** The buffer's row count for a memory budget: as many whole rows as fit, at least {@code size}. */
    public static int bufferRows(int dims, int size, long budgetBytes) {
        long fit = budgetBytes / Groups.bytesPerGroup(dims) / 2; // the buffer, and the levels beside it
        return (int) Math.max(size, Math.min(1 << 17, fit));
    }

    /** Adds row {@code data[offset .. offset+dims)} with weight {@code w}. */
    public void add(double[] data, int offset, double w) {
        rows++;
        totalWeight += w;
        for (int j = 0; j < dims; j++) {
            double x = data[offset + j];
            min[j] = Math.min(min[j], x);
            max[j] = Math.max(max[j], x);
            weightedSum[j] += w * x;
        }
        if (w == 0) {
            return; // counted, but no weight to represent
        }
        buffer.addRow(data, offset, w);
        if (buffer.size == bufferRows) {
            push(reduce(buffer));
            buffer = new Groups(dims, 1024);
        }
    }

    /** Carries a new level-0 bucket up the levels, merging equal levels. */
    private void push(Groups bucket) {
        int level = 0;
        while (level < levels.size() && levels.get(level) != null) {
            Groups merged = new Groups(dims, 2 * size);
            Groups other = levels.get(level);
            for (int g = 0; g < other.size; g++) {
                merged.addGroup(other, g);
            }
            for (int g = 0; g < bucket.size; g++) {
                merged.addGroup(bucket, g);
            }
            levels.set(level, null);
            bucket = reduce(merged);
            level++;
        }
        if (level == levels.size()) {
            levels.add(bucket);
        } else {
            levels.set(level, bucket);
        }
    }

    /**
     * {@code size} groups for {@code in}: representatives by weighted D² sampling (k-means++), each
     * group merged into its nearest one. Stops early when every group sits on a representative.
     */
    Groups reduce(Groups in) {
        SplittableRandom random = new SplittableRandom(seed + 0x9E3779B97F4A7C15L * ++reductions);
        double[] scale = scaleByRange ? rangeScale() : null;
        double[] means = in.means(null, null);
        if (scale != null) {
            for (int g = 0; g < in.size; g++) {
                for (int j = 0; j < dims; j++) {
                    means[g * dims + j] *= scale[j];
                }
            }
        }
        int n = in.size;
        double[] nearest = new double[n];
        double[] cumulative = new double[n]; // running Σ weight × nearest: the next draw is a binary search
        int[] owner = new int[n];
        Arrays.fill(nearest, Double.POSITIVE_INFINITY);
        int[] chosen = new int[Math.min(size, n)];
        int count = 0;
        int next = firstByWeight(in.weight, n, random.nextDouble());
        while (true) {
            chosen[count] = next;
            int rep = count++;
            double cost = 0;
            for (int g = 0; g < n; g++) {
                double d = distance(means, g, next);
                if (d < nearest[g]) {
                    nearest[g] = d;
                    owner[g] = rep;
                }
                cost += in.weight[g] * nearest[g];
                cumulative[g] = cost;
            }
            if (count == chosen.length || cost == 0) {
                break;
            }
            next = RowRandom.firstAbove(cumulative, n, random.nextDouble() * cost);
        }
        Groups out = new Groups(dims, count);
        for (int r = 0; r < count; r++) {
            out.addGroup(in, chosen[r]);
        }
        for (int g = 0; g < n; g++) {
            if (chosen[owner[g]] != g) {
                out.merge(owner[g], in, g);
            }
        }
        return out;
    }

    /** Index of the first group whose cumulative weight exceeds {@code fraction} of the total. */
    private static int firstByWeight(double[] weight, int n, double fraction) {
        double total = 0;
        for (int g = 0; g < n; g++) {
            total += weight[g];
        }
        double target = fraction * total;
        double running = 0;
        for (int g = 0; g < n; g++) {
            running += weight[g];
            if (running > target) {
                return g;
            }
        }
        return n - 1;
    }

    private double distance(double[] means, int a, int b) {
        return Arithmetic.get().squaredDistance(means, a * dims, means, b * dims, dims);
    }

    /** 1/range per feature (1 for a constant feature), from the stream so far. */
    private double[] rangeScale() {
        double[] scale = new double[dims];
        for (int j = 0; j < dims; j++) {
            double range = max[j] - min[j];
            scale[j] = range > 0 ? 1 / range : 1;
        }
        return scale;
    }

    /** Every group now: the buffer's and every bucket's. */
    public Groups groups() {
        Groups all = new Groups(dims, buffer.size + size * levels.size());
        for (Groups bucket : levels) {
            if (bucket != null) {
                for (int g = 0; g < bucket.size; g++) {
                    all.addGroup(bucket, g);
                }
            }
        }
        for (int g = 0; g < buffer.size; g++) {
            all.addGroup(buffer, g);
        }
        return all;
    }

    /** True if some rows were merged into groups; false while the groups are the rows themselves. */
    public boolean reduced() {
        return reductions > 0;
    }

    public long rows() {
        return rows;
    }

    public double totalWeight() {
        return totalWeight;
    }

    public double[] min() {
        return min.clone();
    }

    public double[] max() {
        return max.clone();
    }

    /** The weighted mean of each feature over the stream. */
    public double[] mean() {
        double[] mean = new double[dims];
        for (int j = 0; j < dims; j++) {
            mean[j] = totalWeight > 0 ? weightedSum[j] / totalWeight : 0;
        }
        return mean;
    }
}
