package io.github.minibatchkmeans.core;

import io.github.minibatchkmeans.core.internal.pass.FlatRows;
import io.github.minibatchkmeans.core.internal.rows.SparseRows;
import io.github.minibatchkmeans.core.spi.BatchReader;
import io.github.minibatchkmeans.core.spi.BatchSource;
import io.github.minibatchkmeans.core.spi.InvalidInputException;
import io.github.minibatchkmeans.core.spi.Values;
import io.github.minibatchkmeans.core.spi.Weights;
import java.util.Arrays;
import java.util.OptionalLong;

/**
 * In-memory sparse rows in compressed sparse row (CSR) form — scipy's {@code csr_matrix} layout:
 * row {@code i}'s non-zero values are {@code values[rowPointers[i] .. rowPointers[i+1])} at the
 * feature indices {@code indices[..]}, strictly increasing. The fit keeps them sparse: time and
 * memory follow the non-zeros, and centroids are dense (k × d), as in every k-means.
 *
 * <pre>{@code
 * // three rows of 5 features: {0: 1.0}, {}, {2: 2.0, 4: 3.0}
 * SparseArraySource rows = SparseArraySource.ofCsr(5, new int[] {0, 1, 1, 3}, new int[] {0, 2, 4},
 *         new double[] {1, 2, 3}, null);
 * }</pre>
 */
public final class SparseArraySource implements BatchSource {
    private final int dims;
    private final int rows;
    private final int[] rowPointers;
    private final int[] indices;
    private final double[] values;
    private final double[] weights;

    private SparseArraySource(int dims, int[] rowPointers, int[] indices, double[] values, double[] weights) {
        this.dims = dims;
        this.rows = rowPointers.length - 1;
        this.rowPointers = rowPointers;
        this.indices = indices;
        this.values = values;
        this.weights = weights;
    }

    /**
     * Rows in CSR form, not copied; {@code weights} may be null for all 1.
     *
     * @param dims the number of features (columns)
     * @param rowPointers {@code rows + 1} offsets, the first 0, never decreasing
     * @param indices each value's feature, strictly increasing within a row, below {@code dims}
     * @param values the non-zero values
     * @param weights one weight per row, or null
     * @return the source
     * @throws InvalidInputException naming the row and index of the first thing wrong
     */
    public static SparseArraySource ofCsr(int dims, int[] rowPointers, int[] indices, double[] values, double[] weights) {
        if (dims < 1 || dims > MAX_FEATURES) {
            throw new InvalidInputException("dims must be within [1, " + MAX_FEATURES + "], got " + dims);
        }
        if (rowPointers.length < 2 || rowPointers[0] != 0) {
            throw new InvalidInputException("rowPointers: expected rows + 1 >= 2 offsets starting at 0");
        }
        int rows = rowPointers.length - 1;
        if (indices.length != values.length || rowPointers[rows] != values.length) {
            throw new InvalidInputException("rowPointers end at " + rowPointers[rows] + " but there are " + indices.length
                    + " indices and " + values.length + " values");
        }
        if (weights != null && weights.length != rows) {
            throw new InvalidInputException("weights: expected " + rows + " values, got " + weights.length);
        }
        for (int i = 0; i < rows; i++) {
            if (rowPointers[i + 1] < rowPointers[i]) {
                throw new InvalidInputException("rowPointers[" + (i + 1) + "] = " + rowPointers[i + 1] + " is below rowPointers["
                        + i + "] = " + rowPointers[i]);
            }
            for (int e = rowPointers[i]; e < rowPointers[i + 1]; e++) {
                String where = "row " + i + ", index " + indices[e];
                if (indices[e] < 0 || indices[e] >= dims) {
                    throw new InvalidInputException(where + ": outside the " + dims + " features");
                }
                if (e > rowPointers[i] && indices[e] <= indices[e - 1]) {
                    throw new InvalidInputException(where + ": indices must increase within a row (after " + indices[e - 1] + ")");
                }
                if (!Values.isUsable(values[e])) {
                    throw Values.rejected(values[e], where);
                }
            }
            if (weights != null && !Weights.isValid(weights[i])) {
                throw Weights.rejected(weights[i], "weights[" + i + "]");
            }
        }
        return new SparseArraySource(dims, rowPointers, indices, values, weights);
    }

    @Override
    public int dimensions() {
        return dims;
    }

    @Override
    public String name() {
        return "sparse array";
    }

    @Override
    public OptionalLong rows() {
        return OptionalLong.of(rows);
    }

    @Override
    public boolean sparse() {
        return true;
    }

    /** The same rows as passes read them in place, without a copy. */
    FlatRows inPlace() {
        double[] w = weights;
        if (w == null) {
            w = new double[rows];
            Arrays.fill(w, 1.0);
        }
        SparseRows all = new SparseRows(Arrays.copyOfRange(rowPointers, 1, rows + 1), indices, values, w, dims);
        all.span(0, rows);
        return FlatRows.of(all, name());
    }

    @Override
    public BatchReader open() {
        return inPlace().open();
    }
}
