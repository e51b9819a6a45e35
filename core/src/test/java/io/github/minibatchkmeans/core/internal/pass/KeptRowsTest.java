package io.github.minibatchkmeans.core.internal.pass;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.minibatchkmeans.core.spi.BatchReader;
import io.github.minibatchkmeans.core.spi.BatchSource;
import java.io.IOException;
import java.util.Arrays;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** float32 rows are kept as float32 however the first pass reads them: as floats, or widened to doubles. */
class KeptRowsTest {
    private static final int N = 1000;
    private static final int D = 7;

    @Test
    void float32RowsReadAsDoublesAreKeptAsTheSameFloats() throws IOException {
        float[] values = new float[N * D];
        for (int v = 0; v < values.length; v++) {
            values[v] = (float) Math.sin(v) * 1000;
        }
        for (double budget : new double[] {1e9, 10_000}) { // kept in memory; spilled (the source parses)
            KeptRows kept = new KeptRows(source(values), (long) budget);
            assertTrue(kept.float32());
            double[] widened = new double[100 * D];
            double[] weights = new double[100];
            try (BatchReader first = kept.open()) { // the first pass, by a reader of doubles
                while (first.read(widened, weights, 100) > 0) {
                    assertEquals(1.0, weights[0]);
                }
            }
            assertEquals(budget > 1e6, kept.resident() != null, "kept in memory");
            assertEquals(budget < 1e6, kept.spilled(), "spilled");
            float[] again = new float[N * D];
            float[] batch = new float[100 * D];
            int rows = 0;
            try (BatchReader later = kept.open()) { // from memory or the spill file, as floats
                for (int n; (n = later.readFloats(batch, weights, 100)) > 0; rows += n) {
                    System.arraycopy(batch, 0, again, rows * D, n * D);
                }
            }
            assertEquals(N, rows);
            assertArrayEquals(values, again);
            kept.close();
        }
    }

    /** Parsed float32 rows, delivered as floats or widened. */
    private static BatchSource source(float[] values) {
        return new BatchSource() {
            @Override
            public int dimensions() {
                return D;
            }

            @Override
            public String name() {
                return "floats";
            }

            @Override
            public boolean float32() {
                return true;
            }

            @Override
            public OptionalLong rows() {
                return OptionalLong.of(N);
            }

            @Override
            public Rereading rereading() {
                return Rereading.PARSES;
            }

            @Override
            public BatchReader open() {
                return new BatchReader() {
                    private int next;

                    @Override
                    public int read(double[] data, double[] weights, int maxRows) {
                        int n = Math.min(maxRows, N - next);
                        for (int v = 0; v < n * D; v++) {
                            data[v] = values[next * D + v];
                        }
                        Arrays.fill(weights, 0, n, 1);
                        next += n;
                        return n;
                    }

                    @Override
                    public int readFloats(float[] data, double[] weights, int maxRows) {
                        int n = Math.min(maxRows, N - next);
                        System.arraycopy(values, next * D, data, 0, n * D);
                        Arrays.fill(weights, 0, n, 1);
                        next += n;
                        return n;
                    }

                    @Override
                    public void close() {
                    }
                };
            }
        };
    }
}
