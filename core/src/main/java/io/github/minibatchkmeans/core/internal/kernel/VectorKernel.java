package io.github.minibatchkmeans.core.internal.kernel;

import io.github.minibatchkmeans.core.internal.rows.Rows;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The kernel on the Vector API: register tiles of 8 rows × 2 vectors of centroids (8 or 16
 * centroids, by the machine's vector width), 16 accumulators updated by fused multiply-add: each
 * panel load feeds eight rows, so the panel streams from L2 half as often as with four. The
 * centroids are laid out for it in panels: for each feature j, the panel's centroid values sit
 * side by side, so no horizontal sum is ever needed — each lane accumulates one (row, centroid)
 * dot product in feature order.
 *
 * <p>A panel costs its full width whatever number of centroids it holds, so centroids that fill
 * no more than one vector after the full panels take a half panel of one vector — at k = 8 with
 * 8-lane vectors one multiply-add per row and feature instead of two.
 *
 * <p>Loaded only when the {@code jdk.incubator.vector} module is present (see {@link Kernels}).
 */
final class VectorKernel extends Kernel {
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    private static final int PANEL = 2 * LANES;
    private static final int TILE = 8;
    private static final DoubleVector MINUS_TWO = DoubleVector.broadcast(SPECIES, -2.0);
    private static final DoubleVector INFINITE = DoubleVector.broadcast(SPECIES, Double.POSITIVE_INFINITY);
    private static final DoubleVector ZERO = DoubleVector.zero(SPECIES);
    /** 0, 1, …, LANES−1: a lane's centroid within its half-panel. */
    private static final DoubleVector LANE_INDEX = DoubleVector.zero(SPECIES).addIndex(1);
    /** Per row, lane-wise over the panels: lowest score, its centroid, second-lowest score. */
    private static final int STATE = 3 * PANEL;

    /** Panels of {@link #PANEL} centroids, the last one padded if need be. */
    private final int panels;
    /** Whether one panel of {@link #LANES} centroids (padded if need be) follows them. */
    private final boolean half;
    /** Centred centroids in panels: {@code (c − o)_j} of centroid {@code p·PANEL + i} at {@code (p·d + j)·PANEL + i}; then the half panel's at {@code halfAt + j·LANES + i}. */
    private final double[] packed;
    private final int halfAt;
    /** {@code ‖c−o‖²} of the panels' centroids, padded with +∞ so that padding centroids never win. */
    private final double[] paddedBias;

    VectorKernel(double[][] centers, double[] origin) {
        super(centers, origin);
        int rest = k % PANEL;
        this.panels = k / PANEL + (rest > LANES ? 1 : 0);
        this.half = rest > 0 && rest <= LANES;
        this.halfAt = panels * dims * PANEL;
        this.packed = new double[halfAt + (half ? dims * LANES : 0)];
        this.paddedBias = new double[panels * PANEL + (half ? LANES : 0)];
        java.util.Arrays.fill(paddedBias, Double.POSITIVE_INFINITY);
        for (int c = 0; c < k; c++) {
            int p = c / PANEL;
            for (int j = 0; j < dims; j++) {
                int at = p < panels ? (p * dims + j) * PANEL + c % PANEL : halfAt + j * LANES + c % PANEL;
                packed[at] = centers[c][j] - origin[j];
            }
            paddedBias[c] = bias[c];
        }
    }

    @Override
    public String name() {
        return "vector";
    }

    /** Scratch: eight centred rows, one panel's scores for each of them, then each row's running lane-wise minima. */
    @Override
    public double[] newScratch() {
        return new double[TILE * dims + TILE * PANEL + TILE * STATE];
    }

    @Override
    public void nearest(Rows rows, int first, int[] rowIndex, int count, int[] labels, double[] best, double[] second,
                        double[] norms, double[] scratch, RowSink sink) {
        int scores = TILE * dims;
        int state = scores + TILE * PANEL;
        boolean withSecond = second != null;
        for (int r = 0; r < count; r += TILE) {
            int tile = Math.min(TILE, count - r);
            VectorRows.centre(rows, first, rowIndex, r, tile, originValues(), dims, scratch, norms);
            for (int q = 0; q < tile; q++) { // whole-vector stores: the folds load whole vectors, which scalar stores could not forward
                int at = state + q * STATE;
                for (int lane = 0; lane < PANEL; lane += LANES) {
                    INFINITE.intoArray(scratch, at + lane);
                    ZERO.intoArray(scratch, at + PANEL + lane);
                    INFINITE.intoArray(scratch, at + 2 * PANEL + lane);
                }
            }
            for (int p = 0; p < panels; p++) {
                scoresOfTile(scratch, tile, p, scores);
                DoubleVector offset = DoubleVector.broadcast(SPECIES, p * PANEL);
                for (int q = 0; q < tile; q++) {
                    int at = scores + q * PANEL;
                    int st = state + q * STATE;
                    foldLanes(scratch, at, st, offset.add(LANE_INDEX), withSecond);
                    foldLanes(scratch, at + LANES, st + LANES, offset.add(LANE_INDEX).add(LANES), withSecond);
                }
            }
            if (half) {
                halfScoresOfTile(scratch, tile, scores);
                DoubleVector centroids = DoubleVector.broadcast(SPECIES, panels * PANEL).add(LANE_INDEX);
                for (int q = 0; q < tile; q++) {
                    foldLanes(scratch, scores + q * PANEL, state + q * STATE, centroids, withSecond);
                }
            }
            for (int q = 0; q < tile; q++) {
                pick(scratch, state + q * STATE, r + q, labels, best, second);
            }
            for (int q = 0; q < tile; q++) {
                boolean gaps = Double.isNaN(norms[r + q]); // missing values, left out (MissingValues.IGNORE)
                if (gaps) {
                    nearestWithGaps(rows, rowAt(first, rowIndex, r + q), r + q, labels, best, second, norms);
                }
                if (sink != null) {
                    sink.accept(r + q, labels[r + q], gaps ? null : scratch, q * dims, Math.max(0, best[r + q] + norms[r + q]));
                }
            }
        }
    }

    /**
     * Folds a vector of scores into its lanes' running lowest score, its centroid and the second
     * lowest — without a branch, which on scattered data mispredicts as often as a lower score turns up.
     * A strict comparison keeps the earlier panel on ties: the lower centroid index.
     */
    private static void foldLanes(double[] scratch, int scores, int state, DoubleVector centroids, boolean withSecond) {
        DoubleVector score = DoubleVector.fromArray(SPECIES, scratch, scores);
        DoubleVector lowest = DoubleVector.fromArray(SPECIES, scratch, state);
        VectorMask<Double> lower = score.lt(lowest);
        if (withSecond) {
            // lower: the old lowest becomes second; else the score may: min(second, max(score, lowest)) covers both.
            DoubleVector next = DoubleVector.fromArray(SPECIES, scratch, state + 2 * PANEL);
            next.min(score.max(lowest)).intoArray(scratch, state + 2 * PANEL);
        }
        lowest.blend(score, lower).intoArray(scratch, state);
        DoubleVector.fromArray(SPECIES, scratch, state + PANEL).blend(centroids, lower).intoArray(scratch, state + PANEL);
    }

    @Override
    public void scores(Rows rows, int first, int[] rowIndex, int count, double[] out, double[] norms, double[] scratch) {
        int scores = TILE * dims;
        for (int r = 0; r < count; r += TILE) {
            int tile = Math.min(TILE, count - r);
            VectorRows.centre(rows, first, rowIndex, r, tile, originValues(), dims, scratch, norms);
            for (int p = 0; p < panels; p++) {
                scoresOfTile(scratch, tile, p, scores);
                int width = Math.min(PANEL, k - p * PANEL);
                for (int q = 0; q < tile; q++) {
                    System.arraycopy(scratch, scores + q * PANEL, out, (r + q) * k + p * PANEL, width);
                }
            }
            if (half) {
                halfScoresOfTile(scratch, tile, scores);
                int width = k - panels * PANEL;
                for (int q = 0; q < tile; q++) {
                    System.arraycopy(scratch, scores + q * PANEL, out, (r + q) * k + panels * PANEL, width);
                }
            }
            for (int q = 0; q < tile; q++) {
                if (Double.isNaN(norms[r + q])) {
                    scoresWithGaps(rows, rowAt(first, rowIndex, r + q), r + q, out, norms);
                }
            }
        }
    }

    private void scoresOfTile(double[] scratch, int tile, int p, int scores) {
        if (tile == TILE) {
            scoresOfEightRows(scratch, p, scratch, scores);
        } else {
            for (int q = 0; q < tile; q++) {
                scoresOfOneRow(scratch, q * dims, p, scratch, scores + q * PANEL);
            }
        }
    }

    /**
     * Reduces one row's lanes to its lowest score, that centroid (ties: the lowest index) and the
     * second lowest — with whole-vector minima, not a branch per lane. A minimum is exact in any
     * order, so this is the same as scanning the lanes.
     */
    private static void pick(double[] scratch, int state, int r, int[] labels, double[] best, double[] second) {
        DoubleVector low0 = DoubleVector.fromArray(SPECIES, scratch, state);
        DoubleVector low1 = DoubleVector.fromArray(SPECIES, scratch, state + LANES);
        double lowest = low0.min(low1).reduceLanes(VectorOperators.MIN);
        DoubleVector index0 = DoubleVector.fromArray(SPECIES, scratch, state + PANEL);
        DoubleVector index1 = DoubleVector.fromArray(SPECIES, scratch, state + PANEL + LANES);
        double label = index0.blend(INFINITE, low0.compare(VectorOperators.NE, lowest))
                .min(index1.blend(INFINITE, low1.compare(VectorOperators.NE, lowest))).reduceLanes(VectorOperators.MIN);
        labels[r] = (int) label;
        best[r] = lowest;
        if (second != null) { // every other lane's lowest, and every lane's own runner-up
            DoubleVector others = low0.blend(INFINITE, index0.compare(VectorOperators.EQ, label))
                    .min(low1.blend(INFINITE, index1.compare(VectorOperators.EQ, label)));
            DoubleVector runnersUp = DoubleVector.fromArray(SPECIES, scratch, state + 2 * PANEL)
                    .min(DoubleVector.fromArray(SPECIES, scratch, state + 2 * PANEL + LANES));
            second[r] = others.min(runnersUp).reduceLanes(VectorOperators.MIN);
        }
    }

    /** Scores of eight rows against panel {@code p}: {@code out[at + q·PANEL + i]}. */
    private void scoresOfEightRows(double[] x, int p, double[] out, int at) {
        DoubleVector a00 = DoubleVector.zero(SPECIES);
        DoubleVector a01 = a00, a10 = a00, a11 = a00, a20 = a00, a21 = a00, a30 = a00, a31 = a00;
        DoubleVector a40 = a00, a41 = a00, a50 = a00, a51 = a00, a60 = a00, a61 = a00, a70 = a00, a71 = a00;
        int base = p * dims * PANEL;
        int d = dims;
        for (int j = 0; j < d; j++) {
            int column = base + j * PANEL;
            DoubleVector c0 = DoubleVector.fromArray(SPECIES, packed, column);
            DoubleVector c1 = DoubleVector.fromArray(SPECIES, packed, column + LANES);
            DoubleVector v = DoubleVector.broadcast(SPECIES, x[j]);
            a00 = v.fma(c0, a00);
            a01 = v.fma(c1, a01);
            v = DoubleVector.broadcast(SPECIES, x[d + j]);
            a10 = v.fma(c0, a10);
            a11 = v.fma(c1, a11);
            v = DoubleVector.broadcast(SPECIES, x[2 * d + j]);
            a20 = v.fma(c0, a20);
            a21 = v.fma(c1, a21);
            v = DoubleVector.broadcast(SPECIES, x[3 * d + j]);
            a30 = v.fma(c0, a30);
            a31 = v.fma(c1, a31);
            v = DoubleVector.broadcast(SPECIES, x[4 * d + j]);
            a40 = v.fma(c0, a40);
            a41 = v.fma(c1, a41);
            v = DoubleVector.broadcast(SPECIES, x[5 * d + j]);
            a50 = v.fma(c0, a50);
            a51 = v.fma(c1, a51);
            v = DoubleVector.broadcast(SPECIES, x[6 * d + j]);
            a60 = v.fma(c0, a60);
            a61 = v.fma(c1, a61);
            v = DoubleVector.broadcast(SPECIES, x[7 * d + j]);
            a70 = v.fma(c0, a70);
            a71 = v.fma(c1, a71);
        }
        DoubleVector b0 = DoubleVector.fromArray(SPECIES, paddedBias, p * PANEL);
        DoubleVector b1 = DoubleVector.fromArray(SPECIES, paddedBias, p * PANEL + LANES);
        a00.fma(MINUS_TWO, b0).intoArray(out, at);
        a01.fma(MINUS_TWO, b1).intoArray(out, at + LANES);
        a10.fma(MINUS_TWO, b0).intoArray(out, at + PANEL);
        a11.fma(MINUS_TWO, b1).intoArray(out, at + PANEL + LANES);
        a20.fma(MINUS_TWO, b0).intoArray(out, at + 2 * PANEL);
        a21.fma(MINUS_TWO, b1).intoArray(out, at + 2 * PANEL + LANES);
        a30.fma(MINUS_TWO, b0).intoArray(out, at + 3 * PANEL);
        a31.fma(MINUS_TWO, b1).intoArray(out, at + 3 * PANEL + LANES);
        a40.fma(MINUS_TWO, b0).intoArray(out, at + 4 * PANEL);
        a41.fma(MINUS_TWO, b1).intoArray(out, at + 4 * PANEL + LANES);
        a50.fma(MINUS_TWO, b0).intoArray(out, at + 5 * PANEL);
        a51.fma(MINUS_TWO, b1).intoArray(out, at + 5 * PANEL + LANES);
        a60.fma(MINUS_TWO, b0).intoArray(out, at + 6 * PANEL);
        a61.fma(MINUS_TWO, b1).intoArray(out, at + 6 * PANEL + LANES);
        a70.fma(MINUS_TWO, b0).intoArray(out, at + 7 * PANEL);
        a71.fma(MINUS_TWO, b1).intoArray(out, at + 7 * PANEL + LANES);
    }

    /** Scores of the tile's rows against the half panel: {@code scratch[scores + q·PANEL + i]}. */
    private void halfScoresOfTile(double[] scratch, int tile, int scores) {
        if (tile == TILE) {
            halfScoresOfEightRows(scratch, scores);
        } else {
            for (int q = 0; q < tile; q++) {
                halfScoresOfOneRow(scratch, q * dims, scores + q * PANEL);
            }
        }
    }

    /** Eight rows against the half panel: one vector of centroids, eight accumulators. */
    private void halfScoresOfEightRows(double[] x, int at) {
        DoubleVector a0 = DoubleVector.zero(SPECIES);
        DoubleVector a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0;
        int d = dims;
        for (int j = 0; j < d; j++) {
            DoubleVector c = DoubleVector.fromArray(SPECIES, packed, halfAt + j * LANES);
            a0 = DoubleVector.broadcast(SPECIES, x[j]).fma(c, a0);
            a1 = DoubleVector.broadcast(SPECIES, x[d + j]).fma(c, a1);
            a2 = DoubleVector.broadcast(SPECIES, x[2 * d + j]).fma(c, a2);
            a3 = DoubleVector.broadcast(SPECIES, x[3 * d + j]).fma(c, a3);
            a4 = DoubleVector.broadcast(SPECIES, x[4 * d + j]).fma(c, a4);
            a5 = DoubleVector.broadcast(SPECIES, x[5 * d + j]).fma(c, a5);
            a6 = DoubleVector.broadcast(SPECIES, x[6 * d + j]).fma(c, a6);
            a7 = DoubleVector.broadcast(SPECIES, x[7 * d + j]).fma(c, a7);
        }
        DoubleVector b = DoubleVector.fromArray(SPECIES, paddedBias, panels * PANEL);
        a0.fma(MINUS_TWO, b).intoArray(x, at);
        a1.fma(MINUS_TWO, b).intoArray(x, at + PANEL);
        a2.fma(MINUS_TWO, b).intoArray(x, at + 2 * PANEL);
        a3.fma(MINUS_TWO, b).intoArray(x, at + 3 * PANEL);
        a4.fma(MINUS_TWO, b).intoArray(x, at + 4 * PANEL);
        a5.fma(MINUS_TWO, b).intoArray(x, at + 5 * PANEL);
        a6.fma(MINUS_TWO, b).intoArray(x, at + 6 * PANEL);
        a7.fma(MINUS_TWO, b).intoArray(x, at + 7 * PANEL);
    }

    /** One row against the half panel: the same FMA chain per (row, centroid) as in eight-row tiles. */
    private void halfScoresOfOneRow(double[] x, int x0, int at) {
        DoubleVector a = DoubleVector.zero(SPECIES);
        for (int j = 0; j < dims; j++) {
            a = DoubleVector.broadcast(SPECIES, x[x0 + j]).fma(DoubleVector.fromArray(SPECIES, packed, halfAt + j * LANES), a);
        }
        a.fma(MINUS_TWO, DoubleVector.fromArray(SPECIES, paddedBias, panels * PANEL)).intoArray(x, at);
    }

    /** Scores of one row against panel {@code p}, at {@code out[at ..]}: the same FMA chain per (row, centroid) as in eight-row tiles. */
    private void scoresOfOneRow(double[] x, int x0, int p, double[] out, int at) {
        DoubleVector a0 = DoubleVector.zero(SPECIES);
        DoubleVector a1 = a0;
        int base = p * dims * PANEL;
        for (int j = 0; j < dims; j++) {
            int column = base + j * PANEL;
            DoubleVector v = DoubleVector.broadcast(SPECIES, x[x0 + j]);
            a0 = v.fma(DoubleVector.fromArray(SPECIES, packed, column), a0);
            a1 = v.fma(DoubleVector.fromArray(SPECIES, packed, column + LANES), a1);
        }
        a0.fma(MINUS_TWO, DoubleVector.fromArray(SPECIES, paddedBias, p * PANEL)).intoArray(out, at);
        a1.fma(MINUS_TWO, DoubleVector.fromArray(SPECIES, paddedBias, p * PANEL + LANES)).intoArray(out, at + LANES);
    }
}
