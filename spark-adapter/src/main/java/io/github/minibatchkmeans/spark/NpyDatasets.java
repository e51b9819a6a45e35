package io.github.minibatchkmeans.spark;

import io.github.minibatchkmeans.core.NpySource;
import io.github.minibatchkmeans.core.spi.BatchReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * The tool's {@code .npy} files (2-D float32/float64, as {@code generate} writes them) as a Spark
 * data set with a {@code features} vector column: each partition reads its own row range with the
 * core's reader, so the file must be at the same path on every executor (local mode, a shared
 * mount). CSV needs no help: {@code spark.read().csv} and a {@code VectorAssembler}.
 */
public final class NpyDatasets {
    private static final StructType SCHEMA = new StructType().add("features", SQLDataTypes.VectorType(), false);

    private NpyDatasets() {
    }

    /**
     * The rows of {@code file} in {@code partitions} contiguous ranges.
     *
     * @param spark the session
     * @param file the {@code .npy} file, at the same path on every executor
     * @param partitions how many partitions
     * @return a data set with a {@code features} vector column
     */
    public static Dataset<Row> read(SparkSession spark, String file, int partitions) {
        NpySource source = new NpySource(Path.of(file));
        long rows = source.rows().orElseThrow();
        int dims = source.dimensions();
        List<long[]> ranges = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            ranges.add(new long[] {rows * p / partitions, rows * (p + 1) / partitions});
        }
        JavaRDD<Row> data = JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(ranges, partitions)
                .flatMap(range -> readRange(file, dims, range[0], range[1]));
        return spark.createDataFrame(data, SCHEMA);
    }

    /** Rows {@code [from, to)} of {@code file}, read 4096 at a time as the iterator is consumed. */
    private static Iterator<Row> readRange(String file, int dims, long from, long to) throws IOException {
        if (from >= to) {
            return Collections.emptyIterator();
        }
        BatchReader reader = new NpySource(Path.of(file)).open();
        reader.skip(from);
        return new Iterator<>() {
            private final double[] chunk = new double[4096 * dims];
            private final double[] weights = new double[4096];
            private long next = from;
            private int got;
            private int at;

            @Override
            public boolean hasNext() {
                return next < to;
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                try {
                    if (at == got) {
                        got = reader.read(chunk, weights, (int) Math.min(4096, to - next));
                        at = 0;
                        if (got <= 0) {
                            throw new IOException(file + ": ended at row " + next + ", expected " + to);
                        }
                    }
                    Row row = RowFactory.create(Vectors.dense(Arrays.copyOfRange(chunk, at * dims, (at + 1) * dims)));
                    at++;
                    if (++next == to) {
                        reader.close();
                    }
                    return row;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }
}
