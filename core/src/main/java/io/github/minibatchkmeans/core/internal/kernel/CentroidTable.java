package io.github.minibatchkmeans.core.internal.kernel;

/**
 * Centroids laid out for the distance kernel, where k-means spends its time.
 *
 * <p>The nearest centroid minimises {@code ‖x−c‖² = ‖x‖² − 2x·c + ‖c‖²}; {@code ‖x‖²} is the same
 * for every c, so ranking needs only {@code ‖c‖² − 2x·c}: one dot product per (row, centroid),
 * i.e. a matrix product. The kernel computes it in register tiles of 4 rows × 4 centroids —
 * 16 independent accumulators, each value loaded once per tile instead of once per product —
 * which runs several times faster than a row-at-a-time loop under C2. Every dot product is summed
 * in the same order (feature 0 to d−1, plain multiply then add) whichever tile or remainder path
 * computes it, so a row's label never depends on its position in a block.
 */
public final class CentroidTable {
    private static final int TILE = 4;

    private final int k;
    private final int dims;
    private final double[] centroids;
    private final double[] norms;

    public CentroidTable(double[][] centers) {
        this.k = centers.length;
        this.dims = centers[0].length;
        this.centroids = new double[k * dims];
        this.norms = new double[k];
        for (int c = 0; c < k; c++) {
            if (centers[c].length != dims) {
                throw new IllegalArgumentException("centroid " + c + " has " + centers[c].length + " values, expected " + dims);
            }
            double norm = 0;
            for (int j = 0; j < dims; j++) {
                double v = centers[c][j];
                centroids[c * dims + j] = v;
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

    /** A per-thread working buffer for {@link #assign} and {@link #nearest}. */
    public double[] newScratch() {
        return new double[TILE * k];
    }

    /**
     * Labels rows {@code [from, to)} of the row-major {@code data}: {@code labels[at + i - from]} is
     * the nearest centroid of row i, ties going to the lowest index.
     */
    public void assign(double[] data, int from, int to, int[] labels, int at, double[] scratch) {
        int row = from;
        for (; row + TILE <= to; row += TILE) {
            dotsOfFourRows(data, row * dims, scratch);
            for (int q = 0; q < TILE; q++) {
                labels[at + row - from + q] = argmin(scratch, q * k);
            }
        }
        for (; row < to; row++) {
            dotsOfOneRow(data, row * dims, scratch);
            labels[at + row - from] = argmin(scratch, 0);
        }
    }

    /** Index of the centroid nearest to the row at {@code data[offset..]}; ties go to the lowest index. */
    public int nearest(double[] data, int offset, double[] scratch) {
        dotsOfOneRow(data, offset, scratch);
        return argmin(scratch, 0);
    }

    private int argmin(double[] dots, int base) {
        int best = 0;
        double bestScore = norms[0] - 2 * dots[base];
        for (int c = 1; c < k; c++) {
            double score = norms[c] - 2 * dots[base + c];
            if (score < bestScore) {
                bestScore = score;
                best = c;
            }
        }
        return best;
    }

    /** {@code out[q·k + c] = x_q · c} for the four rows starting at {@code x0}. */
    private void dotsOfFourRows(double[] x, int x0, double[] out) {
        int x1 = x0 + dims;
        int x2 = x1 + dims;
        int x3 = x2 + dims;
        int c = 0;
        for (; c + TILE <= k; c += TILE) {
            int p0 = c * dims;
            int p1 = p0 + dims;
            int p2 = p1 + dims;
            int p3 = p2 + dims;
            double a00 = 0, a01 = 0, a02 = 0, a03 = 0, a10 = 0, a11 = 0, a12 = 0, a13 = 0;
            double a20 = 0, a21 = 0, a22 = 0, a23 = 0, a30 = 0, a31 = 0, a32 = 0, a33 = 0;
            for (int j = 0; j < dims; j++) {
                double v0 = x[x0 + j], v1 = x[x1 + j], v2 = x[x2 + j], v3 = x[x3 + j];
                double c0 = centroids[p0 + j], c1 = centroids[p1 + j], c2 = centroids[p2 + j], c3 = centroids[p3 + j];
                a00 += v0 * c0; a01 += v0 * c1; a02 += v0 * c2; a03 += v0 * c3;
                a10 += v1 * c0; a11 += v1 * c1; a12 += v1 * c2; a13 += v1 * c3;
                a20 += v2 * c0; a21 += v2 * c1; a22 += v2 * c2; a23 += v2 * c3;
                a30 += v3 * c0; a31 += v3 * c1; a32 += v3 * c2; a33 += v3 * c3;
            }
            out[c] = a00; out[c + 1] = a01; out[c + 2] = a02; out[c + 3] = a03;
            out[k + c] = a10; out[k + c + 1] = a11; out[k + c + 2] = a12; out[k + c + 3] = a13;
            out[2 * k + c] = a20; out[2 * k + c + 1] = a21; out[2 * k + c + 2] = a22; out[2 * k + c + 3] = a23;
            out[3 * k + c] = a30; out[3 * k + c + 1] = a31; out[3 * k + c + 2] = a32; out[3 * k + c + 3] = a33;
        }
        for (; c < k; c++) {
            int p = c * dims;
            double a0 = 0, a1 = 0, a2 = 0, a3 = 0;
            for (int j = 0; j < dims; j++) {
                double cv = centroids[p + j];
                a0 += x[x0 + j] * cv;
                a1 += x[x1 + j] * cv;
                a2 += x[x2 + j] * cv;
                a3 += x[x3 + j] * cv;
            }
            out[c] = a0;
            out[k + c] = a1;
            out[2 * k + c] = a2;
            out[3 * k + c] = a3;
        }
    }

    /** {@code out[c] = x · c} for the row at {@code x0}. */
    private void dotsOfOneRow(double[] x, int x0, double[] out) {
        int c = 0;
        for (; c + TILE <= k; c += TILE) {
            int p0 = c * dims;
            int p1 = p0 + dims;
            int p2 = p1 + dims;
            int p3 = p2 + dims;
            double a0 = 0, a1 = 0, a2 = 0, a3 = 0;
            for (int j = 0; j < dims; j++) {
                double v = x[x0 + j];
                a0 += v * centroids[p0 + j];
                a1 += v * centroids[p1 + j];
                a2 += v * centroids[p2 + j];
                a3 += v * centroids[p3 + j];
            }
            out[c] = a0;
            out[c + 1] = a1;
            out[c + 2] = a2;
            out[c + 3] = a3;
        }
        for (; c < k; c++) {
            int p = c * dims;
            double a = 0;
            for (int j = 0; j < dims; j++) {
                a += x[x0 + j] * centroids[p + j];
            }
            out[c] = a;
        }
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
