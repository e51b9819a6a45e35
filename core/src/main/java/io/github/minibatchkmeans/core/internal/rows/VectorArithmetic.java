package io.github.minibatchkmeans.core.internal.rows;

import io.github.minibatchkmeans.core.spi.Values;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/** {@link Arithmetic} on the Vector API (loaded only when the JVM has the module). */
public final class VectorArithmetic extends Arithmetic {
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    /** As many float lanes as a double vector has: a float32 load widens into one double vector. */
    private static final VectorSpecies<Float> FLOATS = VectorSpecies.of(float.class, VectorShape.forBitSize(32 * LANES));

    /** {@code a[i .. i + LANES)} widened to doubles (exactly). */
    public static DoubleVector widened(float[] a, int i) {
        return (DoubleVector) FloatVector.fromArray(FLOATS, a, i).convertShape(VectorOperators.F2D, SPECIES, 0);
    }

    /**
     * The sum of {@code v}'s lanes, lane 0 first. {@code reduceLanes(ADD)} may add in any order — the
     * JIT's tree and the interpreter's loop differ — so the same row could round differently before
     * and after compilation; this order never changes.
     */
    public static double sum(DoubleVector v) {
        double sum = 0;
        for (int i = 0; i < LANES; i++) {
            sum += v.lane(i);
        }
        return sum;
    }

    @Override
    public void addScaled(double[] into, int at, double w, double[] row, int offset, int n) {
        int end = SPECIES.loopBound(n);
        DoubleVector weight = DoubleVector.broadcast(SPECIES, w);
        int j = 0;
        for (; j < end; j += LANES) {
            DoubleVector.fromArray(SPECIES, row, offset + j).fma(weight, DoubleVector.fromArray(SPECIES, into, at + j))
                    .intoArray(into, at + j);
        }
        for (; j < n; j++) {
            into[at + j] += w * row[offset + j];
        }
    }

    @Override
    public double squaredDistance(double[] a, int i, double[] b, int k, int n) {
        if (n < 4 * LANES) {
            return super.squaredDistance(a, i, b, k, n); // short rows: the lane reduction would cost more than it saves
        }
        int end = SPECIES.loopBound(n);
        DoubleVector squares = DoubleVector.zero(SPECIES);
        int j = 0;
        for (; j < end; j += LANES) {
            DoubleVector diff = DoubleVector.fromArray(SPECIES, a, i + j).sub(DoubleVector.fromArray(SPECIES, b, k + j));
            squares = diff.fma(diff, squares);
        }
        double sum = sum(squares);
        for (; j < n; j++) {
            double diff = a[i + j] - b[k + j];
            sum += diff * diff;
        }
        return sum;
    }

    /** One pass over the row for the moments and the ranges (lanewise MIN and MAX order -0.0 below 0.0, as Math.min does). */
    @Override
    public void addSummary(double[] row, int offset, double[] shift, double w, double[] sums, double[] squares, double[] min,
                           double[] max, int n) {
        int end = SPECIES.loopBound(n);
        DoubleVector weight = DoubleVector.broadcast(SPECIES, w);
        int j = 0;
        for (; j < end; j += LANES) {
            DoubleVector x = DoubleVector.fromArray(SPECIES, row, offset + j);
            DoubleVector v = x.sub(DoubleVector.fromArray(SPECIES, shift, j));
            DoubleVector wv = v.mul(weight);
            wv.add(DoubleVector.fromArray(SPECIES, sums, j)).intoArray(sums, j);
            wv.fma(v, DoubleVector.fromArray(SPECIES, squares, j)).intoArray(squares, j);
            x.min(DoubleVector.fromArray(SPECIES, min, j)).intoArray(min, j);
            x.max(DoubleVector.fromArray(SPECIES, max, j)).intoArray(max, j);
        }
        addSummaryFrom(j, row, offset, shift, w, sums, squares, min, max, n);
    }

    /** Four running vector sums: the additions overlap instead of waiting on each other (bounds only: the order differs from {@link #squaredDistance}). */
    @Override
    public double squaredDistanceForBound(double[] a, int i, double[] b, int k, int n) {
        if (n < 4 * LANES) {
            return squaredDistance(a, i, b, k, n);
        }
        DoubleVector s0 = DoubleVector.zero(SPECIES);
        DoubleVector s1 = s0;
        DoubleVector s2 = s0;
        DoubleVector s3 = s0;
        int j = 0;
        for (; j + 4 * LANES <= n; j += 4 * LANES) {
            DoubleVector d0 = DoubleVector.fromArray(SPECIES, a, i + j).sub(DoubleVector.fromArray(SPECIES, b, k + j));
            DoubleVector d1 = DoubleVector.fromArray(SPECIES, a, i + j + LANES).sub(DoubleVector.fromArray(SPECIES, b, k + j + LANES));
            DoubleVector d2 = DoubleVector.fromArray(SPECIES, a, i + j + 2 * LANES).sub(DoubleVector.fromArray(SPECIES, b, k + j + 2 * LANES));
            DoubleVector d3 = DoubleVector.fromArray(SPECIES, a, i + j + 3 * LANES).sub(DoubleVector.fromArray(SPECIES, b, k + j + 3 * LANES));
            s0 = d0.fma(d0, s0);
            s1 = d1.fma(d1, s1);
            s2 = d2.fma(d2, s2);
            s3 = d3.fma(d3, s3);
        }
        for (; j + LANES <= n; j += LANES) {
            DoubleVector d = DoubleVector.fromArray(SPECIES, a, i + j).sub(DoubleVector.fromArray(SPECIES, b, k + j));
            s0 = d.fma(d, s0);
        }
        double sum = sum(s0.add(s1).add(s2.add(s3)));
        for (; j < n; j++) {
            double diff = a[i + j] - b[k + j];
            sum += diff * diff;
        }
        return sum;
    }

    /**
     * The largest magnitude over the range, lane by lane (NaN wins, as in Math.max), compared once at
     * the end: a mask test per vector costs more than the loads. Only a failing range is searched
     * for its first bad value. A short range (a row of a few features) is checked value by value.
     */
    @Override
    public int firstUnusable(double[] values, int from, int to) {
        if (to - from < 4 * LANES) {
            return super.firstUnusable(values, from, to);
        }
        int end = from + SPECIES.loopBound(to - from);
        DoubleVector largest = DoubleVector.zero(SPECIES);
        for (int i = from; i < end; i += LANES) {
            largest = largest.max(DoubleVector.fromArray(SPECIES, values, i).abs());
        }
        double magnitude = largest.reduceLanes(VectorOperators.MAX); // any order: a maximum is exact
        for (int i = end; i < to; i++) {
            magnitude = Math.max(magnitude, Math.abs(values[i]));
        }
        return magnitude <= Values.LIMIT ? -1 : super.firstUnusable(values, from, to); // NaN fails ≤ too
    }

    // float32 rows: the loops above with each load widened, so the same bits come out

    @Override
    public void addScaled(double[] into, int at, double w, float[] row, int offset, int n) {
        int end = SPECIES.loopBound(n);
        DoubleVector weight = DoubleVector.broadcast(SPECIES, w);
        int j = 0;
        for (; j < end; j += LANES) {
            widened(row, offset + j).fma(weight, DoubleVector.fromArray(SPECIES, into, at + j)).intoArray(into, at + j);
        }
        for (; j < n; j++) {
            into[at + j] += w * row[offset + j];
        }
    }

    @Override
    public double squaredDistance(float[] a, int i, double[] b, int k, int n) {
        if (n < 4 * LANES) {
            return super.squaredDistance(a, i, b, k, n);
        }
        int end = SPECIES.loopBound(n);
        DoubleVector squares = DoubleVector.zero(SPECIES);
        int j = 0;
        for (; j < end; j += LANES) {
            DoubleVector diff = widened(a, i + j).sub(DoubleVector.fromArray(SPECIES, b, k + j));
            squares = diff.fma(diff, squares);
        }
        double sum = sum(squares);
        for (; j < n; j++) {
            double diff = a[i + j] - b[k + j];
            sum += diff * diff;
        }
        return sum;
    }

    @Override
    public void addSummary(float[] row, int offset, double[] shift, double w, double[] sums, double[] squares, double[] min,
                           double[] max, int n) {
        int end = SPECIES.loopBound(n);
        DoubleVector weight = DoubleVector.broadcast(SPECIES, w);
        int j = 0;
        for (; j < end; j += LANES) {
            DoubleVector x = widened(row, offset + j);
            DoubleVector v = x.sub(DoubleVector.fromArray(SPECIES, shift, j));
            DoubleVector wv = v.mul(weight);
            wv.add(DoubleVector.fromArray(SPECIES, sums, j)).intoArray(sums, j);
            wv.fma(v, DoubleVector.fromArray(SPECIES, squares, j)).intoArray(squares, j);
            x.min(DoubleVector.fromArray(SPECIES, min, j)).intoArray(min, j);
            x.max(DoubleVector.fromArray(SPECIES, max, j)).intoArray(max, j);
        }
        addSummaryFrom(j, row, offset, shift, w, sums, squares, min, max, n);
    }

    @Override
    public double squaredDistanceForBound(float[] a, int i, double[] b, int k, int n) {
        if (n < 4 * LANES) {
            return squaredDistance(a, i, b, k, n);
        }
        DoubleVector s0 = DoubleVector.zero(SPECIES);
        DoubleVector s1 = s0;
        DoubleVector s2 = s0;
        DoubleVector s3 = s0;
        int j = 0;
        for (; j + 4 * LANES <= n; j += 4 * LANES) {
            DoubleVector d0 = widened(a, i + j).sub(DoubleVector.fromArray(SPECIES, b, k + j));
            DoubleVector d1 = widened(a, i + j + LANES).sub(DoubleVector.fromArray(SPECIES, b, k + j + LANES));
            DoubleVector d2 = widened(a, i + j + 2 * LANES).sub(DoubleVector.fromArray(SPECIES, b, k + j + 2 * LANES));
            DoubleVector d3 = widened(a, i + j + 3 * LANES).sub(DoubleVector.fromArray(SPECIES, b, k + j + 3 * LANES));
            s0 = d0.fma(d0, s0);
            s1 = d1.fma(d1, s1);
            s2 = d2.fma(d2, s2);
            s3 = d3.fma(d3, s3);
        }
        for (; j + LANES <= n; j += LANES) {
            DoubleVector d = widened(a, i + j).sub(DoubleVector.fromArray(SPECIES, b, k + j));
            s0 = d.fma(d, s0);
        }
        double sum = sum(s0.add(s1).add(s2.add(s3)));
        for (; j < n; j++) {
            double diff = a[i + j] - b[k + j];
            sum += diff * diff;
        }
        return sum;
    }

    @Override
    public int firstUnusable(float[] values, int from, int to) {
        if (to - from < 4 * LANES) {
            return super.firstUnusable(values, from, to);
        }
        int end = from + FLOATS.loopBound(to - from);
        FloatVector largest = FloatVector.zero(FLOATS);
        for (int i = from; i < end; i += LANES) {
            largest = largest.max(FloatVector.fromArray(FLOATS, values, i).abs());
        }
        float magnitude = largest.reduceLanes(VectorOperators.MAX);
        for (int i = end; i < to; i++) {
            magnitude = Math.max(magnitude, Math.abs(values[i]));
        }
        return magnitude <= Float.MAX_VALUE ? -1 : super.firstUnusable(values, from, to); // NaN and ±∞ fail
    }
}
