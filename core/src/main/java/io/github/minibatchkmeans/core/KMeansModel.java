package io.github.minibatchkmeans.core;

import io.github.minibatchkmeans.core.internal.assign.AssignTask;
import io.github.minibatchkmeans.core.internal.kernel.BlockLabels;
import io.github.minibatchkmeans.core.internal.kernel.Kernel;
import io.github.minibatchkmeans.core.internal.kernel.Kernels;
import io.github.minibatchkmeans.core.internal.metric.Geometry;
import io.github.minibatchkmeans.core.internal.rows.DenseRows;
import io.github.minibatchkmeans.core.internal.rows.RowFormat;
import io.github.minibatchkmeans.core.internal.pass.PassRunner;
import io.github.minibatchkmeans.core.spi.AssignmentSink;
import io.github.minibatchkmeans.core.spi.BatchSource;
import io.github.minibatchkmeans.core.spi.DistancesSink;
import io.github.minibatchkmeans.core.spi.InvalidInputException;
import io.github.minibatchkmeans.core.spi.Values;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A fitted k-means model: immutable centroids and how they came about. Arrays are copied in and
 * out. Predicts with the metric it was fitted with (squared Euclidean distance, or cosine on rows
 * scaled to unit length), ties going to the lowest centroid index.
 *
 * <p>Build one from saved values with {@link #builder}, which checks them (shapes, finiteness,
 * non-negative sizes) and names the bad field. Java serialization works (toolkits such as Tribuo
 * embed models that way) through a plain-array serial form.
 *
 * @serial exclude
 */
public final class KMeansModel implements Serializable {
    private static final long serialVersionUID = 2L;

    private final Mode mode;
    private final Metric metric;
    private final double[][] centroids;
    private final double[] sizes;
    private final double inertia;
    private final int iterations;
    private final boolean converged;
    private final List<IterationRecord> history;
    private final double[][] initialCentroids;
    private final long missingValues;
    private final MissingValues missing;
    private final transient Geometry geometry;
    private final transient Kernel table;
    /** What fills a missing value (NaN) of a row this model labels ({@link #trainingMean}); null if left out. */
    private final transient double[] fills;
    /** The kernel for sparse rows, made on first use and kept: a caller that predicts chunk by chunk builds it once. */
    private transient volatile Kernel sparseTable;
    /** Rows labelled per kernel call by {@link #predict(double[][])}. */
    private static final int CHUNK_ROWS = 512;

    private KMeansModel(Builder b) {
        this.mode = b.mode;
        this.metric = b.metric;
        this.centroids = deepCopy(b.centroids);
        this.sizes = b.sizes.clone();
        this.inertia = b.inertia;
        this.iterations = b.iterations;
        this.converged = b.converged;
        this.history = List.copyOf(b.history);
        this.initialCentroids = b.initialCentroids == null ? null : deepCopy(b.initialCentroids);
        this.missingValues = b.missingValues;
        this.missing = b.missing;
        this.geometry = metric.geometry();
        this.table = Kernels.create(this.centroids, Kernel.meanOf(this.centroids), RowFormat.DENSE, geometry);
        this.fills = missing == MissingValues.IGNORE ? null : trainingMean(this.centroids, this.sizes);
    }

    /**
     * A builder for a model with these centroids (k rows of equal length).
     *
     * @param centroids k rows of equal length
     * @return the builder
     */
    public static Builder builder(double[][] centroids) {
        return new Builder(centroids);
    }

    /**
     * A builder holding this model's values, to change some of them.
     *
     * @return the builder
     */
    public Builder toBuilder() {
        return builder(centroids).mode(mode).metric(metric).sizes(sizes).inertia(inertia).iterations(iterations).converged(converged)
                .history(history).initialCentroids(initialCentroids).missingValues(missingValues).missing(missing);
    }

    /**
     * How many values of the training data were missing: filled in ({@link MissingValues#IMPUTE}) or
     * left out ({@link MissingValues#IGNORE}).
     *
     * @return the count; 0 if none, or not known (a model of 0.1.0)
     */
    public long missingValues() {
        return missingValues;
    }

    /**
     * What a missing value (NaN) of a row to label is: {@link MissingValues#IMPUTE} — filled with the
     * training data's mean — or {@link MissingValues#IGNORE} — the row is measured over the features
     * it has, as the fit measured its rows. (A model never refuses one: {@code ERROR} was the fit's concern.)
     *
     * @return IMPUTE or IGNORE
     */
    public MissingValues missing() {
        return missing;
    }

    /**
     * The training data's mean — what fills a missing value of a row to label: the centroids
     * weighted by their sizes (each centroid is the mean of its rows; without sizes, alike).
     */
    private static double[] trainingMean(double[][] centroids, double[] sizes) {
        int k = centroids.length;
        double total = java.util.Arrays.stream(sizes).sum();
        double[] mean = new double[centroids[0].length];
        for (int c = 0; c < k; c++) {
            double share = total > 0 ? sizes[c] / total : 1.0 / k;
            for (int j = 0; j < mean.length; j++) {
                mean[j] += share * centroids[c][j];
            }
        }
        return mean;
    }

    /**
     * The mode that fitted the model.
     *
     * @return the mode
     */
    public Mode mode() {
        return mode;
    }

    /**
     * How rows were compared with the centroids, and are when predicting.
     *
     * @return the metric
     */
    public Metric metric() {
        return metric;
    }

    /**
     * The number of centroids.
     *
     * @return k
     */
    public int k() {
        return centroids.length;
    }

    /**
     * The values per centroid (and per row to predict).
     *
     * @return the dimensions
     */
    public int dimensions() {
        return centroids[0].length;
    }

    /**
     * The centroids, copied.
     *
     * @return k arrays of {@link #dimensions()} values
     */
    public double[][] centroids() {
        return deepCopy(centroids);
    }

    /**
     * Centroid {@code c}, copied.
     *
     * @param c the centroid's index, 0 to k − 1
     * @return its values
     */
    public double[] centroid(int c) {
        return centroids[c].clone();
    }

    /**
     * Total weight assigned to each centroid.
     *
     * @return k weights
     */
    public double[] sizes() {
        return sizes.clone();
    }

    /**
     * Weighted sum of squared distances of the training rows to their centroids.
     *
     * @return the inertia
     */
    public double inertia() {
        return inertia;
    }

    /**
     * Passes (EXACT) or epochs (STOCHASTIC) that updated the centroids.
     *
     * @return the iterations
     */
    public int iterations() {
        return iterations;
    }

    /**
     * True if the fit converged (the tolerance or a fixed point), false if it stopped at the iteration cap.
     *
     * @return whether the fit converged
     */
    public boolean converged() {
        return converged;
    }

    /**
     * What each iteration did: inertia, centroid shift, rows pruned, blocks unread.
     *
     * @return one record per iteration, in order
     */
    public List<IterationRecord> history() {
        return history;
    }

    /**
     * The centroids the fit started from, when known.
     *
     * @return the starting centroids, copied, or empty
     */
    public Optional<double[][]> initialCentroids() {
        return Optional.ofNullable(initialCentroids).map(KMeansModel::deepCopy);
    }

    /**
     * Index of the nearest centroid (ties: lowest index).
     *
     * @param x a row of {@link #dimensions()} values
     * @return its centroid's index
     */
    public int predict(double[] x) {
        return predict(new double[][] {x})[0];
    }

    /**
     * The nearest centroid of every row.
     *
     * @param rows rows of {@link #dimensions()} values
     * @return each row's centroid index
     */
    public int[] predict(double[][] rows) {
        int[] labels = new int[rows.length];
        int chunk = Math.min(rows.length, CHUNK_ROWS);
        BlockLabels block = new BlockLabels(table, chunk, false);
        DenseRows batch = new DenseRows(new double[chunk * dimensions()], new double[chunk], dimensions());
        for (int first = 0; first < rows.length; first += chunk) {
            int n = Math.min(chunk, rows.length - first);
            for (int i = 0; i < n; i++) {
                checkRow(rows[first + i], first + i);
                batch.putRow(i, filled(rows[first + i]), 0, 1);
            }
            batch.span(first, n);
            geometry.prepare(batch, 0, n);
            block.assign(batch, 0, n);
            System.arraycopy(block.labels, 0, labels, first, n);
        }
        return labels;
    }

    /**
     * The distance from {@code x} to every centroid: Euclidean, or {@code 1 − cos} under the cosine
     * metric.
     *
     * @param x a row of {@link #dimensions()} values
     * @return k distances
     */
    public double[] transform(double[] x) {
        DenseRows row = prepared(x);
        double[] distances = new double[k()];
        for (int c = 0; c < k(); c++) {
            distances[c] = geometry.distance(table.distance(row, 0, c));
        }
        return distances;
    }

    /** {@code x}, checked and copied as a row prepared for the metric. */
    private DenseRows prepared(double[] x) {
        checkRow(x, 0);
        double[] values = filled(x);
        DenseRows row = DenseRows.of(geometry.preparesRows() && values == x ? x.clone() : values, new double[] {1}, x.length);
        geometry.prepare(row, 0, 1);
        return row;
    }

    /**
     * Euclidean distances of every row to every centroid ({@code rows.length × k}).
     *
     * @param rows rows of {@link #dimensions()} values
     * @return k distances per row
     */
    public double[][] transform(double[][] rows) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = transform(rows[i]);
        }
        return out;
    }

    /**
     * Negative inertia of {@code rows} under this model, as scikit-learn's {@code score}.
     *
     * @param rows rows of {@link #dimensions()} values
     * @return minus their inertia
     */
    public double score(double[][] rows) {
        return score(rows, null);
    }

    /**
     * Negative weighted inertia of {@code rows} under this model; {@code weights} may be null.
     *
     * @param rows rows of {@link #dimensions()} values
     * @param weights one weight per row, or null
     * @return minus their weighted inertia
     */
    public double score(double[][] rows, double[] weights) {
        if (weights != null && weights.length != rows.length) {
            throw new InvalidInputException("weights: expected " + rows.length + " values, got " + weights.length);
        }
        int[] labels = predict(rows);
        double total = 0;
        for (int i = 0; i < rows.length; i++) {
            total += (weights == null ? 1.0 : weights[i]) * geometry.reported(table.distance(prepared(rows[i]), 0, labels[i]));
        }
        return -total;
    }

    /**
     * Streams {@code source} through the model on all processors, giving each row's label and squared distance to {@code sink} in input order.
     *
     * @param source the rows
     * @param sink receives each row's label and squared distance
     * @throws IOException when the source cannot be read or the sink fails
     */
    public void predict(BatchSource source, AssignmentSink sink) throws IOException {
        stream(source, AssignTask.nearest(tableFor(source), geometry, sink));
    }

    /**
     * Streams {@code source} through the model, giving each row's label and distances to every centroid to {@code sink} in input order.
     *
     * @param source the rows
     * @param sink receives each row's label and distances
     * @throws IOException when the source cannot be read or the sink fails
     */
    public void transform(BatchSource source, DistancesSink sink) throws IOException {
        stream(source, AssignTask.allDistances(tableFor(source), geometry, sink));
    }

    /** The kernel for the rows {@code source} delivers: the model's own for dense rows (float32 too), one made for sparse ones. */
    private Kernel tableFor(BatchSource source) {
        if (!source.sparse()) {
            return table;
        }
        Kernel sparse = sparseTable;
        if (sparse == null) { // two threads may both make it: the same kernel either way
            sparse = Kernels.create(centroids, Kernel.meanOf(centroids), RowFormat.SPARSE, geometry);
            sparseTable = sparse;
        }
        return sparse;
    }

    private void stream(BatchSource source, AssignTask task) throws IOException {
        if (source.dimensions() != dimensions()) {
            throw new InvalidInputException(source.name() + " has " + source.dimensions()
                    + " columns, the model has " + dimensions() + " dimensions");
        }
        try {
            PassRunner runner = new PassRunner(Runtime.getRuntime().availableProcessors(),
                    Parameters.BATCH_SIZE.defaultValue(Mode.EXACT).orElseThrow(), geometry);
            runner.fillingMissing(fills, source); // a missing value: the training data's mean, as the fit filled them
            runner.run(source, task, null);
        } catch (UncheckedIOException e) {
            throw e.getCause(); // a sink's IOException, carried through the pass
        }
    }

    /** A row to label must have the model's width and usable values or missing ones (NaN, filled with the training mean). */
    private void checkRow(double[] x, int row) {
        if (x.length != dimensions()) {
            throw new InvalidInputException("row " + row + " has " + x.length + " values, the model has " + dimensions() + " dimensions");
        }
        for (int j = 0; j < x.length; j++) {
            if (!Values.isUsableOrMissing(x[j])) {
                throw Values.rejected(x[j], "row " + row + ", column " + j);
            }
        }
    }

    /** {@code x}, or a copy of it with its missing values (NaN) filled with the training mean. */
    private double[] filled(double[] x) {
        if (fills == null) { // left out: the kernel measures the row over the values it has
            return x;
        }
        for (double v : x) {
            if (Double.isNaN(v)) {
                double[] copy = x.clone();
                DenseRows.of(copy, new double[] {1}, copy.length).fillMissing(0, 1, fills);
                return copy;
            }
        }
        return x;
    }

    static double[][] deepCopy(double[][] a) {
        double[][] copy = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            copy[i] = a[i].clone();
        }
        return copy;
    }

    @Override
    public String toString() {
        return "KMeansModel(k=" + k() + ", dimensions=" + dimensions() + ", mode=" + mode + ", iterations=" + iterations
                + ", converged=" + converged + ", inertia=" + inertia + ")";
    }

    // ---- serialization: plain arrays, checked again by the builder on the way in ----

    private Object writeReplace() {
        double[] historyInertia = history.stream().mapToDouble(IterationRecord::inertia).toArray();
        double[] historyShift = history.stream().mapToDouble(IterationRecord::shift).toArray();
        long[] historyPruned = history.stream().mapToLong(IterationRecord::rowsPruned).toArray();
        long[] historyUnread = history.stream().mapToLong(IterationRecord::blocksUnread).toArray();
        return new SerialForm(mode.name(), centroids, sizes, inertia, iterations, converged, historyInertia, historyShift,
                initialCentroids, historyPruned, historyUnread, metric.name(), missingValues,
                missing == MissingValues.IGNORE ? missing.name() : null);
    }

    private void readObject(ObjectInputStream in) throws java.io.InvalidObjectException {
        throw new java.io.InvalidObjectException("KMeansModel is serialized through its serial form");
    }

    private record SerialForm(String mode, double[][] centroids, double[] sizes, double inertia, int iterations,
                              boolean converged, double[] historyInertia, double[] historyShift,
                              double[][] initialCentroids, long[] historyPruned, long[] historyUnread, String metric,
                              long missingValues, String missing)
            implements Serializable {
        private Object readResolve() throws java.io.InvalidObjectException {
            try {
                List<IterationRecord> history = new ArrayList<>(historyInertia.length);
                for (int i = 0; i < historyInertia.length; i++) { // pruning counts are absent (null) in 0.1.0 streams
                    history.add(new IterationRecord(historyInertia[i], historyShift[i],
                            historyPruned == null ? 0 : historyPruned[i], historyUnread == null ? 0 : historyUnread[i]));
                }
                return builder(centroids).mode(Mode.valueOf(mode)).metric(metric == null ? Metric.EUCLIDEAN : Metric.valueOf(metric))
                        .sizes(sizes).inertia(inertia).iterations(iterations)
                        .converged(converged).history(history).initialCentroids(initialCentroids).missingValues(missingValues)
                        .missing(missing == null ? MissingValues.IMPUTE : MissingValues.valueOf(missing)) // absent before 0.2.0
                        .build();
            } catch (RuntimeException e) {
                throw new java.io.InvalidObjectException("corrupt serialized KMeansModel: " + e.getMessage());
            }
        }
    }

    /**
     * Collects a model's values and checks them in {@link #build()}: an {@link InvalidInputException}
     * names the first field that is wrong. Unset values: mode EXACT, sizes zero, inertia 0, no
     * iterations, not converged, no history.
     */
    public static final class Builder {
        private final double[][] centroids;
        private Mode mode = Mode.EXACT;
        private Metric metric = Metric.EUCLIDEAN;
        private double[] sizes;
        private double inertia;
        private int iterations;
        private boolean converged;
        private List<IterationRecord> history = List.of();
        private double[][] initialCentroids;
        private MissingValues missing = MissingValues.IMPUTE;
        private long missingValues;

        private Builder(double[][] centroids) {
            this.centroids = centroids;
        }

        /**
         * The mode that fitted the model (default EXACT).
         *
         * @param mode the mode
         * @return this builder
         */
        public Builder mode(Mode mode) {
            this.mode = mode;
            return this;
        }

        /**
         * How rows are compared with the centroids (default squared Euclidean).
         *
         * @param metric the metric
         * @return this builder
         */
        public Builder metric(Metric metric) {
            this.metric = metric;
            return this;
        }

        /**
         * Total weight assigned to each centroid (default: zeros).
         *
         * @param sizes k non-negative weights
         * @return this builder
         */
        public Builder sizes(double[] sizes) {
            this.sizes = sizes;
            return this;
        }

        /**
         * The training rows' weighted sum of squared distances (default 0).
         *
         * @param inertia a non-negative, finite value
         * @return this builder
         */
        public Builder inertia(double inertia) {
            this.inertia = inertia;
            return this;
        }

        /**
         * Iterations (EXACT) or epochs (STOCHASTIC) that updated the centroids (default 0).
         *
         * @param iterations a non-negative count
         * @return this builder
         */
        public Builder iterations(int iterations) {
            this.iterations = iterations;
            return this;
        }

        /**
         * Whether the fit converged (default false).
         *
         * @param converged whether it converged
         * @return this builder
         */
        public Builder converged(boolean converged) {
            this.converged = converged;
            return this;
        }

        /**
         * What each iteration did (default none).
         *
         * @param history one record per iteration
         * @return this builder
         */
        public Builder history(List<IterationRecord> history) {
            this.history = history;
            return this;
        }

        /**
         * How many training values were missing, filled in or left out (default 0).
         *
         * @param count the count, at least 0
         * @return this builder
         */
        public Builder missingValues(long count) {
            if (count < 0) {
                throw new IllegalArgumentException("missingValues: must be >= 0, got " + count);
            }
            this.missingValues = count;
            return this;
        }

        /**
         * What a missing value of a row to label is (default {@link MissingValues#IMPUTE}; {@code ERROR}
         * is taken as IMPUTE: refusing is the fit's concern, not the model's).
         *
         * @param policy IMPUTE or IGNORE
         * @return this builder
         */
        public Builder missing(MissingValues policy) {
            this.missing = policy == MissingValues.IGNORE ? MissingValues.IGNORE : MissingValues.IMPUTE;
            return this;
        }

        /**
         * Where the fit started (k rows like the centroids), or null if unknown.
         *
         * @param initialCentroids k rows, or null
         * @return this builder
         */
        public Builder initialCentroids(double[][] initialCentroids) {
            this.initialCentroids = initialCentroids;
            return this;
        }

        /**
         * The model, once every value is checked: shapes, finiteness, non-negative sizes.
         *
         * @return the model
         * @throws InvalidInputException naming the first field that is wrong
         */
        public KMeansModel build() {
            check(mode != null, "mode", "is missing");
            check(metric != null, "metric", "is missing");
            checkMatrix(centroids, "centroids", -1, -1);
            int k = centroids.length;
            int d = centroids[0].length;
            if (sizes == null) {
                sizes = new double[k];
            }
            check(sizes.length == k, "sizes", "expected " + k + " values (one per centroid), found " + sizes.length);
            for (int c = 0; c < k; c++) {
                check(Double.isFinite(sizes[c]) && sizes[c] >= 0, "sizes[" + c + "]", "must be a finite number >= 0, found " + sizes[c]);
            }
            check(Double.isFinite(inertia) && inertia >= 0, "inertia", "must be a finite number >= 0, found " + inertia);
            check(iterations >= 0, "iterations", "must be >= 0, found " + iterations);
            check(history != null, "history", "is missing");
            for (int i = 0; i < history.size(); i++) {
                IterationRecord r = history.get(i);
                check(r != null && !Double.isNaN(r.inertia()) && !Double.isNaN(r.shift()), "history[" + i + "]",
                        "must hold numbers, found " + r);
            }
            if (initialCentroids != null) {
                checkMatrix(initialCentroids, "initialCentroids", k, d);
            }
            return new KMeansModel(this);
        }

        private static void checkMatrix(double[][] m, String field, int rows, int columns) {
            check(m != null && m.length > 0, field, "needs at least one row");
            check(rows < 0 || m.length == rows, field, "expected " + rows + " rows, found " + m.length);
            int d = columns >= 0 ? columns : m[0] == null ? 0 : m[0].length;
            for (int c = 0; c < m.length; c++) {
                check(m[c] != null && m[c].length == d && d > 0, field + "[" + c + "]",
                        "expected " + d + " values, found " + (m[c] == null ? "none" : m[c].length));
                for (int j = 0; j < d; j++) {
                    if (!Values.isUsable(m[c][j])) { // the message only when it is needed: a model may hold millions of values
                        check(false, field + "[" + c + "][" + j + "]", Values.problem(m[c][j]));
                    }
                }
            }
        }

        private static void check(boolean ok, String field, String problem) {
            if (!ok) {
                throw new InvalidInputException(field + ": " + problem);
            }
        }
    }
}
