package io.github.minibatchkmeans.spark;

import io.github.minibatchkmeans.core.PassStatistics;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * Passes over the cached blocks, each one job: the driver broadcasts O(k·d) centers, every
 * partition folds its blocks into one {@link PassStatistics}, and a tree reduction merges them.
 * The core's sums are compensated term by term, so neither the partitioning nor the order in
 * which tasks finish changes a bit of the result.
 */
final class Passes {
    /** How the statistics of one partition start: which rows, if any, the pass also keeps. */
    interface Start extends Serializable {
        PassStatistics create(double[][] centers, double[] origin);
    }

    private final JavaSparkContext context;
    private final JavaRDD<Block> blocks;
    private final double[] origin;
    private final int depth;

    Passes(JavaSparkContext context, JavaRDD<Block> blocks, double[] origin, int depth) {
        this.context = context;
        this.blocks = blocks;
        this.origin = origin;
        this.depth = depth;
    }

    double[] origin() {
        return origin.clone();
    }

    /** One pass of every row against {@code centers}. */
    PassStatistics run(double[][] centers, Start start) {
        return run(centers, start, 1, 0);
    }

    /**
     * One pass of a Bernoulli sample of the rows — each kept with probability {@code fraction},
     * drawn per partition from {@code seed} (so the same for a seed and a partitioning).
     */
    PassStatistics run(double[][] centers, Start start, double fraction, long seed) {
        Broadcast<double[][]> shared = context.broadcast(centers);
        double[] from = origin;
        try {
            return blocks.mapPartitionsWithIndex((partition, it) -> {
                PassStatistics statistics = start.create(shared.value(), from);
                SplittableRandom random = fraction < 1 ? new SplittableRandom(mix(seed, partition)) : null;
                while (it.hasNext()) {
                    Block block = it.next();
                    if (random == null) {
                        statistics.add(block.rows(), block.weights(), block.firstId());
                    } else {
                        addSample(statistics, block, fraction, random);
                    }
                }
                return List.of(statistics).iterator();
            }, true).treeReduce(PassStatistics::merge, depth);
        } finally {
            shared.destroy();
        }
    }

    /** Adds the rows of {@code block} a coin of bias {@code fraction} picks; the j-th picked gets id firstId + j (still unique). */
    private static void addSample(PassStatistics statistics, Block block, double fraction, SplittableRandom random) {
        int n = block.rows().length;
        double[][] rows = new double[n][];
        double[] weights = new double[n];
        int picked = 0;
        for (int i = 0; i < n; i++) {
            if (random.nextDouble() < fraction) {
                rows[picked] = block.rows()[i];
                weights[picked++] = block.weights()[i];
            }
        }
        statistics.add(Arrays.copyOf(rows, picked), Arrays.copyOf(weights, picked), block.firstId());
    }

    /** Distinct streams per (seed, partition): SplitMix64's finalizer of the pair. */
    private static long mix(long seed, int partition) {
        long z = seed * 0x9E3779B97F4A7C15L + partition;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        return z ^ (z >>> 27);
    }
}
