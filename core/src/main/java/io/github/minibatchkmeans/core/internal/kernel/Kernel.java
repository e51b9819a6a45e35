package io.github.minibatchkmeans.core.internal.kernel;

import io.github.minibatchkmeans.core.internal.rows.DenseRows;
import io.github.minibatchkmeans.core.internal.rows.FloatRows;
import io.github.minibatchkmeans.core.internal.rows.Rows;

/**
 * Centroids laid out for the distance kernel, where k-means spends its time.
 *
 * <p>The nearest centroid minimises {@code ‖x−c‖² = ‖x‖² − 2x·c + ‖c‖²}; {@code ‖x‖²} is the same
 * for every c, so ranking needs only the <em>score</em> {@code ‖c‖² − 2x·c}: one dot product per
 * (row, centroid), a matrix product computed in register tiles. Both rows and centroids are first
 * moved to an {@link #origin() origin} near the data (the data's mean, or the centroids'): far from
 * the origin, {@code ‖x‖²} and {@code 2x·c} would be huge and nearly equal, and their difference —
 * the distance — would be lost to cancellation. The kernel centres each tile of rows itself and
 * reports {@code ‖x−o‖²}, so that {@code score + ‖x−o‖²} is the squared distance.
 *
 * <p>Every (row, centroid) dot product is summed in the same order — feature 0 to d−1 — whichever
 * tile or remainder path computes it, so a row's label never depends on its position in a block.
 * Two implementations: {@link VectorKernel} (the Vector API, FMA) when the JVM has the
 * {@code jdk.incubator.vector} module, else {@link ScalarKernel}; {@link Kernels} chooses.
 */
public abstract class Kernel {
    /** Unit roundoff of double precision. */
    private static final double UNIT_ROUNDOFF = 0x1.0p-53;

    protected final int k;
    protected final int dims;
    /** The raw centroids, row-major {@code k × dims}. */
    protected final double[] centroids;
    private final double[] origin;
    /** {@code ‖c−o‖²} per centroid. */
    protected final double[] bias;
    /** {@code ‖c‖²} per centroid: what a sparse row's distance needs besides its non-zeros. */
    private final double[] squaredNorms;
    private final double largestCentredNorm;

    protected Kernel(double[][] centers, double[] origin) {
        this.k = centers.length;
        this.dims = centers[0].length;
        if (origin.length != dims) {
            throw new IllegalArgumentException("origin has " + origin.length + " values, centroids " + dims);
        }
        this.origin = origin.clone();
        this.centroids = new double[k * dims];
        this.bias = new double[k];
        this.squaredNorms = new double[k];
        double largest = 0;
        for (int c = 0; c < k; c++) {
            if (centers[c].length != dims) {
                throw new IllegalArgumentException("centroid " + c + " has " + centers[c].length + " values, expected " + dims);
            }
            double norm = 0;
            double raw = 0;
            for (int j = 0; j < dims; j++) {
                double v = centers[c][j];
                centroids[c * dims + j] = v;
                double centred = v - origin[j];
                norm += centred * centred;
                raw += v * v;
            }
            bias[c] = norm;
            squaredNorms[c] = raw;
            largest = Math.max(largest, Math.sqrt(norm));
        }
        this.largestCentredNorm = largest;
    }

    /** The mean of {@code centers}: the origin to use when nothing is known about the data. */
    public static double[] meanOf(double[][] centers) {
        double[] mean = new double[centers[0].length];
        for (double[] c : centers) {
            for (int j = 0; j < mean.length; j++) {
                mean[j] += c[j];
            }
        }
        for (int j = 0; j < mean.length; j++) {
            mean[j] /= centers.length;
        }
        return mean;
    }

    public final int k() {
        return k;
    }

    public final int dims() {
        return dims;
    }

    public final double[] origin() {
        return origin.clone();
    }

    /** A per-thread working buffer for {@link #nearest} and {@link #scores}. */
    public abstract double[] newScratch();

    /**
     * Labels {@code count} rows of {@code rows}: row {@code first + i}, or row
     * {@code rowIndex[i]} when a list is given. For each: the index of the lowest score (ties:
     * lowest index), that score, the lowest score among the other centroids when {@code second} is
     * given, and the row's squared distance {@code ‖x−o‖²} to the origin. Rows are centred a tile
     * at a time in {@code scratch}, so each is read from memory once; {@code sink}, if given, hears
     * each row with its centred values right after its tile.
     */
    public abstract void nearest(Rows rows, int first, int[] rowIndex, int count, int[] labels, double[] best,
                                 double[] second, double[] norms, double[] scratch, RowSink sink);

    /** Every score, {@code out[i·k + c]}, and {@code ‖x−o‖²}, for rows chosen as in {@link #nearest}. */
    public abstract void scores(Rows rows, int first, int[] rowIndex, int count, double[] out, double[] norms,
                                double[] scratch);

    /**
     * Row {@code r}'s label, lowest score and (when {@code second} is given) second-lowest score, from its
     * dot products with the centroids at {@code dots[base ..]} (ties: the lowest index).
     */
    protected final void pickFromDots(double[] dots, int base, int r, int[] labels, double[] best, double[] second) {
        if (second == null) {
            pickLowest(dots, base, r, labels, best);
            return;
        }
        int label = 0;
        double lowest = bias[0] - 2 * dots[base];
        double next = Double.POSITIVE_INFINITY;
        for (int c = 1; c < k; c++) {
            double score = bias[c] - 2 * dots[base + c];
            if (score < lowest) {
                next = lowest;
                lowest = score;
                label = c;
            } else if (score < next) {
                next = score;
            }
        }
        labels[r] = label;
        best[r] = lowest;
        if (second != null) {
            second[r] = next;
        }
    }

    /** The lowest score alone, as conditional moves: a branch would mispredict each time a lower score turns up. */
    private void pickLowest(double[] dots, int base, int r, int[] labels, double[] best) {
        int label = 0;
        double lowest = bias[0] - 2 * dots[base];
        for (int c = 1; c < k; c++) {
            double score = bias[c] - 2 * dots[base + c];
            boolean lower = score < lowest;
            label = lower ? c : label;
            lowest = lower ? score : lowest;
        }
        labels[r] = label;
        best[r] = lowest;
    }

    /** The values of rows held as doubles, for the dense kernels' loops; null for float32 rows. */
    protected static double[] denseValues(Rows rows) {
        return rows instanceof DenseRows dense ? dense.data : null;
    }

    /** The values of rows held as float32, which the dense kernels widen as they centre them; null for doubles. */
    protected static float[] floatValues(Rows rows) {
        return rows instanceof FloatRows floats ? floats.data : null;
    }

    /** The offset in {@code data} of the i-th row of a call. */
    protected final int rowOffset(int first, int[] rowIndex, int i) {
        return rowAt(first, rowIndex, i) * dims;
    }

    /** The origin, for implementations' centring loops. */
    protected final double[] originValues() {
        return origin;
    }

    /**
     * Squared distance from row {@code i} of {@code rows} to centroid {@code c}, as {@link Rows#squaredDistance};
     * for a row with missing values (NaN) the {@linkplain #partialDistance partial distance}.
     */
    public final double distance(Rows rows, int i, int c) {
        double squared = rows.squaredDistance(i, centroids, c * dims, squaredNorms[c]);
        if (Double.isNaN(squared)) {
            double[] x = new double[dims];
            rows.copyRow(i, x, 0);
            return partialDistance(x, c);
        }
        return squared;
    }

    /**
     * The squared distance from {@code x}, which has missing values (NaN), to centroid {@code c} over
     * the features it has, rescaled by d / present so that rows with gaps and complete rows are
     * measured on one scale (the partial distance strategy); 0 for a row with no value at all.
     */
    public final double partialDistance(double[] x, int c) {
        double sum = 0;
        int present = 0;
        for (int j = 0, at = c * dims; j < dims; j++) {
            double v = x[j];
            if (v == v) {
                double diff = v - centroids[at + j];
                sum += diff * diff;
                present++;
            }
        }
        return present == 0 ? 0 : sum * dims / present;
    }

    /**
     * Rescores row {@code r} of a call — row {@code index} of {@code rows} — whose values have gaps
     * (its centred norm came out NaN) by {@link #partialDistance}: its label (ties: the lowest index),
     * its distance as its lowest score with a norm of 0, so that score + norm is the distance as for
     * every row, and the second lowest when {@code second} is given.
     */
    protected final void nearestWithGaps(Rows rows, int index, int r, int[] labels, double[] best, double[] second,
                                         double[] norms) {
        double[] x = new double[dims];
        rows.copyRow(index, x, 0);
        int label = 0;
        double lowest = Double.POSITIVE_INFINITY;
        double next = Double.POSITIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            double distance = partialDistance(x, c);
            if (distance < lowest) {
                next = lowest;
                lowest = distance;
                label = c;
            } else if (distance < next) {
                next = distance;
            }
        }
        labels[r] = label;
        best[r] = lowest;
        if (second != null) {
            second[r] = next;
        }
        norms[r] = 0;
    }

    /** {@link #nearestWithGaps} for {@link #scores}: every centroid's partial distance at {@code out[r·k ..]}, a norm of 0. */
    protected final void scoresWithGaps(Rows rows, int index, int r, double[] out, double[] norms) {
        double[] x = new double[dims];
        rows.copyRow(index, x, 0);
        for (int c = 0; c < k; c++) {
            out[r * k + c] = partialDistance(x, c);
        }
        norms[r] = 0;
    }

    /** The index in {@code rows} of the i-th row of a call. */
    protected static int rowAt(int first, int[] rowIndex, int i) {
        return rowIndex == null ? first + i : rowIndex[i];
    }

    /** {@link #distance} for pruning bounds: within the same error bound, its bits free. */
    public final double distanceForBound(Rows rows, int i, int c) {
        return rows.squaredDistanceForBound(i, centroids, c * dims, squaredNorms[c]);
    }

    /**
     * A bound on how far {@code score + ‖x−o‖²} may be from the true squared distance, for rows with
     * {@code ‖x−o‖ ≤ largestRowNorm}: a dot product of d terms errs by at most γ·Σ|xⱼcⱼ| with
     * γ ≈ d·u (Higham, Accuracy and Stability of Numerical Algorithms, §3.1), and |x·c| ≤ ‖x‖‖c‖.
     */
    public final double errorBound(double largestRowNorm) {
        double scale = largestRowNorm + 2 * largestCentredNorm;
        return 4.0 * (dims + 4) * UNIT_ROUNDOFF * scale * scale;
    }


    /** Which implementation this is, for reports: {@code "vector"} or {@code "scalar"}. */
    public abstract String name();
}
