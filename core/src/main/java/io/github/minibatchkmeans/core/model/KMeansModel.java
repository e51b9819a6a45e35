package io.github.minibatchkmeans.core.model;

import io.github.minibatchkmeans.core.engine.Mode;
import io.github.minibatchkmeans.core.kernel.CentroidTable;
import io.github.minibatchkmeans.core.source.InvalidInputException;
import java.util.List;

/**
 * A fitted k-means model: immutable centroids and how they came about. Arrays are copied in and
 * out. Save and load with {@link ModelJson}; Java serialization works too (toolkits that embed it,
 * such as Tribuo, rely on it).
 */
public final class KMeansModel implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    private final Mode mode;
    private final double[][] centroids;
    private final double[] sizes;
    private final double inertia;
    private final int iterations;
    private final boolean converged;
    private final List<IterationRecord> history;
    private final double[][] initialCentroids;
    private final transient CentroidTable table;

    /**
     * @param sizes      total weight assigned to each centroid
     * @param inertia    weighted sum of squared distances to the returned centroids
     * @param iterations passes (EXACT) or epochs (STOCHASTIC) that updated the centroids
     */
    public KMeansModel(Mode mode, double[][] centroids, double[] sizes, double inertia, int iterations,
                       boolean converged, List<IterationRecord> history) {
        this(mode, centroids, sizes, inertia, iterations, converged, history, null);
    }

    private KMeansModel(Mode mode, double[][] centroids, double[] sizes, double inertia, int iterations,
                        boolean converged, List<IterationRecord> history, double[][] initialCentroids) {
        if (centroids.length == 0 || sizes.length != centroids.length) {
            throw new IllegalArgumentException("need one size per centroid and at least one centroid");
        }
        this.mode = mode;
        this.centroids = deepCopy(centroids);
        this.sizes = sizes.clone();
        this.inertia = inertia;
        this.iterations = iterations;
        this.converged = converged;
        this.history = List.copyOf(history);
        this.initialCentroids = initialCentroids == null ? null : deepCopy(initialCentroids);
        this.table = new CentroidTable(this.centroids);
    }

    /** This model, remembering the centroids the fit started from. */
    public KMeansModel withInitialCentroids(double[][] initial) {
        return new KMeansModel(mode, centroids, sizes, inertia, iterations, converged, history, initial);
    }

    /** The centroids the fit started from, when known. */
    public java.util.Optional<double[][]> initialCentroids() {
        return java.util.Optional.ofNullable(initialCentroids).map(KMeansModel::deepCopy);
    }

    /** Rebuilds the transient kernel layout after Java deserialization. */
    private Object readResolve() {
        return new KMeansModel(mode, centroids, sizes, inertia, iterations, converged, history, initialCentroids);
    }

    public Mode mode() {
        return mode;
    }

    public int k() {
        return centroids.length;
    }

    public int dimensions() {
        return centroids[0].length;
    }

    public double[][] centroids() {
        return deepCopy(centroids);
    }

    public double[] centroid(int c) {
        return centroids[c].clone();
    }

    public double[] sizes() {
        return sizes.clone();
    }

    public double inertia() {
        return inertia;
    }

    public int iterations() {
        return iterations;
    }

    public boolean converged() {
        return converged;
    }

    public List<IterationRecord> history() {
        return history;
    }

    /** The layout the distance kernel uses; shared by every prediction path. */
    public CentroidTable table() {
        return table;
    }

    /** Index of the nearest centroid (ties: lowest index). */
    public int predict(double[] x) {
        checkDimensions(x);
        return table.nearest(x, 0, table.newScratch());
    }

    /** Euclidean distance from {@code x} to every centroid. */
    public double[] transform(double[] x) {
        checkDimensions(x);
        double[] distances = new double[k()];
        for (int c = 0; c < k(); c++) {
            distances[c] = Math.sqrt(table.distance(x, 0, c));
        }
        return distances;
    }

    /** Negative weighted inertia of {@code rows} under this model, as scikit-learn's {@code score}. */
    public double score(double[][] rows, double[] weights) {
        double inertia = 0;
        for (int i = 0; i < rows.length; i++) {
            checkDimensions(rows[i]);
            int c = predict(rows[i]);
            inertia += (weights == null ? 1.0 : weights[i]) * table.distance(rows[i], 0, c);
        }
        return -inertia;
    }

    private void checkDimensions(double[] x) {
        if (x.length != dimensions()) {
            throw new InvalidInputException("row has " + x.length + " values, the model has " + dimensions() + " dimensions");
        }
    }

    private static double[][] deepCopy(double[][] a) {
        double[][] copy = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            copy[i] = a[i].clone();
        }
        return copy;
    }
}
