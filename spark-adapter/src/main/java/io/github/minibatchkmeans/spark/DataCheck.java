package io.github.minibatchkmeans.spark;

import io.github.minibatchkmeans.core.PassStatistics;
import java.io.Serial;
import java.io.Serializable;

/**
 * The first pass: row counts, the feature count, the first defect (by row id, so the same one
 * whatever the order tasks finish in), and the weighted mean — the origin every later pass
 * measures from. The mean is the one centroid of a one-center {@link PassStatistics}, so it is
 * compensated too.
 */
final class DataCheck implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    long rows;
    long positive;
    int dims = -1;
    long problemId = Long.MAX_VALUE;
    String problem;
    PassStatistics sums;

    static DataCheck of(Block block) {
        DataCheck check = new DataCheck();
        check.rows = block.rows().length;
        check.positive = block.positive();
        if (block.problem() != null) {
            check.problem = block.problem();
            check.problemId = block.firstId();
        }
        if (block.rows().length > 0) {
            check.dims = block.rows()[0].length;
            check.sums = PassStatistics.of(new double[1][check.dims], new double[check.dims]).add(block.rows(), block.weights(),
                    block.firstId());
        }
        return check;
    }

    DataCheck merge(DataCheck other) {
        if (other.problemId < problemId) {
            problem = other.problem;
            problemId = other.problemId;
        }
        rows += other.rows;
        positive += other.positive;
        if (other.dims >= 0 && dims >= 0 && other.dims != dims && problem == null) {
            problem = "rows have features vectors of sizes " + Math.min(dims, other.dims) + " and " + Math.max(dims, other.dims)
                    + "; all must have the same size";
            problemId = Long.MAX_VALUE - 1;
        } else if (other.sums != null && problem == null) {
            sums = sums == null ? other.sums : sums.merge(other.sums);
            dims = other.dims;
        }
        return this;
    }

    /** The weighted mean of the rows. */
    double[] mean() {
        return sums.means()[0];
    }
}
