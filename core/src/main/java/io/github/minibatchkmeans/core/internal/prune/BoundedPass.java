package io.github.minibatchkmeans.core.internal.prune;

import io.github.minibatchkmeans.core.internal.kernel.Kernel;
import io.github.minibatchkmeans.core.internal.pass.BlockTask;
import io.github.minibatchkmeans.core.internal.pass.PassRunner;
import io.github.minibatchkmeans.core.internal.rows.Rows;
import io.github.minibatchkmeans.core.internal.stats.TopRows;

/**
 * One assignment pass that skips the distances, and the rows, the bounds settle.
 *
 * <p>A row whose upper bound u on the distance to its centroid stays below its lower bound l on
 * the distance to every other centroid keeps its label (Hamerly 2010: one lower bound per row;
 * Elkan 2003: one per centroid). As centroids move, u grows by its centroid's move and l shrinks by
 * the largest other move; both change by at most the total movement {@link Drift#total}, so the
 * bounds keep settling the row until that total has grown by about half the gap l − u: the row's
 * <em>deadline</em>. A pass touches only rows whose deadline has passed (and a block whose earliest
 * deadline has not passed is not read): it brings their bounds up to date with the exact moves since
 * they were taken, tries them, then tries them again with u tightened to one exact distance; a row
 * still unsettled is scored against every centroid by the kernel, exactly as an unpruned pass
 * would. So labels are always the kernel's; a bound test passes only with a margin larger than the
 * kernel's rounding ({@link Kernel#errorBound}). Rows that change cluster add their move to the
 * block's {@link Delta}. Out of core, each block's rows with the least budget left are held in
 * memory ({@link HeldRows}) for passes that can then leave the block unread.
 */
final class BoundedPass implements BlockTask<BoundedPass.Partial> {
    /** Relative slack on the squared bounds: covers rounding in the bound arithmetic itself. */
    private static final double SLACK = 1e-9;
    private static final double GROW = 1 + SLACK;
    private static final double SHRINK = 1 - SLACK;
    private static final double ROOT_TWO_SLACK = Math.sqrt(2 * SLACK);
    /** Covers the rounding of a float subtraction and product (2⁻²⁴ each) in the scan's budgets. */
    private static final float SHRINK_FLOAT = 1 - 0x1.0p-21f;

    private final BoundedState state;
    private final Kernel kernel;
    private final boolean first;
    private final boolean elkan;
    private final int k;
    private final int dims;
    private final int lowers;
    private final double[] origin;
    /** Twice the kernel's error bound on a squared distance: the margin every settled row must clear. */
    private final double margin;
    private final double rootMargin;
    /** The distance from each centroid to its nearest other one (twice Hamerly's s). */
    private final double[] twiceHalfNearest;
    /** Elkan: distances between centroids, row-major k × k. */
    private final double[] between;
    private final Drift drift;
    private final int now;
    /** Each cluster's clock now. */
    private final double[] clocks;
    /** The clocks rounded up to floats, for the scan: a deadline beyond one is beyond the clock. */
    private final float[] clocksUp;
    /** Where rows are held (null: nowhere), and by block the held rows this pass fills blocks from (null: read). */
    private final HeldRows held;
    private final HeldRows.Pinned[] pinned;
    /** Blocks this pass does not need (null: none); passes shared by restarts may still hand them over. */
    private final java.util.BitSet unneeded;
    /** Per cluster, updates per unit of budget at the last update's pace: ranks rows by how soon they come due. */
    private final double[] pace;

    BoundedPass(BoundedState state, Kernel kernel, boolean first, double[] halfNearest, double[] between, HeldRows held,
                HeldRows.Pinned[] pinned, java.util.BitSet unneeded) {
        this.state = state;
        this.kernel = kernel;
        this.first = first;
        this.elkan = state.elkan();
        this.k = kernel.k();
        this.dims = kernel.dims();
        this.lowers = elkan ? k : 1;
        this.origin = kernel.origin();
        this.margin = 2 * kernel.errorBound(state.largestRowNorm());
        this.rootMargin = Math.sqrt(margin);
        this.twiceHalfNearest = new double[k];
        for (int c = 0; c < k; c++) {
            twiceHalfNearest[c] = 2 * halfNearest[c];
        }
        this.between = between;
        this.drift = state.drift();
        this.now = drift.now();
        this.clocks = drift.clocks();
        this.clocksUp = drift.clocksUp();
        this.held = held;
        this.pinned = pinned;
        this.unneeded = unneeded;
        this.pace = drift.pace();
    }

    /** One block's buffers, changes and counts. */
    final class Partial {
        final Delta delta = new Delta(k, dims);
        final RowBounds.Window buffer = RowBounds.Window.buffer(PassRunner.BLOCK_ROWS, lowers);
        /** The rows' state being worked on: row r of the fragment at index {@code window.base + r}. */
        RowBounds.Window window;
        final double[] moves = new double[k];
        final int[] pending = new int[PassRunner.BLOCK_ROWS];
        int pendingCount;
        /** The block's rows to hold next: those due soonest (score: minus the updates left). */
        final TopRows candidates = held == null ? null : TopRows.presized(held.quota(), dims);
        final double[] norms = new double[PassRunner.BLOCK_ROWS];
        final int[] nearest = new int[PassRunner.BLOCK_ROWS];
        final double[] best = new double[PassRunner.BLOCK_ROWS];
        final double[] second = elkan ? null : new double[PassRunner.BLOCK_ROWS];
        final double[] scores = elkan ? new double[PassRunner.BLOCK_ROWS * k] : null;
        final double[] scratch = kernel.newScratch();
        long block = -1;
        /** The smallest budget left to a row of the block: its summary. */
        float budget = Float.POSITIVE_INFINITY;
        double largestNorm;
        long computed;
        /** Totals only: the folded moments of the pass. */
        Moments moments;
    }

    @Override
    public Partial newPartial() {
        return new Partial();
    }

    @Override
    public void accumulate(Partial p, Rows rows, int from, int to) {
        long firstRow = rows.rowIndex(from);
        p.block = firstRow / PassRunner.BLOCK_ROWS;
        int count = to - from;
        RowBounds.Window w = state.bounds().open(firstRow, count, p.buffer);
        p.window = w;
        p.pendingCount = 0;
        if (first) {
            for (int r = 0; r < count; r++) {
                p.pending[p.pendingCount++] = r;
            }
            compute(p, rows, from);
            offer(p, count, rows, from, firstRow);
        } else {
            float[] deadlines = w.deadline;
            int[] labels = w.labels;
            int[] list = p.pending;
            int base = w.base;
            float[] clocks = clocksUp;
            float budget = p.budget;
            int due = 0;
            for (int r = 0; r < count; r++) { // branch-free and all in float: due rows are few, and scattered
                float left = deadlines[base + r] - clocks[labels[base + r]];
                boolean settled = left > 0; // its bounds still settle it: not touched (exact: floats subtract exactly to 0 only when equal)
                list[due] = r;
                due += settled ? 0 : 1;
                float counted = settled ? left * SHRINK_FLOAT : Float.POSITIVE_INFINITY;
                budget = counted < budget ? counted : budget;
            }
            p.budget = budget;
            HeldRows.Pinned filledFrom = held == null ? null : pinned[(int) p.block];
            if (filledFrom != null) {
                requireFilled(filledFrom, p, due, firstRow);
            }
            for (int f = 0; f < due; f++) {
                int r = p.pending[f];
                if (!(elkan ? settleElkan(p, rows, from + r, r) : settleHamerly(p, rows, from + r, r))) {
                    p.pending[p.pendingCount++] = r;
                }
            }
            compute(p, rows, from);
            offer(p, count, rows, from, firstRow);
        }
        state.bounds().release(firstRow, count, w);
    }

    /**
     * In a block filled from held rows only the due held rows have values: a due row the plan did not
     * fill would be a planning bug, never a label.
     */
    private static void requireFilled(HeldRows.Pinned pinned, Partial p, int due, long firstRow) {
        int offset = (int) (firstRow % PassRunner.BLOCK_ROWS);
        for (int f = 0; f < due; f++) {
            int r = offset + p.pending[f];
            if (!pinned.pack().has(r) || (pinned.due()[r >>> 6] & 1L << r) == 0) {
                throw new IllegalStateException("row " + (firstRow + p.pending[f]) + " is due but was not read");
            }
        }
    }

    /**
     * Offers the fragment's rows as rows to hold next, if it read them. A block filled from held rows
     * offers none: it could only choose among the rows it holds, all of which fit its quota, so it
     * keeps them. Nor does a block this pass did not need (handed over because another restart's
     * pass did): some or all of its rows may have no values.
     */
    private void offer(Partial p, int count, Rows rows, int from, long firstRow) {
        if (!readWhole(p.block)) {
            return;
        }
        RowBounds.Window w = p.window;
        int offset = (int) (firstRow % PassRunner.BLOCK_ROWS);
        TopRows candidates = p.candidates;
        for (int r = 0; r < count; r++) {
            int label = w.labels[w.base + r];
            double soon = -(w.deadline[w.base + r] - clocks[label]) * pace[label];
            if (soon >= candidates.floor()) {
                candidates.offer(soon, offset + r, rows.weights[from + r], 0, rows, from + r);
            }
        }
    }

    /** True if rows are held and this pass read block {@code block} from the source: it has every row's values. */
    private boolean readWhole(long block) {
        return held != null && pinned[(int) block] == null && (unneeded == null || !unneeded.get((int) block));
    }

    private boolean clears(double upper, double lowerBound) {
        return lowerBound > upper && upper * upper * GROW + margin < lowerBound * lowerBound * SHRINK;
    }

    /**
     * How far the row's cluster clock may advance before its bounds could fail to settle it. Two
     * bounds settle a row, and each has a budget; the row keeps the larger. The gap l − u shrinks by
     * at most the clock's advance Δ. Hamerly's other bound, 2s − u (2s: the distance from the row's
     * centroid to the nearest other one), loses at most 2Δ while u gains Δ, so it settles the row
     * while Δ < (2s − 2u)/3. Either way, a gap above √margin + √(2·slack)·b (b the larger bound)
     * is enough for the squared test: its product with the sum is at least its square, which
     * exceeds margin + 2·slack·b². No division: it runs per row.
     */
    private double budget(double upper, double lower, int own) {
        double apart = twiceHalfNearest[own];
        double gap = Math.max(lower - upper, (apart - 2 * upper) * (1.0 / 3));
        return gap - rootMargin - ROOT_TWO_SLACK * Math.max(lower, apart);
    }

    /** Records a settled row's bounds, taken now, and its deadline on its cluster's clock. */
    private void keep(Partial p, int row, double upper, float lower) {
        RowBounds.Window w = p.window;
        w.upper[row] = RowBounds.up(upper);
        if (!elkan) {
            w.lower[row] = lower;
        }
        w.stamp[row] = now;
        double left = budget(upper, lower, w.labels[row]);
        left = left > 0 ? left * SHRINK : 0;
        w.deadline[row] = RowBounds.down(clocks[w.labels[row]] + left);
        float counted = (float) (left * SHRINK);
        if (counted < p.budget) {
            p.budget = counted;
        }
    }

    /**
     * Hamerly's test for a due row: its upper bound grows by its centroid's move, its lower bound
     * shrinks by the largest move, since the bounds were taken; the label stands if the upper bound
     * stays below both the lower bound and the distance to the nearest other centroid minus the
     * upper bound — as it is, or tightened to one exact distance.
     */
    private boolean settleHamerly(Partial p, Rows rows, int i, int r) {
        RowBounds.Window w = p.window;
        int row = w.base + r;
        int own = w.labels[row];
        int since = w.stamp[row];
        double upper = w.upper[row] + drift.of(own, since);
        float lower = RowBounds.down(w.lower[row] - drift.largest(since));
        w.lower[row] = lower;
        if (!clears(upper, Math.max(lower, twiceHalfNearest[own] - upper))) {
            upper = exact(rows, i, own);
            if (!clears(upper, Math.max(lower, twiceHalfNearest[own] - upper))) {
                return false;
            }
        }
        keep(p, row, upper, lower);
        return true;
    }

    /**
     * Elkan's test for a due row: a lower bound per centroid, each shrinking by that centroid's own
     * move; the label stands if the upper bound stays below, for every other centroid, its lower
     * bound or its distance to the row's centroid minus the upper bound — as it is, or tightened.
     */
    private boolean settleElkan(Partial p, Rows rows, int i, int r) {
        RowBounds.Window w = p.window;
        int row = w.base + r;
        int own = w.labels[row];
        drift.all(w.stamp[row], p.moves);
        int base = row * k;
        float lowest = Float.POSITIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            float lower = RowBounds.down(w.lower[base + c] - p.moves[c]);
            w.lower[base + c] = lower;
            lowest = c != own && lower < lowest ? lower : lowest;
        }
        double upper = w.upper[row] + p.moves[own];
        if (!settledElkan(w, base, own, upper)) {
            upper = exact(rows, i, own);
            if (!settledElkan(w, base, own, upper)) {
                return false;
            }
        }
        keep(p, row, upper, lowest);
        return true;
    }

    private boolean settledElkan(RowBounds.Window w, int base, int own, double upper) {
        if (clears(upper, twiceHalfNearest[own] - upper)) { // every other centroid is at least this far
            return true;
        }
        int at = own * k;
        for (int c = 0; c < k; c++) {
            if (c != own && !clears(upper, Math.max(w.lower[base + c], between[at + c] - upper))) {
                return false;
            }
        }
        return true;
    }

    /** An upper bound from the exact distance to centroid c: direct differences err by at most (d+2)·u relatively. */
    private double exact(Rows rows, int i, int c) {
        return Math.sqrt(kernel.distanceForBound(rows, i, c) * (1 + 4.0 * (dims + 2) * 0x1.0p-53));
    }

    /** Scores the unsettled rows against every centroid, and records their labels, bounds and moves. */
    private void compute(Partial p, Rows rows, int from) {
        int count = p.pendingCount;
        if (count == 0) {
            return;
        }
        p.computed += count;
        for (int q = 0; q < count; q++) {
            p.pending[q] += from; // rows of the batch, for the kernel
        }
        if (elkan) {
            kernel.scores(rows, 0, p.pending, count, p.scores, p.norms, p.scratch);
            for (int q = 0; q < count; q++) {
                int label = 0;
                for (int c = 1; c < k; c++) {
                    label = p.scores[q * k + c] < p.scores[q * k + label] ? c : label; // ties: lowest index
                }
                p.nearest[q] = label;
                p.best[q] = p.scores[q * k + label];
            }
        } else {
            kernel.nearest(rows, 0, p.pending, count, p.nearest, p.best, p.second, p.norms, p.scratch, null);
        }
        RowBounds.Window w = p.window;
        for (int q = 0; q < count; q++) {
            int r = p.pending[q] - from;
            int label = p.nearest[q];
            double norm = p.norms[q];
            double error = kernel.errorBound(Math.sqrt(norm)); // this row's own: valid before the largest norm is known
            p.largestNorm = Math.max(p.largestNorm, norm);
            int row = w.base + r;
            int was = first ? -1 : w.labels[row];
            w.labels[row] = label;
            float lowest;
            if (elkan) {
                lowest = Float.POSITIVE_INFINITY;
                for (int c = 0; c < k; c++) {
                    float lower = c == label ? 0f : RowBounds.down(Math.sqrt(Math.max(0, p.scores[q * k + c] + norm - error)));
                    w.lower[row * k + c] = lower;
                    lowest = c != label && lower < lowest ? lower : lowest;
                }
            } else {
                lowest = RowBounds.down(Math.sqrt(Math.max(0, p.second[q] + norm - error)));
            }
            keep(p, row, Math.sqrt(Math.max(0, p.best[q] + norm + error)), lowest);
            if (label != was) {
                double weight = rows.weights[from + r];
                if (was >= 0) {
                    p.delta.add(was, rows, from + r, origin, weight, norm, -1);
                }
                p.delta.add(label, rows, from + r, origin, weight, norm, 1);
            }
        }
    }

    @Override
    public void fold(Partial total, Partial block) {
        if (total.moments == null) {
            total.moments = new Moments(k, dims);
        }
        total.moments.add(block.delta);
        total.computed += block.computed;
        total.largestNorm = Math.max(total.largestNorm, block.largestNorm);
        state.visit(block.block, block.budget);
        if (readWhole(block.block)) { // else the block keeps what it holds
            held.hold(block.block, block.candidates);
        }
    }

    @Override
    public void reset(Partial p) {
        p.delta.clear();
        p.block = -1;
        p.budget = Float.POSITIVE_INFINITY;
        if (p.candidates != null) {
            p.candidates.clear();
        }
        p.largestNorm = 0;
        p.computed = 0;
    }

    @Override
    public long partialBytes() {
        return 8L * k * (dims + 2) + 8L * PassRunner.BLOCK_ROWS * (6 + (elkan ? k : 1)) + 4L * PassRunner.BLOCK_ROWS * (3 + lowers)
                + (held == null ? 0 : 8L * held.quota() * (dims + 3));
    }
}
