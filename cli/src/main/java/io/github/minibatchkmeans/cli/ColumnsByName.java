package io.github.minibatchkmeans.cli;

import io.github.minibatchkmeans.core.spi.BatchReader;
import io.github.minibatchkmeans.core.spi.BatchSource;
import io.github.minibatchkmeans.core.spi.InvalidInputException;
import io.github.minibatchkmeans.core.spi.ReadThreads;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * A source's columns picked and ordered by name as a model's columns are: predicting maps a file
 * to the schema the model was fitted on, never by position alone (a header {@code c,b,a}, ARFF
 * nominal values declared in another order).
 */
final class ColumnsByName implements BatchSource {
    private final BatchSource source;
    /** For each of the model's columns, the source's column that feeds it. */
    private final int[] from;

    private ColumnsByName(BatchSource source, int[] from) {
        this.source = source;
        this.from = from;
    }

    /** {@code source}, whose columns are {@code have}, as the columns {@code want}; refused if one is missing. */
    static BatchSource of(BatchSource source, List<String> have, List<String> want) {
        if (have.equals(want)) {
            return source;
        }
        int[] from = new int[want.size()];
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < from.length; i++) {
            from[i] = have.indexOf(want.get(i));
            if (from[i] < 0) {
                missing.add(want.get(i));
            }
        }
        if (!missing.isEmpty()) {
            throw new InvalidInputException(source.name() + ": the model's column" + (missing.size() == 1 ? " " : "s ")
                    + String.join(", ", missing) + (missing.size() == 1 ? " is" : " are") + " not in the input (its columns: "
                    + String.join(", ", have.size() <= 20 ? have : have.subList(0, 20)) + (have.size() <= 20 ? "" : ", …") + ")");
        }
        return new ColumnsByName(source, from);
    }

    /** The source whose columns are picked (its label column, for one). */
    BatchSource source() {
        return source;
    }

    @Override
    public int dimensions() {
        return from.length;
    }

    @Override
    public BatchReader open() throws IOException {
        return picking(source.open());
    }

    @Override
    public BatchReader open(ReadThreads threads) throws IOException {
        return picking(source.open(threads));
    }

    private BatchReader picking(BatchReader reader) {
        int width = source.dimensions();
        return new BatchReader() {
            private double[] wide = new double[0];
            private float[] wideFloats = new float[0];

            @Override
            public int read(double[] data, double[] weights, int maxRows) throws IOException {
                if (wide.length < maxRows * width) {
                    wide = new double[maxRows * width];
                }
                int n = reader.read(wide, weights, maxRows);
                for (int r = 0; r < n; r++) {
                    for (int j = 0; j < from.length; j++) {
                        data[r * from.length + j] = wide[r * width + from[j]];
                    }
                }
                return n;
            }

            @Override
            public int readFloats(float[] data, double[] weights, int maxRows) throws IOException {
                if (wideFloats.length < maxRows * width) {
                    wideFloats = new float[maxRows * width];
                }
                int n = reader.readFloats(wideFloats, weights, maxRows);
                for (int r = 0; r < n; r++) {
                    for (int j = 0; j < from.length; j++) {
                        data[r * from.length + j] = wideFloats[r * width + from[j]];
                    }
                }
                return n;
            }

            @Override
            public long skip(long rows) throws IOException {
                return reader.skip(rows);
            }

            @Override
            public void close() throws IOException {
                reader.close();
            }
        };
    }

    @Override
    public String name() {
        return source.name();
    }

    @Override
    public boolean float32() {
        return source.float32();
    }

    @Override
    public OptionalLong rows() {
        return source.rows();
    }

    @Override
    public Rereading rereading() {
        return source.rereading();
    }
}
