package io.github.minibatchkmeans.core.internal.stats;

import io.github.minibatchkmeans.core.internal.rows.Arithmetic;
import io.github.minibatchkmeans.core.internal.rows.Rows;
import io.github.minibatchkmeans.core.internal.rows.SparseRows;
import io.github.minibatchkmeans.core.internal.rows.TouchedOffsets;
import java.util.Arrays;

/**
 * The heart of the method: per-centroid weighted sum-vectors and total weights, plus the
 * weighted inertia. All of it is additive, so statistics of disjoint row sets {@link #merge merge}
 * into the statistics of their union, and a Lloyd update is just {@code sum / weight} once every
 * row has been added. Rows add plainly within a block (512 rows: bounded error); blocks merge with
 * compensated (Neumaier) sums, so totals over billions of rows — past 2³¹ — stay accurate.
 */
public final class ClusterStatistics implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private final int k;
    private final int dims;
    /** The point the summed rows are measured from: the sums are of {@code x − origin}. */
    private final double[] origin;
    /** True if the origin is 0: rows are summed as they are. */
    private final boolean atZero;
    private final double[] sums;
    private final double[] weights;
    private double inertia;
    /** The rounding errors of the merges, folded into the totals before they are read. */
    private final double[] sumErrors;
    private final double[] weightErrors;
    private double inertiaError;
    private boolean unsettled;
    /** Per cluster, the weighted sum of its rows' distances (not squared) to the centroid, when asked for; else null. */
    private double[] spread;
    private double[] spreadErrors;
    /** The offsets of {@code sums} sparse rows touched since the reset: merging and resetting a block then costs its non-zeros. */
    private final TouchedOffsets touched;
    /**
     * Per cluster and feature, the weight of its rows that lack the feature (missing values left out,
     * k × dims): a feature's mean is its sum over the weight of the rows that have it. Null until a
     * row with a gap is added.
     */
    private double[] absent;
    private double[] absentErrors;
    /** A row with gaps, read here to be added. */
    private transient double[] gapRow;

    /** Statistics of raw rows. */
    public ClusterStatistics(int k, int dims) {
        this(k, dims, new double[dims]);
    }

    /** Statistics of rows given as {@code x − origin} (the kernel's centred rows). */
    public ClusterStatistics(int k, int dims, double[] origin) {
        this.k = k;
        this.dims = dims;
        this.origin = origin.clone();
        this.atZero = java.util.Arrays.stream(origin).allMatch(v -> v == 0);
        this.sums = new double[k * dims];
        this.weights = new double[k];
        this.sumErrors = new double[k * dims];
        this.weightErrors = new double[k];
        this.touched = new TouchedOffsets(k * dims);
    }

    /**
     * Makes these statistics also sum each cluster's distances (Davies–Bouldin's scatter needs
     * their mean): one square root per row more.
     *
     * @return this
     */
    public ClusterStatistics withSpread() {
        spread = new double[k];
        spreadErrors = new double[k];
        return this;
    }

    public int k() {
        return k;
    }

    public int dims() {
        return dims;
    }

    /**
     * Adds one row: {@code data[offset .. offset+dims)} with weight {@code w}, assigned to
     * {@code cluster} at squared distance {@code distance}.
     */
    public void add(double[] data, int offset, double w, int cluster, double distance) {
        touched.untracked();
        Arithmetic.get().addScaled(sums, cluster * dims, w, data, offset, dims);
        addWeight(w, cluster, distance);
    }

    /**
     * Adds row {@code i} of {@code rows} (raw values; they are centred here), as {@link #add}; a dense
     * row's missing values (NaN) are left out, counted as absent from its cluster.
     */
    public void add(Rows rows, int i, double w, int cluster, double distance) {
        if (!(rows instanceof SparseRows) && addWithGaps(rows, i, w, cluster, false)) {
            addWeight(w, cluster, distance);
            return;
        }
        if (!atZero) {
            touched.untracked();
            rows.addCentred(i, w, origin, sums, cluster * dims);
        } else if (!touched.added(rows, i, w, sums, cluster * dims)) {
            rows.addScaled(i, w, sums, cluster * dims);
        }
        addWeight(w, cluster, distance);
    }

    /**
     * As {@link #add}, compensated: every term's rounding error is kept, so the totals do not depend
     * on the order rows and parts arrive in (short of a sum within about n·2⁻¹⁰⁶ of a rounding tie).
     */
    public void addCompensated(double[] data, int offset, double w, int cluster, double distance) {
        touched.untracked();
        int base = cluster * dims;
        for (int j = 0; j < dims; j++) {
            sums[base + j] = add(sums[base + j], w * data[offset + j], sumErrors, base + j);
        }
        addCompensatedWeight(w, cluster, distance);
    }

    /**
     * As {@link #addCompensated(double[], int, double, int, double)} for row {@code i} of dense rows with
     * missing values (NaN): those are left out, counted as absent from its cluster.
     */
    public void addCompensatedWithGaps(Rows rows, int i, double w, int cluster, double distance) {
        if (!addWithGaps(rows, i, w, cluster, true)) {
            throw new IllegalArgumentException("row " + i + " has no missing value");
        }
        addCompensatedWeight(w, cluster, distance);
    }

    /**
     * Adds the values row {@code i} has into the cluster's sums and its weight into the cluster's
     * absent weight of each feature it lacks; false, adding nothing, if it lacks none.
     */
    private boolean addWithGaps(Rows rows, int i, double w, int cluster, boolean compensated) {
        if (gapRow == null) {
            gapRow = new double[dims];
        }
        rows.copyRow(i, gapRow, 0);
        boolean gaps = false;
        for (double v : gapRow) {
            gaps |= v != v;
        }
        if (!gaps) {
            return false;
        }
        touched.untracked();
        if (absent == null) {
            absent = new double[k * dims];
            absentErrors = new double[k * dims];
        }
        int base = cluster * dims;
        for (int j = 0; j < dims; j++) {
            double v = gapRow[j];
            if (v != v) {
                absent[base + j] = compensated ? add(absent[base + j], w, absentErrors, base + j) : absent[base + j] + w;
            } else {
                double term = w * (v - origin[j]);
                sums[base + j] = compensated ? add(sums[base + j], term, sumErrors, base + j) : sums[base + j] + term;
            }
        }
        return true;
    }

    /** As {@link #addCompensated(double[], int, double, int, double)} for row {@code i} of sparse rows (summed from 0). */
    public void addCompensated(SparseRows rows, int i, double w, int cluster, double distance) {
        assert atZero : "sparse rows are summed from 0";
        touched.untracked();
        int base = cluster * dims;
        for (int e = rows.start(i), end = rows.end(i); e < end; e++) {
            int at = base + rows.indexAt(e);
            sums[at] = add(sums[at], w * rows.valueAt(e), sumErrors, at);
        }
        addCompensatedWeight(w, cluster, distance);
    }

    /** The weight, inertia and (when kept) distance of a row added plainly. */
    private void addWeight(double w, int cluster, double distance) {
        weights[cluster] += w;
        inertia += w * distance;
        if (spread != null) {
            spread[cluster] += w * Math.sqrt(Math.max(0, distance)); // a rounded squared distance may dip below 0
        }
    }

    /** The weight and inertia of a row added compensated. */
    private void addCompensatedWeight(double w, int cluster, double distance) {
        weights[cluster] = add(weights[cluster], w, weightErrors, cluster);
        double term = w * distance;
        double total = inertia + term;
        inertiaError += Math.abs(inertia) >= Math.abs(term) ? (inertia - total) + term : (term - total) + inertia;
        inertia = total;
        if (spread != null) {
            spread[cluster] = add(spread[cluster], w * Math.sqrt(Math.max(0, distance)), spreadErrors, cluster);
        }
        unsettled = true;
    }

    /** Adds {@code other}'s statistics to these, compensated; its own pending errors carry over unrounded. */
    public void merge(ClusterStatistics other) {
        touched.untracked();
        if (other.touched.complete()) { // sums and errors are 0 elsewhere: adding 0 would change no bit
            for (int t = 0, n = other.touched.count(); t < n; t++) {
                int i = other.touched.offset(t);
                sums[i] = add(sums[i], other.sums[i], sumErrors, i);
            }
        } else {
            for (int i = 0; i < sums.length; i++) {
                sums[i] = add(sums[i], other.sums[i], sumErrors, i);
                sumErrors[i] += other.sumErrors[i];
            }
        }
        for (int c = 0; c < k; c++) {
            weights[c] = add(weights[c], other.weights[c], weightErrors, c);
            weightErrors[c] += other.weightErrors[c];
        }
        if (other.absent != null) {
            if (absent == null) {
                absent = new double[k * dims];
                absentErrors = new double[k * dims];
            }
            for (int i = 0; i < absent.length; i++) {
                absent[i] = add(absent[i], other.absent[i], absentErrors, i);
                absentErrors[i] += other.absentErrors[i];
            }
        }
        double total = inertia + other.inertia;
        inertiaError += (Math.abs(inertia) >= Math.abs(other.inertia) ? (inertia - total) + other.inertia
                : (other.inertia - total) + inertia) + other.inertiaError;
        inertia = total;
        if (spread != null) {
            for (int c = 0; c < k; c++) {
                spread[c] = add(spread[c], other.spread[c], spreadErrors, c);
                spreadErrors[c] += other.spreadErrors[c];
            }
        }
        unsettled = true;
    }

    /** {@code t + value}, its exact rounding error added to {@code errors[i]}. */
    private static double add(double t, double value, double[] errors, int i) {
        double s = t + value;
        double v = s - t; // Knuth's TwoSum: the exact rounding error of t + value, as Neumaier's, without his branch
        errors[i] += (t - (s - v)) + (value - v);
        return s;
    }

    /** Folds the merges' rounding errors into the totals. */
    private void settle() {
        if (!unsettled) {
            return;
        }
        for (int i = 0; i < sums.length; i++) {
            sums[i] += sumErrors[i];
        }
        for (int c = 0; c < k; c++) {
            weights[c] += weightErrors[c];
        }
        if (absent != null) {
            for (int i = 0; i < absent.length; i++) {
                absent[i] += absentErrors[i];
            }
            Arrays.fill(absentErrors, 0);
        }
        inertia += inertiaError;
        if (spread != null) {
            for (int c = 0; c < k; c++) {
                spread[c] += spreadErrors[c];
            }
            Arrays.fill(spreadErrors, 0);
        }
        Arrays.fill(sumErrors, 0);
        Arrays.fill(weightErrors, 0);
        inertiaError = 0;
        unsettled = false;
    }

    public void reset() {
        if (!touched.clear(sums)) {
            Arrays.fill(sums, 0);
            Arrays.fill(sumErrors, 0);
        }
        Arrays.fill(weights, 0);
        inertia = 0;
        Arrays.fill(weightErrors, 0);
        inertiaError = 0;
        if (absent != null) {
            Arrays.fill(absent, 0);
            Arrays.fill(absentErrors, 0);
        }
        if (spread != null) {
            Arrays.fill(spread, 0);
            Arrays.fill(spreadErrors, 0);
        }
        unsettled = false;
    }

    /** Total weight of the rows assigned to {@code cluster}. */
    public double weight(int cluster) {
        settle();
        return weights[cluster];
    }

    /** Weighted sum of feature {@code j} over the rows assigned to {@code cluster} that have it, of the raw rows. */
    public double sum(int cluster, int j) {
        settle();
        double present = absent == null ? weights[cluster] : weights[cluster] - absent[cluster * dims + j];
        return sums[cluster * dims + j] + present * origin[j];
    }

    public double[] weights() {
        settle();
        return weights.clone();
    }

    /** Per cluster, the weighted sum of its rows' distances to the centroid ({@link #withSpread}); null if not kept. */
    public double[] spread() {
        settle();
        return spread == null ? null : spread.clone();
    }

    /** Sum over rows of weight × squared distance to the assigned centroid. */
    public double inertia() {
        settle();
        return inertia;
    }

    /** True if some cluster got no weight. */
    public boolean anyEmpty() {
        settle();
        for (double w : weights) {
            if (w == 0) {
                return true;
            }
        }
        return false;
    }

    /** How many clusters got no weight. */
    public int emptyCount() {
        settle();
        int empty = 0;
        for (double w : weights) {
            if (w == 0) {
                empty++;
            }
        }
        return empty;
    }

    /**
     * Moves every empty cluster onto one of the points farthest from their centroid in this pass
     * ({@code farthest}, tagged with their cluster), taking that point's weight and sum out of its
     * old cluster (scikit-learn's rule). Points are taken farthest first (ties: lower row index); a
     * point is skipped if taking it would empty its own cluster.
     *
     * @return the number of clusters relocated
     */
    public int relocateEmptyClusters(TopRows farthest) {
        settle();
        touched.untracked();
        int relocated = 0;
        int[] order = farthest.slotsBestFirst();
        int next = 0;
        for (int empty = 0; empty < k; empty++) {
            if (weights[empty] > 0) {
                continue;
            }
            while (next < order.length) {
                int p = order[next++];
                int old = farthest.tag(p);
                double w = farthest.weight(p);
                if (weights[old] - w <= 0 || weights[old] == 0) {
                    continue;
                }
                int oldBase = old * dims;
                int newBase = empty * dims;
                for (int j = 0; j < dims; j++) {
                    double value = farthest.value(p, j);
                    if (value != value) { // a missing value, left out: the point's weight was absent from its cluster's feature
                        absent[oldBase + j] -= w;
                        absent[newBase + j] = w;
                        sums[newBase + j] = 0;
                        continue;
                    }
                    double v = (value - origin[j]) * w;
                    sums[oldBase + j] -= v;
                    sums[newBase + j] = v;
                    if (absent != null) {
                        absent[newBase + j] = 0;
                    }
                }
                weights[old] -= w;
                weights[empty] = w;
                relocated++;
                break;
            }
        }
        return relocated;
    }

    /**
     * The weighted means {@code sum / weight}; a cluster without weight keeps its row of
     * {@code previous}. With missing values left out, a feature's mean is over the weight of the
     * rows that have it, and a feature none of the cluster's rows has keeps its previous value.
     */
    public double[][] means(double[][] previous) {
        settle();
        double[][] means = new double[k][];
        for (int c = 0; c < k; c++) {
            if (weights[c] > 0) {
                means[c] = new double[dims];
                double inverse = 1.0 / weights[c];
                for (int j = 0; j < dims; j++) {
                    means[c][j] = origin[j] + sums[c * dims + j] * inverse;
                }
                if (absent != null) {
                    withGaps(c, means[c], previous[c]);
                }
            } else {
                means[c] = previous[c].clone();
            }
        }
        return means;
    }

    /** Cluster {@code c}'s means over the rows that have each feature, where some lack it. */
    private void withGaps(int c, double[] mean, double[] previous) {
        for (int j = 0; j < dims; j++) {
            double lacking = absent[c * dims + j];
            if (lacking > 0) {
                double present = weights[c] - lacking;
                mean[j] = present > 0 ? origin[j] + sums[c * dims + j] / present : previous[j];
            }
        }
    }
}
