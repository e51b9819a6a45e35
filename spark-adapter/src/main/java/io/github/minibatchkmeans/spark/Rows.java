package io.github.minibatchkmeans.spark;

import io.github.minibatchkmeans.core.spi.Values;
import io.github.minibatchkmeans.core.spi.Weights;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.SparseVector;
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

    /**
     * The rows of {@code data} as blocks, checked row by row (not yet run: an RDD); {@code directions}:
     * every row needs one (the cosine metric), so a row of zeros is a defect too; {@code missing}: a
     * NaN in a dense vector is a missing value, for the fit to fill in or leave out (else a defect). Sparse
     * vectors stay sparse: their non-zeros are kept, never a dense copy.
     */
    static JavaRDD<Block> blocks(Dataset<?> data, String features, String weight, boolean directions, boolean missing) {
        Column w = weight == null ? functions.lit(1.0) : functions.col(weight).cast("double");
        return data.select(functions.col(features), w).javaRDD()
                .mapPartitionsWithIndex((partition, rows) -> cut(partition, rows, directions, missing), true);
    }

    private static Iterator<Block> cut(int partition, Iterator<Row> rows, boolean directions, boolean missing) {
        List<Block> blocks = new ArrayList<>();
        long position = 0;
        String problem = null;
        int dims = -1;
        while (rows.hasNext()) {
            int n = 0;
            int positive = 0;
            double[][] x = new double[Block.ROWS][];
            int[][] indices = new int[Block.ROWS][];
            double[][] values = new double[Block.ROWS][];
            double[] w = new double[Block.ROWS];
            long[] ids = new long[Block.ROWS];
            long first = ((long) partition << 40) | position;
            while (n < Block.ROWS && rows.hasNext()) {
                Row row = rows.next();
                long at = position++;
                Vector vector = row.isNullAt(0) ? null : (Vector) row.get(0);
                double weight = row.isNullAt(1) ? Double.NaN : row.getDouble(1);
                if (problem != null) {
                    continue; // the fit fails on the first defect; later rows need no arrays
                }
                dims = dims < 0 && vector != null ? vector.size() : dims;
                String reason = defect(vector, weight, dims, directions, missing);
                if (reason != null) {
                    problem = "row " + at + " of partition " + partition + ": " + reason;
                    continue;
                }
                if (vector instanceof SparseVector sparse) {
                    int[] kept = nonZeroPlaces(sparse.values());
                    indices[n] = select(sparse.indices(), kept);
                    values[n] = select(sparse.values(), kept);
                    ids[n] = Block.contentId(dims, indices[n], values[n], weight);
                } else {
                    x[n] = vector.toArray();
                    ids[n] = Block.contentId(dims, null, x[n], weight);
                }
                w[n++] = weight;
                positive += weight > 0 ? 1 : 0;
            }
            blocks.add(new Block(Math.max(dims, 0), Arrays.copyOf(x, n), Arrays.copyOf(indices, n), Arrays.copyOf(values, n),
                    Arrays.copyOf(w, n), Arrays.copyOf(ids, n), first, positive, problem));
        }
        return blocks.iterator();
    }

    /** The places of the non-zero values (a sparse vector may store zeros). */
    private static int[] nonZeroPlaces(double[] values) {
        return java.util.stream.IntStream.range(0, values.length).filter(e -> values[e] != 0).toArray();
    }

    private static int[] select(int[] from, int[] places) {
        int[] out = new int[places.length];
        for (int e = 0; e < places.length; e++) {
            out[e] = from[places[e]];
        }
        return out;
    }

    private static double[] select(double[] from, int[] places) {
        double[] out = new double[places.length];
        for (int e = 0; e < places.length; e++) {
            out[e] = from[places[e]];
        }
        return out;
    }

    private static boolean allZero(double[] values) {
        for (double v : values) {
            if (v != 0) {
                return false;
            }
        }
        return true;
    }

    /** What is wrong with one row ({@code vector} null: no features vector), or null. */
    private static String defect(Vector vector, double weight, int dims, boolean directions, boolean missing) {
        if (vector == null) {
            return "the features vector is null";
        }
        if (vector.size() != dims) {
            return "the features vector has size " + vector.size() + ", earlier rows " + dims;
        }
        double[] values = vector instanceof SparseVector sparse ? sparse.values() : vector.toArray();
        boolean gapsAllowed = missing && !(vector instanceof SparseVector); // a sparse row's absent value is 0, not missing
        for (int e = 0; e < values.length; e++) {
            // the core's rule for every source: finite, at most 1e150 (and NaN, a missing value, where the fit fills it in or leaves it out)
            if (!(gapsAllowed ? Values.isUsableOrMissing(values[e]) : Values.isUsable(values[e]))) {
                int feature = vector instanceof SparseVector sparse ? sparse.indices()[e] : e;
                return "feature " + feature + ": " + Values.problem(values[e]);
            }
        }
        if (!Weights.isValid(weight)) {
            return Weights.problem(weight);
        }
        return directions && allZero(values) ? "every feature is zero: the cosine metric needs a direction" : null;
    }
}
