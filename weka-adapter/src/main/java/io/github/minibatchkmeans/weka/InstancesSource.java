package io.github.minibatchkmeans.weka;

import io.github.minibatchkmeans.core.spi.BatchReader;
import io.github.minibatchkmeans.core.spi.BatchSource;
import io.github.minibatchkmeans.core.spi.Weights;
import java.util.OptionalLong;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.SparseInstance;

/**
 * Weka {@link Instances} read as encoded batches, with instance weights. Each pass encodes the
 * instances again (normalization, one-hot nominal values, missing values), so a fit encodes them
 * once and keeps the rows in memory while they fit its heap budget ({@link Rereading#DECODES}).
 */
public final class InstancesSource implements BatchSource {
    private final Instances data;
    private final AttributeEncoding encoding;

    /**
     * A source over {@code data} in memory, encoded by {@code encoding}.
     *
     * @param data the instances (not copied)
     * @param encoding how they become rows
     */
    public InstancesSource(Instances data, AttributeEncoding encoding) {
        this.data = data;
        this.encoding = encoding;
    }

    @Override
    public int dimensions() {
        return encoding.dimensions();
    }

    @Override
    public String name() {
        return data.relationName();
    }

    @Override
    public OptionalLong rows() {
        return OptionalLong.of(data.numInstances());
    }

    /** Sparse instances (what {@code StringToWordVector} makes) are delivered sparse when their encoding keeps them so. */
    @Override
    public boolean sparse() {
        return data.numInstances() > 0 && data.instance(0) instanceof SparseInstance && encoding.keepsSparse();
    }

    @Override
    public Rereading rereading() {
        return Rereading.DECODES;
    }

    @Override
    public BatchReader open() {
        return new BatchReader() {
            private int next;

            private double weightOf(Instance instance) {
                double weight = instance.weight();
                if (!Weights.isValid(weight)) {
                    throw Weights.rejected(weight, name() + ": instance " + (next + 1));
                }
                return weight;
            }

            @Override
            public int read(double[] rows, double[] weights, int maxRows) {
                int n = Math.min(maxRows, data.numInstances() - next);
                int d = encoding.dimensions();
                for (int i = 0; i < n; i++, next++) {
                    encoding.encode(data.instance(next), rows, i * d);
                    weights[i] = weightOf(data.instance(next));
                }
                return n;
            }

            private final SparseRowWriter sparse = new SparseRowWriter(encoding);

            @Override
            public int readSparse(int[] rowEnds, int[] indices, double[] values, double[] weights, int maxRows) {
                sparse.start();
                while (sparse.rows() < maxRows && next < data.numInstances()
                        && sparse.write(data.instance(next), weightOf(data.instance(next)), rowEnds, indices, values, weights)) {
                    next++;
                }
                return sparse.rows();
            }

            @Override
            public void close() {
            }
        };
    }
}
