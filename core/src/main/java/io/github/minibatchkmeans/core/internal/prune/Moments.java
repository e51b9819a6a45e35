package io.github.minibatchkmeans.core.internal.prune;

/**
 * Per-cluster weighted moments of the rows, measured from an origin o near the data: total weight
 * W, sum S = Σ w(x−o) and square Q = Σ w‖x−o‖². They are additive, so a pass that moves a few
 * rows between clusters only adds the moved rows' differences; every addition is compensated
 * (Neumaier's variant of Kahan summation), so the totals stay accurate over many passes and past
 * 2³¹ rows. The centroid is {@code o + S/W}; the inertia of assigning with centroids c is
 * {@code Σ Q − 2(c−o)·S + W‖c−o‖²} (no second distance per row).
 */
final class Moments {
    private final int k;
    private final int dims;
    private final double[] sum;
    private final double[] sumError;
    private final double[] weight;
    private final double[] weightError;
    private final double[] square;
    private final double[] squareError;

    Moments(int k, int dims) {
        this.k = k;
        this.dims = dims;
        this.sum = new double[k * dims];
        this.sumError = new double[k * dims];
        this.weight = new double[k];
        this.weightError = new double[k];
        this.square = new double[k];
        this.squareError = new double[k];
    }

    /** Adds {@code value} to {@code totals[i]}, keeping the rounding error in {@code errors[i]}. */
    private static void add(double[] totals, double[] errors, int i, double value) {
        double t = totals[i];
        double s = t + value;
        errors[i] += Math.abs(t) >= Math.abs(value) ? (t - s) + value : (value - s) + t;
        totals[i] = s;
    }

    /** Adds a block's changes. */
    void add(Delta delta) {
        boolean onlyOffsets = delta.sumOffsets.complete();
        if (onlyOffsets) { // sparse rows: 0 elsewhere, and adding 0 changes no bit
            for (int t = 0; t < delta.sumOffsets.count(); t++) {
                int i = delta.sumOffsets.offset(t);
                add(sum, sumError, i, delta.sum[i]);
            }
        }
        for (int t = 0; t < delta.touchedCount; t++) {
            int c = delta.touched[t];
            int base = c * dims;
            for (int j = 0; !onlyOffsets && j < dims; j++) {
                add(sum, sumError, base + j, delta.sum[base + j]);
            }
            add(weight, weightError, c, delta.weight[c]);
            add(square, squareError, c, delta.square[c]);
        }
    }

    /** Adds another set of moments (value and error both). */
    void add(Moments other) {
        for (int i = 0; i < sum.length; i++) {
            add(sum, sumError, i, other.sum[i] + other.sumError[i]);
        }
        for (int c = 0; c < k; c++) {
            add(weight, weightError, c, other.weight[c] + other.weightError[c]);
            add(square, squareError, c, other.square[c] + other.squareError[c]);
        }
    }

    /** Moves one row ({@code centred} = x−o, weight {@code w}, {@code ‖x−o‖²}) from cluster {@code from} to {@code to}. */
    void move(double[] centred, double w, double norm, int from, int to) {
        for (int j = 0; j < dims; j++) {
            add(sum, sumError, from * dims + j, -w * centred[j]);
            add(sum, sumError, to * dims + j, w * centred[j]);
        }
        add(weight, weightError, from, -w);
        add(weight, weightError, to, w);
        add(square, squareError, from, -w * norm);
        add(square, squareError, to, w * norm);
    }

    double weight(int c) {
        return weight[c] + weightError[c];
    }

    double[] weights() {
        double[] out = new double[k];
        for (int c = 0; c < k; c++) {
            out[c] = weight(c);
        }
        return out;
    }

    /** The weighted means {@code o + S/W}; a cluster without weight keeps its row of {@code previous}. */
    double[][] means(double[] origin, double[][] previous) {
        double[][] means = new double[k][];
        for (int c = 0; c < k; c++) {
            double w = weight(c);
            if (w > 0) {
                means[c] = new double[dims];
                for (int j = 0; j < dims; j++) {
                    means[c][j] = origin[j] + (sum[c * dims + j] + sumError[c * dims + j]) / w;
                }
            } else {
                means[c] = previous[c].clone();
            }
        }
        return means;
    }

    /** Σ over rows of w·‖x − c(x)‖² for the assignment these moments hold, with centroids {@code centers}. */
    double inertia(double[][] centers, double[] origin) {
        double total = 0;
        for (int c = 0; c < k; c++) {
            double cross = 0;
            double norm = 0;
            for (int j = 0; j < dims; j++) {
                double centred = centers[c][j] - origin[j];
                cross += centred * (sum[c * dims + j] + sumError[c * dims + j]);
                norm += centred * centred;
            }
            total += Math.max(0, (square[c] + squareError[c]) - 2 * cross + weight(c) * norm);
        }
        return total;
    }

    /** Every total and its error, copied: {sum, sumError, weight, weightError, square, squareError}. */
    double[][] state() {
        return new double[][] {sum.clone(), sumError.clone(), weight.clone(), weightError.clone(), square.clone(), squareError.clone()};
    }

    /** Moments holding a {@link #state()}, exactly. */
    static Moments of(int k, int dims, double[][] state) {
        Moments m = new Moments(k, dims);
        double[][] into = {m.sum, m.sumError, m.weight, m.weightError, m.square, m.squareError};
        for (int a = 0; a < into.length; a++) {
            if (state[a].length != into[a].length) {
                throw new IllegalArgumentException("moments of another shape");
            }
            System.arraycopy(state[a], 0, into[a], 0, into[a].length);
        }
        return m;
    }
}
