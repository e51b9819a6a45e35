package io.github.minibatchkmeans.core.internal.pass;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.minibatchkmeans.core.ParsedFloats;
import io.github.minibatchkmeans.core.spi.BatchReader;
import java.io.IOException;
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
            KeptRows kept = new KeptRows(new ParsedFloats(values, D, true), (long) budget);
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
            try (BatchReader skipping = kept.open()) { // a pass whose bounds skip every block reads nothing, either way
                assertEquals(N, skipping.skip(N));
                assertEquals(0, skipping.read(widened, weights, 100));
                assertEquals(0, skipping.readFloats(batch, weights, 100));
            }
            kept.close();
        }
    }
}
