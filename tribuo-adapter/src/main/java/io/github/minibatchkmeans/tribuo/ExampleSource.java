package io.github.minibatchkmeans.tribuo;

import io.github.minibatchkmeans.core.spi.Values;
import io.github.minibatchkmeans.core.spi.BatchReader;
import io.github.minibatchkmeans.core.spi.BatchSource;
import io.github.minibatchkmeans.core.spi.InvalidInputException;
import io.github.minibatchkmeans.core.spi.Weights;
import java.util.Iterator;
import java.util.OptionalLong;
import org.tribuo.DataSource;
import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.clustering.ClusterID;
import org.tribuo.math.la.DenseVector;
import org.tribuo.math.la.SparseVector;
import org.tribuo.math.la.VectorTuple;

/**
 * Tribuo examples read as batches — dense, or sparse when examples name few of the features — one
 * pass per {@link Iterable#iterator()} call. Each pass
 * converts every example by its feature names, so a fit converts a {@code Dataset} once and keeps
 * the rows in memory ({@link Rereading#DECODES}, within its heap budget); a {@code DataSource} such
 * as {@code CSVDataSource}, which re-reads its file, is parsed once ({@link Rereading#PARSES}).
 * Examples become rows as Tribuo's own models convert them ({@code DenseVector.createDenseVector},
 * by feature id — measured a little faster than looking each feature up here: median 166 ms
 * against 187 ms for 20,000 × 784 examples): features the map does not know are ignored, absent
 * ones are 0 (Tribuo's sparse convention), a NaN value of a dense row is a missing value (for the
 * fit's policy to fill in, leave out or refuse), and an example with no known feature, or a NaN in
 * a sparse row, is refused, naming it.
 */
final class ExampleSource implements BatchSource {
    private final Iterable<Example<ClusterID>> examples;
    private final ImmutableFeatureMap features;
    private final String name;
    private final Rereading rereading;
    private final OptionalLong rows;
    /** True if the examples are delivered as sparse rows ({@link #sparse}). */
    private final boolean sparse;

    /** A {@code Dataset}: in memory, its size known. */
    static ExampleSource of(Dataset<ClusterID> dataset) {
        long features = 0;
        for (Example<ClusterID> example : dataset) {
            features += example.size();
        }
        return new ExampleSource(dataset, dataset.getFeatureIDMap(), "dataset", Rereading.DECODES, OptionalLong.of(dataset.size()),
                mostlyEmpty(features, dataset.size(), dataset.getFeatureIDMap().size()));
    }

    /**
     * A {@code DataSource} that re-reads (re-parses) its input on every iteration, with the features
     * (and the number of them, {@code featureValues} in all) that a first pass over its
     * {@code examples} found.
     */
    static ExampleSource of(DataSource<ClusterID> source, ImmutableFeatureMap features, long examples, long featureValues) {
        return new ExampleSource(source, features, source.toString(), Rereading.PARSES, OptionalLong.empty(),
                mostlyEmpty(featureValues, examples, features.size()));
    }

    /** Sparse rows pay when fewer than a quarter of the values of a dense row would be there. */
    private static boolean mostlyEmpty(long featureValues, long examples, int dims) {
        return 4 * featureValues < examples * (long) dims;
    }

    private ExampleSource(Iterable<Example<ClusterID>> examples, ImmutableFeatureMap features, String name, Rereading rereading,
                          OptionalLong rows, boolean sparse) {
        this.examples = examples;
        this.features = features;
        this.name = name;
        this.rereading = rereading;
        this.rows = rows;
        this.sparse = sparse;
    }

    /** Examples that name few of the features (Tribuo's sparse convention: absent is 0) are delivered sparse, never densified. */
    @Override
    public boolean sparse() {
        return sparse;
    }

    @Override
    public OptionalLong rows() {
        return rows;
    }

    @Override
    public Rereading rereading() {
        return rereading;
    }

    @Override
    public int dimensions() {
        return features.size();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public BatchReader open() {
        Iterator<Example<ClusterID>> it = examples.iterator();
        int dims = dimensions();
        return new BatchReader() {
            private long row;

            @Override
            public int read(double[] data, double[] weights, int maxRows) {
                int n = 0;
                while (n < maxRows && it.hasNext()) {
                    Example<ClusterID> example = it.next();
                    DenseVector vector;
                    try { // Tribuo's own conversion, by feature id: refuses NaN and examples with no known feature
                        vector = DenseVector.createDenseVector(example, features, false);
                    } catch (IllegalArgumentException e) {
                        vector = withMissing(example, e); // a NaN: a missing value, for the fit's policy to take
                    }
                    for (int j = 0; j < dims; j++) {
                        double value = vector.get(j);
                        if (!Values.isUsableOrMissing(value)) { // infinities, values whose squares overflow
                            throw Values.rejected(value, name + ": example " + row + ", feature '" + features.get(j).getName() + "'");
                        }
                        data[n * dims + j] = value;
                    }
                    weights[n] = weightOf(example);
                    n++;
                    row++;
                }
                return n;
            }

            /** {@code example} as a dense row whose NaN values stay NaN; Tribuo's refusal {@code e} if it has no NaN or no known feature. */
            private DenseVector withMissing(Example<ClusterID> example, IllegalArgumentException e) {
                double[] values = new double[dims];
                boolean missing = false;
                int known = 0;
                for (org.tribuo.Feature f : example) {
                    int id = features.getID(f.getName());
                    if (id >= 0) {
                        values[id] = f.getValue();
                        missing |= Double.isNaN(f.getValue());
                        known++;
                    }
                }
                if (!missing || known == 0) {
                    throw new InvalidInputException(name + ": example " + row + ": " + e.getMessage(), e);
                }
                return DenseVector.createDenseVector(values);
            }

            /** An example converted but not delivered: its values did not fit the caller's arrays. */
            private SparseVector pending;
            private double pendingWeight;

            @Override
            public int readSparse(int[] rowEnds, int[] indices, double[] values, double[] weights, int maxRows) {
                int n = 0;
                int filled = 0;
                while (n < maxRows && (pending != null || it.hasNext())) {
                    SparseVector vector = pending;
                    double weight = pendingWeight;
                    pending = null;
                    if (vector == null) {
                        Example<ClusterID> example = it.next();
                        try { // Tribuo's own conversion, by feature id, indices in order
                            vector = SparseVector.createSparseVector(example, features, false);
                        } catch (IllegalArgumentException e) {
                            throw new InvalidInputException(name + ": example " + row + ": " + e.getMessage(), e);
                        }
                        weight = weightOf(example);
                        row++;
                    }
                    if (filled + vector.numActiveElements() > values.length) {
                        pending = vector;
                        pendingWeight = weight;
                        break;
                    }
                    for (VectorTuple value : vector) {
                        if (!Values.isUsable(value.value)) {
                            throw Values.rejected(value.value, name + ": example " + (row - 1) + ", feature '"
                                    + features.get(value.index).getName() + "'");
                        }
                        indices[filled] = value.index;
                        values[filled++] = value.value;
                    }
                    rowEnds[n] = filled;
                    weights[n++] = weight;
                }
                return n;
            }

            private double weightOf(Example<ClusterID> example) {
                double weight = example.getWeight();
                if (!Weights.isValid(weight)) {
                    throw Weights.rejected(weight, name + ": example " + row);
                }
                return weight;
            }

            @Override
            public void close() {
            }
        };
    }
}
