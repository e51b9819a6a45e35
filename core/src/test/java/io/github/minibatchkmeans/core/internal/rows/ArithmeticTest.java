package io.github.minibatchkmeans.core.internal.rows;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The float32 loops are the double loops with each value widened as it is loaded: on the same
 * values they give the same bits, in the plain Java implementation and in the one this JVM runs
 * (the Vector API's when the module is present), for every width from 1 to 70 (every tail).
 */
class ArithmeticTest {
    @Test
    void float32LoopsGiveTheBitsOfTheDoubleLoopsOnTheSameValues() {
        Random random = new Random(11);
        for (Arithmetic arithmetic : new Arithmetic[] {new Arithmetic(), Arithmetic.get()}) {
            for (int n = 1; n <= 70; n++) {
                int offset = random.nextInt(5);
                float[] floats = new float[offset + n];
                double[] doubles = new double[offset + n];
                for (int j = 0; j < floats.length; j++) {
                    floats[j] = (float) (random.nextGaussian() * 1e3);
                    doubles[j] = floats[j];
                }
                double[] point = random.doubles(n + 3, -1e3, 1e3).toArray();
                String what = arithmetic.getClass().getSimpleName() + ", n = " + n;
                assertEquals(arithmetic.squaredDistance(doubles, offset, point, 3, n), arithmetic.squaredDistance(floats, offset, point, 3, n), 0, what);
                assertEquals(arithmetic.squaredDistanceForBound(doubles, offset, point, 3, n),
                        arithmetic.squaredDistanceForBound(floats, offset, point, 3, n), 0, what);
                double[] sumA = point.clone();
                double[] sumB = point.clone();
                arithmetic.addScaled(sumA, 2, 0.37, doubles, offset, n);
                arithmetic.addScaled(sumB, 2, 0.37, floats, offset, n);
                assertArrayEquals(sumA, sumB, what);
                double[][] a = summaryState(n, random.nextLong());
                double[][] b = summaryState(n, 0);
                for (int s = 0; s < a.length; s++) {
                    b[s] = a[s].clone();
                }
                arithmetic.addSummary(doubles, offset, a[0], 1.5, a[1], a[2], a[3], a[4], n);
                arithmetic.addSummary(floats, offset, b[0], 1.5, b[1], b[2], b[3], b[4], n);
                for (int s = 1; s < a.length; s++) {
                    assertArrayEquals(a[s], b[s], what + ", summary array " + s);
                }
            }
        }
    }

    @Test
    void float32ChecksFindTheFirstValueThatIsNotFinite() {
        for (Arithmetic arithmetic : new Arithmetic[] {new Arithmetic(), Arithmetic.get()}) {
            for (int bad = 0; bad < 40; bad += 3) {
                float[] values = new float[40];
                java.util.Arrays.fill(values, Float.MAX_VALUE);
                assertEquals(-1, arithmetic.firstUnusable(values, 0, 40));
                values[bad] = bad % 2 == 0 ? Float.NaN : Float.NEGATIVE_INFINITY;
                assertEquals(bad, arithmetic.firstUnusable(values, 0, 40));
                assertEquals(-1, arithmetic.firstUnusable(values, bad + 1, 40));
            }
        }
    }

    @Test
    void checksFindTheFirstValueBeyondTheLimitOrNotANumberInShortAndLongRanges() {
        for (Arithmetic arithmetic : new Arithmetic[] {new Arithmetic(), Arithmetic.get()}) {
            for (int length : new int[] {5, 16, 70, 1024}) {
                for (int bad = 0; bad < length; bad += 1 + length / 7) {
                    double[] values = new double[length];
                    java.util.Arrays.fill(values, -io.github.minibatchkmeans.core.spi.Values.LIMIT);
                    assertEquals(-1, arithmetic.firstUnusable(values, 0, length));
                    values[bad] = bad % 3 == 0 ? Double.NaN : bad % 3 == 1 ? Double.POSITIVE_INFINITY : -1.0000001e150;
                    assertEquals(bad, arithmetic.firstUnusable(values, 0, length), "length " + length);
                    assertEquals(-1, arithmetic.firstUnusable(values, bad + 1, length));
                }
            }
        }
    }

    /** shift, sums, squares, min, max for {@code n} features. */
    private static double[][] summaryState(int n, long seed) {
        Random random = new Random(seed);
        double[][] s = new double[5][];
        for (int i = 0; i < 5; i++) {
            s[i] = random.doubles(n, -100, 100).toArray();
        }
        return s;
    }
}
