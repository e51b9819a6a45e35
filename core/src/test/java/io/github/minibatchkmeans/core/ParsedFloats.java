package io.github.minibatchkmeans.core;

import io.github.minibatchkmeans.core.spi.BatchReader;
import io.github.minibatchkmeans.core.spi.BatchSource;
import java.util.Arrays;
import java.util.OptionalLong;

/**
 * float32 rows of a text-like source (parsed again on every pass), weights 1: delivered as floats
 * when {@code float32}, and as the same values widened to doubles always. Counts its passes.
 */
public final class ParsedFloats implements BatchSource {
    private final float[] values;
    private final int rows;
    private final int dims;
    private final boolean float32;
    private int opened;

    public ParsedFloats(float[] values, int dims, boolean float32) {
        this.values = values;
        this.rows = values.length / dims;
        this.dims = dims;
        this.float32 = float32;
    }

    /** How many passes were opened. */
    public int opened() {
        return opened;
    }

    @Override
    public int dimensions() {
        return dims;
    }

    @Override
    public String name() {
        return "parsed floats";
    }

    @Override
    public boolean float32() {
        return float32;
    }

    @Override
    public OptionalLong rows() {
        return OptionalLong.of(rows);
    }

    @Override
    public Rereading rereading() {
        return Rereading.PARSES;
    }

    @Override
    public BatchReader open() {
        opened++;
        return new BatchReader() {
            private int next;

            @Override
            public int read(double[] data, double[] weights, int maxRows) {
                int n = Math.min(maxRows, rows - next);
                for (int v = 0; v < n * dims; v++) {
                    data[v] = values[next * dims + v];
                }
                return delivered(weights, n);
            }

            @Override
            public int readFloats(float[] data, double[] weights, int maxRows) {
                int n = Math.min(maxRows, rows - next);
                System.arraycopy(values, next * dims, data, 0, n * dims);
                return delivered(weights, n);
            }

            private int delivered(double[] weights, int n) {
                Arrays.fill(weights, 0, n, 1);
                next += n;
                return n;
            }

            @Override
            public void close() {
            }
        };
    }
}
