package io.github.minibatchkmeans.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** From a {@link Dataset}'s feature (and weight) columns to checked {@link Block}s. */
final class Rows {
    private Rows() {
    }

    /** Checks that {@code schema} has a vector column {@code features} (and a numeric {@code weight}), Spark ML style. */
    static void checkSchema(StructType schema, String features, String weight) {
        DataType type = field(schema, features, "featuresCol").dataType();
        if (!type.equals(SQLDataTypes.VectorType())) {
            throw new IllegalArgumentException("MiniBatchKMeans: featuresCol '" + features + "' must be of type vector, but is "
                    + type.catalogString());
        }
        if (weight != null && !(field(schema, weight, "weightCol").dataType() instanceof NumericType)) {
            throw new IllegalArgumentException("MiniBatchKMeans: weightCol '" + weight + "' must be numeric, but is "
                    + schema.apply(weight).dataType().catalogString());
        }
    }

    private static StructField field(StructType schema, String name, String param) {
        for (StructField f : schema.fields()) {
            if (f.name().equals(name)) {
                return f;
            }
        }
        throw new IllegalArgumentException("MiniBatchKMeans: " + param + " '" + name + "' is not a column of the data set; it has "
                + String.join(", ", schema.fieldNames()));
    }

    /** The rows of {@code data} as blocks, checked row by row (not yet run: an RDD). */
    static JavaRDD<Block> blocks(Dataset<?> data, String features, String weight) {
        Column w = weight == null ? functions.lit(1.0) : functions.col(weight).cast("double");
        return data.select(functions.col(features), w).javaRDD().mapPartitionsWithIndex(Rows::cut, true);
    }

    private static Iterator<Block> cut(int partition, Iterator<Row> rows) {
        List<Block> blocks = new ArrayList<>();
        long position = 0;
        String problem = null;
        int dims = -1;
        while (rows.hasNext()) {
            int n = 0;
            int positive = 0;
            double[][] x = new double[Block.ROWS][];
            double[] w = new double[Block.ROWS];
            long first = ((long) partition << 40) | position;
            while (n < Block.ROWS && rows.hasNext()) {
                Row row = rows.next();
                long at = position++;
                double[] values = row.isNullAt(0) ? null : ((Vector) row.get(0)).toArray();
                double weight = row.isNullAt(1) ? Double.NaN : row.getDouble(1);
                dims = dims < 0 && values != null ? values.length : dims;
                if (problem == null) {
                    String reason = defect(values, weight, dims);
                    problem = reason == null ? null : "row " + at + " of partition " + partition + ": " + reason;
                }
                if (problem != null) {
                    continue; // the fit fails on the first defect; later rows need no arrays
                }
                x[n] = values;
                w[n++] = weight;
                positive += weight > 0 ? 1 : 0;
            }
            blocks.add(new Block(Arrays.copyOf(x, n), Arrays.copyOf(w, n), first, positive, problem));
        }
        return blocks.iterator();
    }

    /** What is wrong with one row ({@code values} null: no features vector), or null. */
    private static String defect(double[] values, double weight, int dims) {
        if (values == null) {
            return "the features vector is null";
        }
        if (values.length != dims) {
            return "the features vector has size " + values.length + ", earlier rows " + dims;
        }
        for (int j = 0; j < values.length; j++) {
            if (!Double.isFinite(values[j])) {
                return "feature " + j + " is " + values[j] + "; every feature must be a finite number";
            }
        }
        if (!(weight >= 0) || Double.isInfinite(weight)) {
            return "the weight is " + weight + "; weights must be finite and ≥ 0";
        }
        return null;
    }
}
