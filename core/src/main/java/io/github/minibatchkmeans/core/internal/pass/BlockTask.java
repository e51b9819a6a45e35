package io.github.minibatchkmeans.core.internal.pass;

import io.github.minibatchkmeans.core.internal.rows.Rows;

/**
 * What one pass computes. Rows are cut into fixed blocks by global row index; each block gets a
 * partial result accumulated in row order from a fresh (reset) state, and block partials are
 * folded into the total strictly in block order. That makes the result independent of batch size
 * and thread count, bit for bit.
 *
 * @param <P> the partial (and total) result type; a partial is used by one thread at a time
 */
public interface BlockTask<P> {

    /** A fresh, empty partial. */
    P newPartial();

    /** Adds rows {@code [from, to)} of {@code rows}, all of one block, to {@code partial}, in order. */
    void accumulate(P partial, Rows rows, int from, int to);

    /** Folds a completed block's partial into the running total; called in block order. */
    void fold(P total, P block);

    /** Empties a partial for reuse. */
    void reset(P partial);

    /** Approximate size of one partial, to bound how many are alive at once. */
    default long partialBytes() {
        return 0;
    }
}
