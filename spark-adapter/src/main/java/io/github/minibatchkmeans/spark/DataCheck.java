package io.github.minibatchkmeans.spark;

import java.io.Serial;
import java.io.Serializable;

/**
 * The validating pass: row counts, the feature count and the first defect (by row id, so the same
 * one whatever the order tasks finish in), before the core's passes begin.
 */
final class DataCheck implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    long rows;
    long positive;
    int dims = -1;
    /** True if some row came as a sparse vector: the fit then runs on sparse rows. */
    boolean sparse;
    long problemId = Long.MAX_VALUE;
    String problem;

    static DataCheck of(Block block) {
        DataCheck check = new DataCheck();
        check.rows = block.weights().length;
        check.sparse = block.hasSparse();
        check.positive = block.positive();
        if (block.problem() != null) {
            check.problem = block.problem();
            check.problemId = block.firstId();
        }
        if (block.weights().length > 0) {
            check.dims = block.dims();
        }
        return check;
    }

    DataCheck merge(DataCheck other) {
        if (other.problemId < problemId) {
            problem = other.problem;
            problemId = other.problemId;
        }
        rows += other.rows;
        sparse |= other.sparse;
        positive += other.positive;
        if (other.dims >= 0 && dims >= 0 && other.dims != dims && problem == null) {
            problem = "rows have features vectors of sizes " + Math.min(dims, other.dims) + " and " + Math.max(dims, other.dims)
                    + "; all must have the same size";
            problemId = Long.MAX_VALUE - 1;
        } else if (other.dims >= 0) {
            dims = other.dims;
        }
        return this;
    }
}
