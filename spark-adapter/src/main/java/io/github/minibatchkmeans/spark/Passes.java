package io.github.minibatchkmeans.spark;

import io.github.minibatchkmeans.core.spi.PassEngine;
import io.github.minibatchkmeans.core.spi.PassStatistics;
import java.util.List;
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
    private final int dims;
    private final int depth;
    /** True if some row came as a sparse vector: every part adds its rows sparse. */
    private final boolean sparse;

    Passes(JavaSparkContext context, JavaRDD<Block> blocks, int dims, boolean sparse, int depth) {
        this.context = context;
        this.blocks = blocks;
        this.dims = dims;
        this.sparse = sparse;
        this.depth = depth;
    }

    @Override
    public boolean sparse() {
        return sparse;
    }

    @Override
    public int dimensions() {
        return dims;
    }

    @Override
    public PassStatistics pass(double[][] centers, PassStatistics.Start start) {
        Broadcast<double[][]> shared = context.broadcast(centers);
        boolean asSparse = sparse;
        try {
            return blocks.mapPartitions(it -> {
                PassStatistics statistics = start.create(shared.value());
                while (it.hasNext()) {
                    Block block = it.next();
                    block.addTo(statistics, asSparse);
                }
                return List.of(statistics).iterator();
            }, true).treeReduce(PassStatistics::merge, depth);
        } finally {
            shared.destroy();
        }
    }
}
