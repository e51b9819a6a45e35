package io.github.minibatchkmeans.core;

import io.github.minibatchkmeans.core.internal.rows.Arithmetic;
import io.github.minibatchkmeans.core.internal.pass.FlatRows;
import io.github.minibatchkmeans.core.spi.BatchReader;
import io.github.minibatchkmeans.core.spi.BatchSource;
import io.github.minibatchkmeans.core.spi.InvalidInputException;
import io.github.minibatchkmeans.core.spi.Values;
import io.github.minibatchkmeans.core.spi.Weights;
import java.util.Arrays;
import java.util.OptionalLong;

/** In-memory rows, as {@code double[][]} or a flat row-major array, with optional weights. */
public final class ArraySource implements BatchSource {
    private final double[] data;
    private final double[] weights;
    private final int rows;
    private final int dims;

    private final boolean missing;

    private ArraySource(double[] data, int rows, int dims, double[] weights) {
        if (weights != null && weights.length != rows) {
            throw new InvalidInputException("weights: expected " + rows + " values, got " + weights.length);
        }
        this.data = data;
        this.rows = rows;
        this.dims = dims;
        this.weights = weights;
        int bad = Arithmetic.get().firstInvalid(data, 0, data.length);
        if (bad >= 0) {
            throw Values.rejected(data[bad], "row " + bad / dims + ", column " + bad % dims);
        }
        this.missing = Arithmetic.get().firstUnusable(data, 0, data.length) >= 0; // only NaN is left unusable
        if (weights != null) {
            for (int i = 0; i < rows; i++) {
                if (!Weights.isValid(weights[i])) {
                    throw Weights.rejected(weights[i], "weights[" + i + "]");
                }
            }
        }
    }

    /**
     * Rows as a row-major array of {@code rows × dims} values; {@code weights} may be null. Not copied.
     *
     * @param rowMajor the values, row after row
     * @param dims the columns of each row
     * @param weights one weight per row, or null
     * @return the source
     */
    public static ArraySource ofFlat(double[] rowMajor, int dims, double[] weights) {
        if (dims < 1 || rowMajor.length % dims != 0) {
            throw new InvalidInputException("flat array of length " + rowMajor.length + " is not a multiple of " + dims + " dimensions");
        }
        return new ArraySource(rowMajor, rowMajor.length / dims, dims, weights);
    }

    /**
     * Rows as {@code double[rows][dims]} (copied into one flat array); {@code weights} may be null.
     *
     * @param rows the data, one array per row
     * @param weights one weight per row, or null
     * @return the source
     */
    public static ArraySource of(double[][] rows, double[] weights) {
        if (rows.length == 0) {
            throw new InvalidInputException("no rows");
        }
        int dims = rows[0].length;
        double[] flat = new double[rows.length * dims];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != dims) {
                throw new InvalidInputException("row " + i + ": expected " + dims + " values, got " + rows[i].length);
            }
            System.arraycopy(rows[i], 0, flat, i * dims, dims);
        }
        return new ArraySource(flat, rows.length, dims, weights);
    }

    /**
     * Rows as {@code double[rows][dims]} (copied into one flat array), each of weight 1.
     *
     * @param rows the data, one array per row
     * @return the source
     */
    public static ArraySource of(double[][] rows) {
        return of(rows, null);
    }

    @Override
    public OptionalLong rows() {
        return OptionalLong.of(rows);
    }

    @Override
    public int dimensions() {
        return dims;
    }

    @Override
    public String name() {
        return "array";
    }

    /** True if some value is missing (NaN): then passes read copies, which they fill in, not the caller's array. */
    boolean hasMissing() {
        return missing;
    }

    /** The same rows as passes read them in place, without a copy. */
    FlatRows inPlace() {
        return new FlatRows(data, weights, dims, name());
    }

    @Override
    public BatchReader open() {
        return new BatchReader() {
            private int next;

            @Override
            public int read(double[] out, double[] outWeights, int maxRows) {
                int n = Math.min(maxRows, rows - next);
                System.arraycopy(data, next * dims, out, 0, n * dims);
                if (weights == null) {
                    Arrays.fill(outWeights, 0, n, 1.0);
                } else {
                    System.arraycopy(weights, next, outWeights, 0, n);
                }
                next += n;
                return n;
            }

            @Override
            public long skip(long skip) {
                int n = (int) Math.min(skip, rows - next);
                next += n;
                return n;
            }

            @Override
            public void close() {
            }
        };
    }
}
