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

/**
 * Tribuo examples read as dense batches, one pass per {@link Iterable#iterator()} call. Each pass
 * converts every example by its feature names, so a fit converts a {@code Dataset} once and keeps
 * the rows in memory ({@link Rereading#DECODES}, within its heap budget); a {@code DataSource} such
 * as {@code CSVDataSource}, which re-reads its file, is parsed once ({@link Rereading#PARSES}).
 * Examples become rows as Tribuo's own models convert them ({@code DenseVector.createDenseVector},
 * by feature id — measured a little faster than looking each feature up here: median 166 ms
 * against 187 ms for 20,000 × 784 examples): features the map does not know are ignored, absent
 * ones are 0 (Tribuo's sparse convention), and an example with a NaN or no known feature is
 * refused, naming it.
 */
final class ExampleSource implements BatchSource {
    private final Iterable<Example<ClusterID>> examples;
    private final ImmutableFeatureMap features;
    private final String name;
    private final Rereading rereading;
    private final OptionalLong rows;

    /** A {@code Dataset}: in memory, its size known. */
    static ExampleSource of(Dataset<ClusterID> dataset) {
        return new ExampleSource(dataset, dataset.getFeatureIDMap(), "dataset", Rereading.DECODES, OptionalLong.of(dataset.size()));
    }

    /** A {@code DataSource} that re-reads (re-parses) its input on every iteration, with the features a first pass found. */
    static ExampleSource of(DataSource<ClusterID> source, ImmutableFeatureMap features) {
        return new ExampleSource(source, features, source.toString(), Rereading.PARSES, OptionalLong.empty());
    }

    private ExampleSource(Iterable<Example<ClusterID>> examples, ImmutableFeatureMap features, String name, Rereading rereading,
                          OptionalLong rows) {
        this.examples = examples;
        this.features = features;
        this.name = name;
        this.rereading = rereading;
        this.rows = rows;
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
                        throw new InvalidInputException(name + ": example " + row + ": " + e.getMessage(), e);
                    }
                    for (int j = 0; j < dims; j++) {
                        double value = vector.get(j);
                        if (!Values.isUsable(value)) { // what Tribuo lets through: infinities, values whose squares overflow
                            throw Values.rejected(value, name + ": example " + row + ", feature '" + features.get(j).getName() + "'");
                        }
                        data[n * dims + j] = value;
                    }
                    double weight = example.getWeight();
                    if (!Weights.isValid(weight)) {
                        throw Weights.rejected(weight, name + ": example " + row);
                    }
                    weights[n] = weight;
                    n++;
                    row++;
                }
                return n;
            }

            @Override
            public void close() {
            }
        };
    }
}
