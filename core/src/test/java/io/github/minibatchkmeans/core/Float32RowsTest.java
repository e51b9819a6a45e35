package io.github.minibatchkmeans.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.minibatchkmeans.core.spi.BatchSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * float32 rows are held as float32 and widened as they are used: every result is bit-for-bit the
 * one the same values as doubles give — centroids, labels, inertia, iterations — in every mode and
 * pruning variant, on 1–3 threads, kept in memory, read again every pass, held near boundaries, or
 * spilled to disk as float32.
 */
class Float32RowsTest {
    private static final int N = 5_000;
    private static final int D = 37; // not a multiple of any vector width: the loops' tails run too
    private static final int K = 6;

    @TempDir
    Path dir;

    /** Overlapping blobs as float32 values (what a float32 file holds). */
    private static float[] blobs(long seed) {
        Random random = new Random(seed);
        double[][] centres = new double[K][D];
        for (double[] c : centres) {
            for (int j = 0; j < D; j++) {
                c[j] = random.nextDouble() * 20 - 10;
            }
        }
        float[] x = new float[N * D];
        for (int i = 0; i < N; i++) {
            double[] c = centres[random.nextInt(K)];
            for (int j = 0; j < D; j++) {
                x[i * D + j] = (float) (c[j] + 4 * random.nextGaussian());
            }
        }
        return x;
    }

    private Path npy(String name, float[] x, boolean float32) throws IOException {
        byte[] header = NpySource.header(N, D, float32);
        ByteBuffer body = ByteBuffer.allocate(x.length * (float32 ? 4 : 8)).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : x) {
            if (float32) {
                body.putFloat(v);
            } else {
                body.putDouble(v);
            }
        }
        Path file = dir.resolve(name);
        ByteBuffer all = ByteBuffer.allocate(header.length + body.capacity()).put(header).put(body.array());
        Files.write(file, all.array());
        return file;
    }

    private static void assertSameFit(KMeansModel doubles, int[] doubleLabels, KMeansModel floats, int[] floatLabels, String what) {
        for (int c = 0; c < K; c++) {
            assertArrayEquals(doubles.centroid(c), floats.centroid(c), what + ": centroid " + c);
        }
        assertEquals(doubles.inertia(), floats.inertia(), 0, what + ": inertia");
        assertEquals(doubles.iterations(), floats.iterations(), what + ": iterations");
        assertArrayEquals(doubleLabels, floatLabels, what + ": labels");
    }

    @Test
    void exactFitsOfFloat32RowsEqualTheSameValuesAsDoublesInEveryPruningModeAndThreadCount() throws IOException {
        float[] x = blobs(1);
        BatchSource doubles = new NpySource(npy("x64.npy", x, false));
        BatchSource floats = new NpySource(npy("x32.npy", x, true));
        assertTrue(floats.float32());
        long rowsBytes = (long) N * (4L * D + 8);
        // kept in memory; too large to keep (read every pass), with room for held rows; and nothing at all
        double[] fractions = {0.5, 0.8 * rowsBytes / Runtime.getRuntime().maxMemory(), 1e-9};
        for (Pruning pruning : Pruning.values()) {
            for (double fraction : fractions) {
                for (int threads = 1; threads <= 3; threads++) {
                    KMeansConfig config = KMeansConfig.builder(K).seed(7).tolerance(0).maxIterations(60).pruning(pruning)
                            .heapFraction(fraction).threads(threads).batchSize(700).build();
                    MiniBatchKMeans a = new MiniBatchKMeans(config);
                    int[] aLabels = a.fitPredict(doubles);
                    MiniBatchKMeans b = new MiniBatchKMeans(config);
                    int[] bLabels = b.fitPredict(floats);
                    assertSameFit(a.model(), aLabels, b.model(), bLabels, pruning + ", heap fraction " + fraction + ", " + threads + " threads");
                }
            }
        }
    }

    @Test
    void stochasticAndOnePassFitsOfFloat32RowsEqualTheSameValuesAsDoubles() throws IOException {
        float[] x = blobs(2);
        BatchSource doubles = new NpySource(npy("x64.npy", x, false));
        BatchSource floats = new NpySource(npy("x32.npy", x, true));
        for (Mode mode : new Mode[] {Mode.STOCHASTIC, Mode.ONE_PASS}) {
            KMeansConfig config = KMeansConfig.builder(K).mode(mode).seed(3).threads(2).batchSize(512).build();
            MiniBatchKMeans a = new MiniBatchKMeans(config);
            int[] aLabels = a.fitPredict(doubles);
            MiniBatchKMeans b = new MiniBatchKMeans(config);
            int[] bLabels = b.fitPredict(floats);
            assertSameFit(a.model(), aLabels, b.model(), bLabels, mode.toString());
        }
    }

    @Test
    void parsedFloat32RowsSpillAsFloat32AndFitAsTheSameValuesAsDoubles() throws IOException {
        float[] x = blobs(3);
        for (double fraction : new double[] {0.5, 1e-9}) { // kept in memory; spilled to a file
            KMeansConfig config = KMeansConfig.builder(K).seed(5).tolerance(0).heapFraction(fraction).threads(2).build();
            MiniBatchKMeans a = new MiniBatchKMeans(config);
            int[] aLabels = a.fitPredict(new ParsedFloats(x, D, false));
            MiniBatchKMeans b = new MiniBatchKMeans(config);
            ParsedFloats floats = new ParsedFloats(x, D, true);
            int[] bLabels = b.fitPredict(floats);
            assertSameFit(a.model(), aLabels, b.model(), bLabels, "heap fraction " + fraction);
            assertEquals(1, floats.opened(), "parsed once, then read from memory or the spill file");
        }
    }

    @Test
    void theCosineMetricHoldsFloat32RowsAsDoublesAndEqualsThem() throws IOException {
        float[] x = blobs(4);
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.abs(x[i]) + 0.5f; // positive: cosine needs no row at the origin
        }
        KMeansConfig config = KMeansConfig.builder(K).seed(9).metric(Metric.COSINE).threads(2).build();
        MiniBatchKMeans a = new MiniBatchKMeans(config);
        int[] aLabels = a.fitPredict(new NpySource(npy("x64.npy", x, false)));
        MiniBatchKMeans b = new MiniBatchKMeans(config);
        int[] bLabels = b.fitPredict(new NpySource(npy("x32.npy", x, true)));
        assertSameFit(a.model(), aLabels, b.model(), bLabels, "cosine");
    }

    @Test
    void aModelLabelsFloat32RowsAsItLabelsTheSameValuesAsDoubles() throws IOException {
        float[] x = blobs(5);
        KMeansModel model = new MiniBatchKMeans(KMeansConfig.builder(K).seed(1).build()).fit(new NpySource(npy("x64.npy", x, false)));
        int[] fromDoubles = new int[N];
        int[] fromFloats = new int[N];
        double[] distances = new double[N];
        model.predict(new NpySource(npy("x64b.npy", x, false)), (row, label, distance) -> {
            fromDoubles[(int) row] = label;
            distances[(int) row] = distance;
        });
        model.predict(new NpySource(npy("x32.npy", x, true)), (row, label, distance) -> {
            fromFloats[(int) row] = label;
            assertEquals(distances[(int) row], distance, 0, "row " + row);
        });
        assertArrayEquals(fromDoubles, fromFloats);
    }
}
