package io.github.minibatchkmeans.weka;

import io.github.minibatchkmeans.core.spi.BatchReader;
import io.github.minibatchkmeans.core.spi.BatchSource;
import io.github.minibatchkmeans.core.spi.Weights;
import java.util.OptionalLong;
import weka.core.Instances;

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

    @Override
    public Rereading rereading() {
        return Rereading.DECODES;
    }

    @Override
    public BatchReader open() {
        return new BatchReader() {
            private int next;

            @Override
            public int read(double[] rows, double[] weights, int maxRows) {
                int n = Math.min(maxRows, data.numInstances() - next);
                int d = encoding.dimensions();
                for (int i = 0; i < n; i++, next++) {
                    encoding.encode(data.instance(next), rows, i * d);
                    double weight = data.instance(next).weight();
                    if (!Weights.isValid(weight)) {
                        throw Weights.rejected(weight, name() + ": instance " + (next + 1));
                    }
                    weights[i] = weight;
                }
                return n;
            }

            @Override
            public void close() {
            }
        };
    }
}
