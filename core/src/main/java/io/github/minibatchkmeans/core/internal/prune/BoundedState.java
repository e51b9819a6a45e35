package io.github.minibatchkmeans.core.internal.prune;

import io.github.minibatchkmeans.core.internal.pass.PassRunner;

/**
 * What pruning remembers between passes: per-row bounds with their deadlines ({@link RowBounds}),
 * a summary of each block's deadlines, and the centroids' moves ({@link Drift}). A row whose
 * deadline is still ahead of its cluster's clock cannot change cluster and is not touched; a block
 * whose rows all had more budget left at its last visit than twice the total movement since is not
 * even read.
 */
final class BoundedState implements AutoCloseable {
    private final boolean elkan;
    private final RowBounds bounds;
    private final Drift drift;
    /** When each block was last visited, as {@link Drift#total} then (-1: never). */
    private final double[] blockVisited;
    /** The smallest budget left to any row of the block at that visit (how far its clock could still go). */
    private final float[] blockBudget;
    private double largestRowNorm;

    BoundedState(long rows, int k, boolean elkan, long budgetBytes) {
        this.elkan = elkan;
        this.bounds = RowBounds.create(rows, elkan ? k : 1, budgetBytes);
        this.drift = new Drift(k);
        int blocks = (int) ((rows + PassRunner.BLOCK_ROWS - 1) / PassRunner.BLOCK_ROWS);
        this.blockVisited = new double[blocks];
        this.blockBudget = new float[blocks];
        java.util.Arrays.fill(blockVisited, -1);
    }

    boolean elkan() {
        return elkan;
    }

    RowBounds bounds() {
        return bounds;
    }

    Drift drift() {
        return drift;
    }

    int blocks() {
        return blockBudget.length;
    }

    /** The largest ‖x−o‖ over the rows, known after the first pass. */
    double largestRowNorm() {
        return largestRowNorm;
    }

    void largestRowNorm(double norm) {
        largestRowNorm = norm;
    }

    /** Records a visit of block b now: its rows' smallest budget left. */
    void visit(long block, float budget) {
        blockVisited[(int) block] = drift.total();
        blockBudget[(int) block] = budget;
    }

    /** Makes the block holding {@code row} due (a row in it changed outside a pass). */
    void invalidate(long row) {
        blockBudget[(int) (row / PassRunner.BLOCK_ROWS)] = 0f;
    }

    /** True if no row of block b can be due: every clock advanced at most 2·(total movement) since the visit. */
    boolean settled(long block) {
        int b = (int) block;
        return block < blockBudget.length && blockVisited[b] >= 0
                && 2 * (drift.total() - blockVisited[b]) < blockBudget[b];
    }

    /** What a pass must do with a block that its summary does not settle. */
    enum Need {
        /** No row is due: leave it unread. */
        NONE,
        /** Every due row is held in memory: fill it from there. */
        HELD,
        /** Read it. */
        READ
    }

    /**
     * What block b needs on {@code clocksUp}, from its rows' own deadlines, read from the bounds
     * (memory or scratch file): worth it when reading the block itself would cost I/O. A row is due
     * exactly when {@link BoundedPass} will touch it. {@code held} (may be null) are the block's held
     * rows; for {@link Need#HELD}, {@code due} is set to the due rows (by offset).
     */
    Need need(long block, float[] clocksUp, RowBounds.Window buffer, HeldRows.Pack held, long[] due) {
        long first = block * PassRunner.BLOCK_ROWS;
        int count = (int) Math.min(PassRunner.BLOCK_ROWS, bounds.rows - first);
        RowBounds.Window w = bounds.open(first, count, buffer);
        java.util.Arrays.fill(due, 0);
        Need need = Need.NONE;
        for (int r = 0; r < count; r++) {
            if (!(w.deadline[w.base + r] > clocksUp[w.labels[w.base + r]])) {
                if (held == null || !held.has(r)) {
                    return Need.READ;
                }
                due[r >>> 6] |= 1L << r;
                need = Need.HELD;
            }
        }
        return need;
    }

    @Override
    public void close() {
        bounds.close();
    }
}
