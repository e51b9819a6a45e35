package io.github.minibatchkmeans.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.minibatchkmeans.core.spi.BatchReader;
import io.github.minibatchkmeans.core.spi.BatchSource;
import io.github.minibatchkmeans.core.spi.InvalidInputException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link Mode#ONE_PASS}: every row read once, bounded memory, a result that does not care about row order. */
class OnePassTest {
    private static final int K = 8;

    /** Eight overlapping blobs in 6 dimensions, {@code n} rows, written blob after blob (class-sorted) when {@code sorted}. */
    private static double[][] blobs(int n, boolean sorted, long seed) {
        Random random = new Random(seed);
        double[][] centers = new double[K][6];
        for (double[] c : centers) {
            for (int j = 0; j < 6; j++) {
                c[j] = random.nextDouble() * 20 - 10;
            }
        }
        List<double[]> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int c = sorted ? (int) ((long) i * K / n) : i % K;
            double[] row = new double[6];
            for (int j = 0; j < 6; j++) {
                row[j] = centers[c][j] + 2.5 * random.nextGaussian();
            }
            rows.add(row);
        }
        if (!sorted) {
            Collections.shuffle(rows, new Random(seed + 1));
        }
        return rows.toArray(double[][]::new);
    }

    private static KMeansConfig config(Mode mode) {
        return KMeansConfig.builder(K).mode(mode).seed(2).heapFraction(0.002).build(); // a small budget: the coreset reduces
    }

    /** A source that can be read once, and says so. */
    private static final class Once implements BatchSource {
        private final ArraySource rows;
        private int opened;

        Once(double[][] x) {
            this.rows = ArraySource.of(x);
        }

        @Override
        public int dimensions() {
            return rows.dimensions();
        }

        @Override
        public BatchReader open() throws IOException {
            if (opened++ > 0) {
                throw new IOException("read twice");
            }
            return rows.open();
        }

        @Override
        public String name() {
            return "once";
        }

        @Override
        public Rereading rereading() {
            return Rereading.ONCE;
        }
    }

    @Test
    void classSortedRowsGiveAnInertiaWithinTwoPercentOfExact() throws IOException {
        double[][] sorted = blobs(300_000, true, 7);
        KMeansModel exact = new MiniBatchKMeans(config(Mode.EXACT)).fit(sorted);
        KMeansModel once = new MiniBatchKMeans(config(Mode.EXACT)).fit(new Once(sorted)); // read once: the one-pass learner
        assertEquals(Mode.ONE_PASS, once.mode());
        double truth = -once.score(sorted); // the rows' inertia under the one-pass centroids (measured: 1.0004 × exact)
        assertTrue(truth / exact.inertia() <= 1.02, "one pass / exact inertia on class-sorted rows: " + truth / exact.inertia());
        assertTrue(once.inertia() >= truth * (1 - 1e-9), "the reported inertia, from merged groups, bounds the rows' own: "
                + once.inertia() + " < " + truth);
        double[] sizes = once.sizes();
        assertEquals(300_000, java.util.Arrays.stream(sizes).sum(), 1e-6, "every row counted once");
    }

    @Test
    void sortedAndShuffledOrdersGiveInertiasWithinTwoPercent() {
        double[][] sorted = blobs(300_000, true, 9);
        double[][] shuffled = sorted.clone();
        Collections.shuffle(java.util.Arrays.asList(shuffled), new Random(3));
        double a = -new MiniBatchKMeans(config(Mode.ONE_PASS)).fit(sorted).score(sorted);
        double b = -new MiniBatchKMeans(config(Mode.ONE_PASS)).fit(shuffled).score(sorted);
        assertTrue(Math.abs(a / b - 1) <= 0.02, "sorted " + a + ", shuffled " + b);
    }

    @Test
    void aStreamThatFitsTheBufferIsClusteredExactly() {
        double[][] x = blobs(5_000, true, 4);
        KMeansModel exact = new MiniBatchKMeans(KMeansConfig.builder(K).seed(2).build()).fit(x);
        KMeansModel once = new MiniBatchKMeans(KMeansConfig.builder(K).seed(2).mode(Mode.ONE_PASS).build()).fit(x);
        assertEquals(exact.inertia(), once.inertia(), 1e-9 * exact.inertia(), "the groups are the rows themselves");
        for (int c = 0; c < K; c++) {
            assertArrayEquals(exact.centroid(c), once.centroid(c), 1e-9);
        }
        assertArrayEquals(exact.sizes(), once.sizes(), 1e-9);
    }

    @Test
    void memoryStaysBoundedAsRowsGrow() {
        long small = retainedAfter(100_000);
        long large = retainedAfter(10_000_000);
        assertTrue(large - small < 8L << 20, "retained " + small + " bytes after 10^5 rows, " + large + " after 10^7");
    }

    /** Heap in use, after a collection, with a one-pass fit holding {@code rows} streamed rows (never stored). */
    private static long retainedAfter(long rows) {
        OnePass pass = new MiniBatchKMeans(KMeansConfig.builder(3).seed(1).heapFraction(0.002).build()).onePass(2, false);
        Random random = new Random(rows);
        double[] row = new double[2];
        for (long i = 0; i < rows; i++) {
            int c = (int) (i % 3);
            row[0] = 5 * c + random.nextGaussian();
            row[1] = -5 * c + random.nextGaussian();
            pass.add(row, 1);
        }
        long used = usedHeap();
        assertEquals(rows, pass.rows());
        assertEquals(3, pass.finish().k()); // keeps the fit reachable until after the measurement
        return used;
    }

    private static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }

    @Test
    void finishInAScaledSpaceClustersTheScaledRows() {
        double[][] x = blobs(4_000, false, 5);
        double[] shift = new double[6];
        double[] scale = new double[6];
        for (int j = 0; j < 6; j++) {
            shift[j] = j;
            scale[j] = 1.0 / (j + 1);
        }
        OnePass pass = new MiniBatchKMeans(KMeansConfig.builder(K).seed(2).build()).onePass(6, false);
        double[][] scaled = new double[x.length][6];
        for (int i = 0; i < x.length; i++) {
            pass.add(x[i], 1);
            for (int j = 0; j < 6; j++) {
                scaled[i][j] = (x[i][j] - shift[j]) * scale[j];
            }
        }
        KMeansModel once = pass.finish(shift, scale);
        KMeansModel direct = new MiniBatchKMeans(KMeansConfig.builder(K).seed(2).build()).fit(scaled);
        assertEquals(direct.inertia(), once.inertia(), 1e-9 * direct.inertia());
    }

    @Test
    void badRowsAndTooFewRowsAreNamed() {
        OnePass pass = new MiniBatchKMeans(KMeansConfig.builder(3).build()).onePass(2, false);
        InvalidInputException nan = assertThrows(InvalidInputException.class, () -> pass.add(new double[] {1, Double.NaN}, 1));
        assertEquals("stream: row 1, column 2: missing value (NaN): one pass has no statistics pass to fill it in from (read a "
                + "file, or fill it first)", nan.getMessage());
        InvalidInputException inf = assertThrows(InvalidInputException.class, () -> pass.add(new double[] {1, Double.NEGATIVE_INFINITY}, 1));
        assertEquals("stream: row 1, column 2: not a finite number: -Infinity", inf.getMessage());
        pass.add(new double[] {1, 2}, 1);
        InvalidInputException few = assertThrows(InvalidInputException.class, pass::finish);
        assertEquals("k = 3 is larger than the number of rows with positive weight (1) in stream", few.getMessage());
    }
}
