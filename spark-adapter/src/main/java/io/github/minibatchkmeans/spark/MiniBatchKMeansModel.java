package io.github.minibatchkmeans.spark;

import io.github.minibatchkmeans.core.KMeansModel;
import io.github.minibatchkmeans.core.SparseArraySource;
import io.github.minibatchkmeans.io.ModelJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWriter$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.Option;

/**
 * A fitted {@link MiniBatchKMeans}: {@code transform} adds the nearest centroid's index as
 * {@code predictionCol}. Wraps the core's {@link KMeansModel} (same predictions); saved as Spark
 * ML metadata plus {@code model.json}, the project's one model document — the file the tool's
 * {@code --model-out} writes and {@code predict} reads.
 *
 * @serial exclude
 */
public final class MiniBatchKMeansModel extends Model<MiniBatchKMeansModel> implements MLWritable {
    private static final long serialVersionUID = 1L;
    /** The model document's name in a saved model's directory. */
    static final String DOCUMENT = "model.json";
    /** Where a saved model keeps the estimator that fitted it, with every param of the fit. */
    private static final String ESTIMATOR = "estimator";

    private final String uid;
    private final KMeansModel model;
    private final Param<String> featuresCol;
    private final Param<String> predictionCol;
    private transient MiniBatchKMeansSummary summary;

    MiniBatchKMeansModel(String uid, KMeansModel model) {
        this.uid = uid;
        this.model = model;
        featuresCol = new Param<>(this, "featuresCol", "features column name");
        predictionCol = new Param<>(this, "predictionCol", "prediction column name");
        setDefault(featuresCol, "features");
        setDefault(predictionCol, "prediction");
    }

    /**
     * A Spark model of a core model — one fitted by the tool, say, or read from its JSON file.
     *
     * @param model the core model
     * @return the Spark model
     */
    public static MiniBatchKMeansModel fromKMeansModel(KMeansModel model) {
        return new MiniBatchKMeansModel(org.apache.spark.ml.util.Identifiable.randomUID("MiniBatchKMeansModel"), model);
    }

    @Override
    public String uid() {
        return uid;
    }

    /**
     * The param {@code featuresCol}, as the estimator's.
     *
     * @return the param
     */
    public Param<String> featuresCol() { return featuresCol; }
    /**
     * The param {@code predictionCol}, as the estimator's.
     *
     * @return the param
     */
    public Param<String> predictionCol() { return predictionCol; }
    /**
     * The value of {@link #featuresCol()}, or its default.
     *
     * @return the value
     */
    public String getFeaturesCol() { return getOrDefault(featuresCol); }
    /**
     * The value of {@link #predictionCol()}, or its default.
     *
     * @return the value
     */
    public String getPredictionCol() { return getOrDefault(predictionCol); }
    /**
     * Sets {@link #featuresCol()}.
     *
     * @param value the value
     * @return this model
     */
    public MiniBatchKMeansModel setFeaturesCol(String value) { set(featuresCol, value); return this; }
    /**
     * Sets {@link #predictionCol()}.
     *
     * @param value the value
     * @return this model
     */
    public MiniBatchKMeansModel setPredictionCol(String value) { set(predictionCol, value); return this; }

    /**
     * The core model: centroids, sizes, inertia, history; predicts exactly as this one.
     *
     * @return the core model
     */
    public KMeansModel toKMeansModel() {
        return model;
    }

    /**
     * The number of centroids.
     *
     * @return k
     */
    public int getK() {
        return model.k();
    }

    /**
     * The centroids, as Spark ML's {@code KMeansModel.clusterCenters()}.
     *
     * @return k vectors
     */
    public Vector[] clusterCenters() {
        return Arrays.stream(model.centroids()).map(Vectors::dense).toArray(Vector[]::new);
    }

    double[][] clusterCenterArrays() {
        return model.centroids();
    }

    /** True if every value is one the core accepts (finite, within ±1e150) or missing (NaN, which it fills with the training mean or leaves out, as the fit did). */
    private static boolean usable(double[] values) {
        for (double v : values) {
            if (!io.github.minibatchkmeans.core.spi.Values.isUsableOrMissing(v)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The index of the centroid nearest to {@code features}.
     *
     * @param features a row
     * @return its centroid's index
     */
    public int predict(Vector features) {
        return model.predict(features.toArray());
    }

    /**
     * True on a model just fitted, which has a training summary.
     *
     * @return whether there is one
     */
    public boolean hasSummary() {
        return summary != null;
    }

    /**
     * The training summary: sizes, cost, iterations; only on a model just fitted.
     *
     * @return the summary
     */
    public MiniBatchKMeansSummary summary() {
        if (summary == null) {
            throw new IllegalStateException("MiniBatchKMeansModel: no training summary (the model was loaded or copied)");
        }
        return summary;
    }

    MiniBatchKMeansModel withSummary(MiniBatchKMeansSummary value) {
        summary = value;
        return this;
    }

    /** Labels each partition a chunk of rows at a time through the core's batch predict (one kernel call per chunk, not per row). */
    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        StructType out = transformSchema(dataset.schema(), true);
        KMeansModel fitted = model;
        int features = dataset.schema().fieldIndex(getFeaturesCol());
        MapPartitionsFunction<Row, Row> label = rows -> new Labelled(rows, fitted, features);
        return dataset.toDF().mapPartitions(label, Encoders.row(out));
    }

    /** The rows of one partition with their prediction appended, predicted {@value #CHUNK} at a time. */
    private static final class Labelled implements Iterator<Row> {
        private static final int CHUNK = 4096;
        private final Iterator<Row> rows;
        private final KMeansModel model;
        private final int features;
        private final List<Row> chunk = new ArrayList<>(CHUNK);
        private int[] labels;
        private int next;

        Labelled(Iterator<Row> rows, KMeansModel model, int features) {
            this.rows = rows;
            this.model = model;
            this.features = features;
        }

        @Override
        public boolean hasNext() {
            return next < chunk.size() || rows.hasNext();
        }

        @Override
        public Row next() {
            if (next == chunk.size()) {
                fill();
            }
            Row row = chunk.get(next);
            int label = labels[next++];
            Object[] values = new Object[row.length() + 1];
            for (int i = 0; i < row.length(); i++) {
                values[i] = row.get(i);
            }
            values[row.length()] = label < 0 ? null : label; // no features, no prediction
            return RowFactory.create(values);
        }

        private void fill() {
            chunk.clear();
            next = 0;
            while (chunk.size() < CHUNK && rows.hasNext()) {
                chunk.add(rows.next());
            }
            boolean[] labelled = new boolean[chunk.size()];
            int[] predicted = anySparse() ? predictSparse(labelled) : predictDense(labelled);
            labels = new int[chunk.size()];
            for (int i = 0, p = 0; i < chunk.size(); i++) {
                labels[i] = labelled[i] ? predicted[p++] : -1;
            }
        }

        /** The chunk's feature vector of row {@code i}, or null. */
        private Vector vector(int i) {
            Row row = chunk.get(i);
            return row.isNullAt(features) ? null : (Vector) row.get(features);
        }

        private boolean anySparse() {
            for (int i = 0; i < chunk.size(); i++) {
                if (vector(i) instanceof SparseVector) {
                    return true;
                }
            }
            return false;
        }

        /** Labels of the rows that have usable features (marked in {@code labelled}), as dense arrays. */
        private int[] predictDense(boolean[] labelled) {
            List<double[]> present = new ArrayList<>(chunk.size());
            for (int i = 0; i < chunk.size(); i++) {
                double[] values = vector(i) == null ? null : vector(i).toArray();
                if (values != null && usable(values)) { // no features, or an infinity: no nearest centroid (a NaN: missing, taken as the fit took it)
                    present.add(values);
                    labelled[i] = true;
                }
            }
            return model.predict(present.toArray(double[][]::new));
        }

        /** As {@link #predictDense}, the rows by their non-zeros (a dense one compressed), never densified. */
        private int[] predictSparse(boolean[] labelled) {
            List<SparseVector> present = new ArrayList<>(chunk.size());
            int values = 0;
            for (int i = 0; i < chunk.size(); i++) {
                Vector vector = vector(i);
                SparseVector sparse = vector == null ? null : vector.toSparse();
                if (sparse != null && Arrays.stream(sparse.values()).allMatch(io.github.minibatchkmeans.core.spi.Values::isUsable)) {
                    present.add(sparse);
                    values += sparse.indices().length;
                    labelled[i] = true;
                }
            }
            int[] pointers = new int[present.size() + 1];
            int[] indices = new int[values];
            double[] data = new double[values];
            for (int r = 0; r < present.size(); r++) {
                SparseVector sparse = present.get(r);
                System.arraycopy(sparse.indices(), 0, indices, pointers[r], sparse.indices().length);
                System.arraycopy(sparse.values(), 0, data, pointers[r], sparse.values().length);
                pointers[r + 1] = pointers[r] + sparse.indices().length;
            }
            int[] out = new int[present.size()];
            if (!present.isEmpty()) {
                try {
                    model.predict(SparseArraySource.ofCsr(model.dimensions(), pointers, indices, data, null),
                            (row, label, distance) -> out[(int) row] = label);
                } catch (IOException e) {
                    throw new UncheckedIOException(e); // rows in memory: no I/O happens
                }
            }
            return out;
        }
    }

    @Override
    public StructType transformSchema(StructType schema) {
        Rows.checkSchema(schema, getFeaturesCol(), null);
        return withPredictionColumn(schema, getPredictionCol());
    }

    static StructType withPredictionColumn(StructType schema, String name) {
        if (Arrays.asList(schema.fieldNames()).contains(name)) {
            throw new IllegalArgumentException("MiniBatchKMeans: predictionCol '" + name + "' already exists in the data set");
        }
        return schema.add(DataTypes.createStructField(name, DataTypes.IntegerType, true));
    }

    @Override
    public MiniBatchKMeansModel copy(ParamMap extra) {
        return copyValues(new MiniBatchKMeansModel(uid, model), extra).setParent(parent()).withSummary(summary);
    }

    @Override
    public MLWriter write() {
        return new Writer(this);
    }

    /**
     * Spark ML's reader of saved models.
     *
     * @return the reader
     */
    public static MLReader<MiniBatchKMeansModel> read() {
        return new Reader();
    }

    /**
     * Loads a model saved with {@code write().save(path)}.
     *
     * @param path where {@code write().save(path)} put it
     * @return the model
     */
    public static MiniBatchKMeansModel load(String path) {
        return read().load(path);
    }

    @Override
    public String toString() {
        return "MiniBatchKMeansModel: uid=" + uid + ", k=" + model.k() + ", numFeatures=" + model.dimensions();
    }

    private static final class Writer extends MLWriter {
        private final MiniBatchKMeansModel instance;

        Writer(MiniBatchKMeansModel instance) {
            this.instance = instance;
        }

        @Override
        public void saveImpl(String path) {
            DefaultParamsWriter$.MODULE$.saveMetadata(instance, path, sparkSession());
            Path document = new Path(path, DOCUMENT);
            try (OutputStream out = document.getFileSystem(sparkSession().sparkContext().hadoopConfiguration()).create(document)) {
                ModelJson.write(instance.model, out);
            } catch (IOException e) {
                throw new UncheckedIOException(document + ": " + e.getMessage(), e);
            }
            if (instance.hasParent() && instance.parent() instanceof MiniBatchKMeans estimator) {
                // every param of the fit (k, maxIter, seed, tol, initMode, distanceMeasure, …), as Spark's KMeansModel keeps them
                Path saved = new Path(path, ESTIMATOR);
                try {
                    estimator.write().save(saved.toString());
                } catch (IOException e) {
                    throw new UncheckedIOException(saved + ": " + e.getMessage(), e);
                }
            }
        }
    }

    private static final class Reader extends MLReader<MiniBatchKMeansModel> {
        @Override
        public MiniBatchKMeansModel load(String path) {
            DefaultParamsReader.Metadata metadata = DefaultParamsReader.loadMetadata(path, sparkSession(),
                    MiniBatchKMeansModel.class.getName());
            Path document = new Path(path, DOCUMENT);
            KMeansModel core;
            try (InputStream in = document.getFileSystem(sparkSession().sparkContext().hadoopConfiguration()).open(document)) {
                core = ModelJson.read(in, document.toString());
            } catch (IOException e) {
                throw new UncheckedIOException(document + ": " + e.getMessage(), e);
            }
            MiniBatchKMeansModel model = new MiniBatchKMeansModel(metadata.uid(), core);
            metadata.getAndSetParams(model, Option.empty());
            Path estimator = new Path(path, ESTIMATOR);
            try {
                if (estimator.getFileSystem(sparkSession().sparkContext().hadoopConfiguration()).exists(estimator)) {
                    model.setParent(MiniBatchKMeans.load(estimator.toString()));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(estimator + ": " + e.getMessage(), e);
            }
            return model;
        }
    }
}
