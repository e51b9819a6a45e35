package io.github.minibatchkmeans.core.internal.rows;

import io.github.minibatchkmeans.core.spi.Values;

/**
 * The feature-by-feature loops outside the distance kernel — a row added into a sum, a row's
 * shifted moments, a squared distance, a finiteness check — on the Vector API when the JVM has it
 * (C2 leaves such loops scalar when they update several arrays or reduce), else in plain Java.
 * {@link #get()} is chosen once, like the kernel.
 */
public class Arithmetic {
    private static final Arithmetic INSTANCE = choose();

    protected Arithmetic() {
    }

    private static Arithmetic choose() {
        Arithmetic vector = Simd.ENABLED ? Simd.create(Arithmetic.class, "VectorArithmetic") : null;
        return vector != null ? vector : new Arithmetic();
    }

    /** The implementation this JVM uses. */
    public static Arithmetic get() {
        return INSTANCE;
    }

    /** {@code into[at + j] += w · row[offset + j]} for {@code j < n}. */
    public void addScaled(double[] into, int at, double w, double[] row, int offset, int n) {
        for (int j = 0; j < n; j++) {
            into[at + j] += w * row[offset + j];
        }
    }

    /**
     * For {@code j < n}, with {@code x = row[offset + j]} and {@code v = x − shift[j]}: {@code sums[j] += w·v},
     * {@code squares[j] += w·v²}, and x into its feature's {@code min} and {@code max} ({@link Math#min}, {@link Math#max}).
     */
    public void addSummary(double[] row, int offset, double[] shift, double w, double[] sums, double[] squares, double[] min,
                           double[] max, int n) {
        addSummaryFrom(0, row, offset, shift, w, sums, squares, min, max, n);
    }

    /** {@link #addSummary} for the features {@code from ≤ j < n} only: the scalar loop, and a vector loop's tail. */
    protected final void addSummaryFrom(int from, double[] row, int offset, double[] shift, double w, double[] sums,
                                        double[] squares, double[] min, double[] max, int n) {
        for (int j = from; j < n; j++) {
            double x = row[offset + j];
            double v = x - shift[j];
            double wv = w * v;
            sums[j] += wv;
            squares[j] += wv * v;
            min[j] = Math.min(min[j], x);
            max[j] = Math.max(max[j], x);
        }
    }

    /**
     * {@link #squaredDistance} for pruning bounds, which need only its error bound, not its exact
     * bits: an implementation may add in any fixed order that is fastest.
     */
    public double squaredDistanceForBound(double[] a, int i, double[] b, int k, int n) {
        return squaredDistance(a, i, b, k, n);
    }

    /** {@code Σ (a[i + j] − b[k + j])²} for {@code j < n}: four running sums, so the additions overlap. */
    public double squaredDistance(double[] a, int i, double[] b, int k, int n) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int j = 0;
        for (; j + 4 <= n; j += 4) {
            double d0 = a[i + j] - b[k + j];
            double d1 = a[i + j + 1] - b[k + j + 1];
            double d2 = a[i + j + 2] - b[k + j + 2];
            double d3 = a[i + j + 3] - b[k + j + 3];
            s0 += d0 * d0;
            s1 += d1 * d1;
            s2 += d2 * d2;
            s3 += d3 * d3;
        }
        for (; j < n; j++) {
            double diff = a[i + j] - b[k + j];
            s0 += diff * diff;
        }
        return (s0 + s1) + (s2 + s3);
    }

    // float32 rows: the same loops, each value widened (exactly) as it is loaded, so the same bits come out

    /** {@link #addScaled(double[], int, double, double[], int, int)} of a float32 row. */
    public void addScaled(double[] into, int at, double w, float[] row, int offset, int n) {
        for (int j = 0; j < n; j++) {
            into[at + j] += w * row[offset + j];
        }
    }

    /** {@link #addSummary(double[], int, double[], double, double[], double[], double[], double[], int)} of a float32 row. */
    public void addSummary(float[] row, int offset, double[] shift, double w, double[] sums, double[] squares, double[] min,
                           double[] max, int n) {
        addSummaryFrom(0, row, offset, shift, w, sums, squares, min, max, n);
    }

    /** {@link #addSummaryFrom(int, double[], int, double[], double, double[], double[], double[], double[], int)} of a float32 row. */
    protected final void addSummaryFrom(int from, float[] row, int offset, double[] shift, double w, double[] sums,
                                        double[] squares, double[] min, double[] max, int n) {
        for (int j = from; j < n; j++) {
            double x = row[offset + j];
            double v = x - shift[j];
            double wv = w * v;
            sums[j] += wv;
            squares[j] += wv * v;
            min[j] = Math.min(min[j], x);
            max[j] = Math.max(max[j], x);
        }
    }

    /** {@link #squaredDistanceForBound(double[], int, double[], int, int)} of a float32 row. */
    public double squaredDistanceForBound(float[] a, int i, double[] b, int k, int n) {
        return squaredDistance(a, i, b, k, n);
    }

    /** {@link #squaredDistance(double[], int, double[], int, int)} of a float32 row. */
    public double squaredDistance(float[] a, int i, double[] b, int k, int n) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int j = 0;
        for (; j + 4 <= n; j += 4) {
            double d0 = a[i + j] - b[k + j];
            double d1 = a[i + j + 1] - b[k + j + 1];
            double d2 = a[i + j + 2] - b[k + j + 2];
            double d3 = a[i + j + 3] - b[k + j + 3];
            s0 += d0 * d0;
            s1 += d1 * d1;
            s2 += d2 * d2;
            s3 += d3 * d3;
        }
        for (; j < n; j++) {
            double diff = a[i + j] - b[k + j];
            s0 += diff * diff;
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** The index of the first value in {@code [from, to)} that is not finite (every finite float32 is {@link Values#isUsable usable}), or -1. */
    public int firstUnusable(float[] values, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Float.isFinite(values[i])) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The index of the first value in {@code [from, to)} that is neither {@link Values#isUsable usable}
     * nor missing (NaN: the statistics pass fills it in or refuses it, as configured), or -1.
     */
    public final int firstInvalid(double[] values, int from, int to) {
        for (int bad = firstUnusable(values, from, to); bad >= 0; bad = firstUnusable(values, bad + 1, to)) {
            if (!Double.isNaN(values[bad])) {
                return bad;
            }
        }
        return -1;
    }

    /** As {@link #firstInvalid(double[], int, int)}, for float32 values. */
    public final int firstInvalid(float[] values, int from, int to) {
        for (int bad = firstUnusable(values, from, to); bad >= 0; bad = firstUnusable(values, bad + 1, to)) {
            if (!Float.isNaN(values[bad])) {
                return bad;
            }
        }
        return -1;
    }

    /** The index of the first value in {@code [from, to)} that is not {@link Values#isUsable usable}, or -1. */
    public int firstUnusable(double[] values, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Values.isUsable(values[i])) {
                return i;
            }
        }
        return -1;
    }
}
