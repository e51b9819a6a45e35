package io.github.minibatchkmeans.spark;

import io.github.minibatchkmeans.core.PassEngine;
import io.github.minibatchkmeans.core.PassStatistics;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * The core's {@link PassEngine} on Spark: the cached blocks, one job per pass. The driver
 * broadcasts the O(k·d) centers, every partition folds its blocks into one {@link PassStatistics},
 * and a tree reduction merges them. The core's sums are compensated term by term, so neither the
 * partitioning nor the order in which tasks finish changes a bit of the result.
 */
final class Passes implements PassEngine {
    private final JavaSparkContext context;
    private final JavaRDD<Block> blocks;
    private final double[] mean;
    private final int depth;

    Passes(JavaSparkContext context, JavaRDD<Block> blocks, double[] mean, int depth) {
        this.context = context;
        this.blocks = blocks;
        this.mean = mean;
        this.depth = depth;
    }

    @Override
    public int dimensions() {
        return mean.length;
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    /** Rows are sampled per partition from {@code seed} and the partition's index: the same for a seed and a partitioning. */
    @Override
    public PassStatistics pass(double[][] centers, PassStatistics.Start start, double fraction, long seed) {
        Broadcast<double[][]> shared = context.broadcast(centers);
        double[] from = mean;
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
