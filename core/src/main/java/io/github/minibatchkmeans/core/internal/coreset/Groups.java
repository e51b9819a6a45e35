package io.github.minibatchkmeans.core.internal.coreset;

import java.util.Arrays;

/**
 * Weighted groups of rows, each kept as its clustering feature: total weight w, per-feature sum
 * Σwx and per-feature sum of squares Σwx². A group stands for its rows at its mean Σwx/w with
 * weight w, and its features give, for any centroid c, the rows' exact squared distance to c in
 * total — {@code Σⱼ (Σwx²ⱼ − 2cⱼΣwxⱼ + w cⱼ²)} — so sizes and inertia need no second look at the rows.
 * Per-feature sums also survive a per-feature affine change of scale exactly.
 */
public final class Groups {
    final int dims;
    int size;
    double[] weight;
    double[] sum;
    double[] squares;

    public Groups(int dims, int capacity) {
        this.dims = dims;
        this.weight = new double[Math.max(1, capacity)];
        this.sum = new double[Math.max(1, capacity) * dims];
        this.squares = new double[Math.max(1, capacity) * dims];
    }

    public int size() {
        return size;
    }

    public int dims() {
        return dims;
    }

    public double weight(int g) {
        return weight[g];
    }

    /** Adds a group of one row {@code data[offset .. offset+dims)} with weight {@code w}. */
    public void addRow(double[] data, int offset, double w) {
        int g = grow();
        weight[g] = w;
        for (int j = 0; j < dims; j++) {
            double x = data[offset + j];
            sum[g * dims + j] = w * x;
            squares[g * dims + j] = w * x * x;
        }
    }

    /** Appends group {@code g} of {@code other}. */
    void addGroup(Groups other, int g) {
        int to = grow();
        weight[to] = other.weight[g];
        System.arraycopy(other.sum, g * dims, sum, to * dims, dims);
        System.arraycopy(other.squares, g * dims, squares, to * dims, dims);
    }

    /** Merges group {@code g} of {@code other} into group {@code into} of these. */
    void merge(int into, Groups other, int g) {
        weight[into] += other.weight[g];
        for (int j = 0; j < dims; j++) {
            sum[into * dims + j] += other.sum[g * dims + j];
            squares[into * dims + j] += other.squares[g * dims + j];
        }
    }

    /** The groups' means, row-major, each scaled as {@code (mean − shift)·scale} (no change when both null). */
    public double[] means(double[] shift, double[] scale) {
        double[] means = new double[size * dims];
        for (int g = 0; g < size; g++) {
            for (int j = 0; j < dims; j++) {
                double mean = weight[g] > 0 ? sum[g * dims + j] / weight[g] : 0;
                means[g * dims + j] = shift == null ? mean : (mean - shift[j]) * scale[j];
            }
        }
        return means;
    }

    public double[] weights() {
        return Arrays.copyOf(weight, size);
    }

    /**
     * The squared distance, in total over group g's rows, to {@code centroid} in the scaled space
     * {@code (x − shift)·scale}: {@code Σⱼ scaleⱼ²(Σwx²ⱼ − 2aⱼΣwxⱼ + w aⱼ²)} with {@code aⱼ = cⱼ/scaleⱼ + shiftⱼ}
     * the centroid in the rows' own units, written as the group's spread about its mean plus its
     * weight times the mean's distance (no cancellation between large terms).
     */
    public double squaredDistance(int g, double[] centroid, double[] shift, double[] scale) {
        double w = weight[g];
        if (w == 0) {
            return 0;
        }
        double total = 0;
        for (int j = 0; j < dims; j++) {
            double s = sum[g * dims + j];
            double mean = s / w;
            double spread = Math.max(0, squares[g * dims + j] - s * mean); // Σw(x − mean)²
            double f = scale == null ? 1 : scale[j];
            double diff = (shift == null ? mean : (mean - shift[j]) * f) - centroid[j];
            total += spread * f * f + w * diff * diff;
        }
        return total;
    }

    private int grow() {
        if (size == weight.length) {
            int capacity = 2 * weight.length;
            weight = Arrays.copyOf(weight, capacity);
            sum = Arrays.copyOf(sum, capacity * dims);
            squares = Arrays.copyOf(squares, capacity * dims);
        }
        return size++;
    }

    /** Bytes held per group. */
    static long bytesPerGroup(int dims) {
        return 8L * (1 + 2L * dims);
    }
}
