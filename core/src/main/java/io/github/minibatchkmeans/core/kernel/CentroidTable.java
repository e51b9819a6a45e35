package io.github.minibatchkmeans.core.kernel;

/**
 * Centroids laid out for the distance kernel. The nearest centroid minimises
 * {@code ‖x−c‖² = ‖x‖² − 2x·c + ‖c‖²}; {@code ‖x‖²} is the same for every c, so the kernel only
 * needs {@code ‖c‖² − 2x·c}. With the centroids stored transposed ({@code d × k}), the dot products
 * of one row with all centroids are d axpy loops over k contiguous doubles, which the JIT turns
 * into SIMD code.
 */
public final class CentroidTable {
    private final int k;
    private final int dims;
    private final double[] centroids;
    private final double[] transposed;
    private final double[] norms;

    public CentroidTable(double[][] centers) {
        this.k = centers.length;
        this.dims = centers[0].length;
        this.centroids = new double[k * dims];
        this.transposed = new double[dims * k];
        this.norms = new double[k];
        for (int c = 0; c < k; c++) {
            if (centers[c].length != dims) {
                throw new IllegalArgumentException("centroid " + c + " has " + centers[c].length + " values, expected " + dims);
            }
            double norm = 0;
            for (int j = 0; j < dims; j++) {
                double v = centers[c][j];
                centroids[c * dims + j] = v;
                transposed[j * k + c] = v;
                norm += v * v;
            }
            norms[c] = norm;
        }
    }

    public int k() {
        return k;
    }

    public int dims() {
        return dims;
    }

    /** Value {@code j} of centroid {@code c}. */
    public double get(int c, int j) {
        return centroids[c * dims + j];
    }

    /** A per-thread working buffer for {@link #nearest}. */
    public double[] newScratch() {
        return new double[k];
    }

    /**
     * Index of the centroid nearest to the row at {@code data[offset..]}; ties go to the lowest
     * index. {@code scratch} comes from {@link #newScratch()}.
     */
    public int nearest(double[] data, int offset, double[] scratch) {
        double[] dots = scratch;
        java.util.Arrays.fill(dots, 0);
        for (int j = 0; j < dims; j++) {
            double x = data[offset + j];
            int base = j * k;
            for (int c = 0; c < k; c++) {
                dots[c] += x * transposed[base + c];
            }
        }
        int best = 0;
        double bestScore = norms[0] - 2 * dots[0];
        for (int c = 1; c < k; c++) {
            double score = norms[c] - 2 * dots[c];
            if (score < bestScore) {
                bestScore = score;
                best = c;
            }
        }
        return best;
    }

    /** Exact squared distance from the row at {@code data[offset..]} to centroid {@code c}, summed directly. */
    public double distance(double[] data, int offset, int c) {
        double sum = 0;
        int base = c * dims;
        for (int j = 0; j < dims; j++) {
            double diff = data[offset + j] - centroids[base + j];
            sum += diff * diff;
        }
        return sum;
    }
}
