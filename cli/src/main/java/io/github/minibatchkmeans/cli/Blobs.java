package io.github.minibatchkmeans.cli;

import java.util.SplittableRandom;

/**
 * Gaussian blobs like scikit-learn's {@code make_blobs}: {@code k} centers uniform in
 * [-10, 10]^d, unit standard deviation unless told otherwise. Every row is a pure function of (seed, row index), so
 * the data can be streamed out and its generating labels recomputed later without storing them.
 */
final class Blobs {
    /** The largest --cluster-std: values reach about ten deviations, and fit accepts values up to 1e150. */
    static final double MAX_STD = 1e148;

    /** {@code std} if it is a --cluster-std whose data fit would accept, else a usage error. */
    static double checkStd(double std) {
        if (!(std >= 0) || std > MAX_STD) {
            throw new UsageException("--cluster-std: must be a number in [0, 1e148] (so that every value stays within ±1e150, "
                    + "what fit accepts), got " + std);
        }
        return std;
    }

    private final int dims;
    private final int clusters;
    private final long seed;
    private final double[][] centers;
    private final double std;

    Blobs(int dims, int clusters, long seed) {
        this(dims, clusters, seed, 1);
    }

    /** Blobs of standard deviation {@code std} (scikit-learn's {@code cluster_std}). */
    Blobs(int dims, int clusters, long seed, double std) {
        this.std = std;
        this.dims = dims;
        this.clusters = clusters;
        this.seed = seed;
        SplittableRandom random = new SplittableRandom(seed);
        centers = new double[clusters][dims];
        for (double[] c : centers) {
            for (int j = 0; j < dims; j++) {
                c[j] = random.nextDouble(-10, 10);
            }
        }
    }

    private SplittableRandom rowRandom(long row) {
        return new SplittableRandom(seed ^ (row * 0x9E3779B97F4A7C15L));
    }

    /** The cluster that generated {@code row}. */
    int label(long row) {
        return rowRandom(row).nextInt(clusters);
    }

    /** Writes row {@code row} into {@code out[offset .. offset+dims)}. */
    void fill(long row, double[] out, int offset) {
        SplittableRandom random = rowRandom(row);
        double[] center = centers[random.nextInt(clusters)];
        for (int j = 0; j < dims; j++) {
            out[offset + j] = center[j] + std * random.nextGaussian();
        }
    }

    int dims() {
        return dims;
    }

    int clusters() {
        return clusters;
    }
}
