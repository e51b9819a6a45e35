package io.github.minibatchkmeans.spark;

import io.github.minibatchkmeans.core.FrontDoor;
import io.github.minibatchkmeans.core.Initializers;
import io.github.minibatchkmeans.core.KMeansConfig;
import io.github.minibatchkmeans.core.KSweep;
import io.github.minibatchkmeans.core.KMeansModel;
import io.github.minibatchkmeans.core.Metric;
import io.github.minibatchkmeans.core.MissingValues;
import io.github.minibatchkmeans.core.Mode;
import io.github.minibatchkmeans.core.Parameter;
import io.github.minibatchkmeans.core.Parameters;
import io.github.minibatchkmeans.core.spi.Initializer;
import java.io.Serial;
import java.io.Serializable;
import java.util.Locale;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.linalg.Matrices;
import org.apache.spark.ml.linalg.Matrix;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * k-means as a Spark ML {@link Estimator}, with the core's algorithm: in EXACT mode every iteration
 * is one pass whose per-partition sums and weights merge into exactly the in-memory Lloyd update;
 * in STOCHASTIC mode every step is one pass over a {@code batchFraction} sample, moved by
 * scikit-learn's mini-batch rule. Seeding by k-means|| (distributed rounds), k-means++ (on a
 * sample), random rows, or given {@code initialCenters}. Params follow Spark ML's {@code KMeans}
 * (its defaults: {@code k} 2, {@code maxIter} 20, {@code initMode} k-means||, {@code initSteps} 2, as
 * the parameter table records them); their docs, defaults and ranges come from the core's
 * {@code Parameters}. {@code tol} keeps the meaning it has everywhere in this project
 * (scikit-learn's: the total squared centroid move relative to the mean feature variance), with
 * the mode's default unless set. The algorithm is the core's
 * ({@link io.github.minibatchkmeans.core.MiniBatchKMeans#fit(io.github.minibatchkmeans.core.PassEngine)});
 * this class translates params, data and model.
 *
 * <pre>{@code
 * MiniBatchKMeansModel model = new MiniBatchKMeans().setK(8).setSeed(1).fit(dataset);   // a "features" vector column
 * Dataset<Row> labelled = model.transform(dataset);                                      // adds "prediction"
 * }</pre>
 *
 * @serial exclude
 */
public final class MiniBatchKMeans extends Estimator<MiniBatchKMeansModel> implements DefaultParamsWritable {
    static final String K_MEANS_PARALLEL = "k-means||";
    private static final long serialVersionUID = 1L;
    private static final String JOB_GROUP = "spark.jobGroup.id";
    private static final String JOB_DESCRIPTION = "spark.job.description";

    private final String uid;
    private final IntParam k;
    private final IntParam kMax;
    private final IntParam kStep;
    private final IntParam maxIter;
    private final DoubleParam tol;
    private final LongParam seed;
    private final Param<String> initMode;
    private final IntParam initSteps;
    private final Param<Matrix> initialCenters;
    private final Param<String> mode;
    private final DoubleParam batchFraction;
    private final DoubleParam reassignmentRatio;
    private final Param<String> featuresCol;
    private final Param<String> predictionCol;
    private final Param<String> weightCol;
    private final Param<String> distanceMeasure;
    private final Param<String> missing;
    private final IntParam aggregationDepth;

    /**
     * An estimator with a fresh uid and Spark ML's defaults.
     */
    public MiniBatchKMeans() {
        this(Identifiable.randomUID("MiniBatchKMeans"));
    }

    /**
     * Spark ML's copy and load use this constructor.
     *
     * @param uid the estimator's uid
     */
    public MiniBatchKMeans(String uid) {
        this.uid = uid;
        k = new IntParam(this, "k", Parameters.K.doc(), TableCheck.of(Parameters.K));
        kMax = new IntParam(this, "kMax", Parameters.K_MAX.doc() + " The summary holds every k's scores.",
                TableCheck.of(Parameters.K_MAX));
        kStep = new IntParam(this, "kStep", Parameters.K_STEP.doc(), TableCheck.of(Parameters.K_STEP));
        maxIter = new IntParam(this, "maxIter", Parameters.MAX_ITERATIONS.doc() + " A stochastic epoch is 1/batchFraction steps.",
                TableCheck.of(Parameters.MAX_ITERATIONS));
        tol = new DoubleParam(this, "tol", Parameters.TOLERANCE.doc() + " Unset: " + Parameters.TOLERANCE.defaultText() + ".",
                TableCheck.of(Parameters.TOLERANCE));
        seed = new LongParam(this, "seed", Parameters.SEED.doc());
        initMode = new Param<>(this, "initMode", Parameters.INIT.doc(), TableCheck.of(Parameters.INIT));
        initSteps = new IntParam(this, "initSteps", Parameters.INIT_ROUNDS.doc(), TableCheck.of(Parameters.INIT_ROUNDS));
        initialCenters = new Param<>(this, "initialCenters", "k × d starting centers, one per row; overrides initMode");
        mode = new Param<>(this, "mode", Parameters.MODE.doc(), TableCheck.ofName(Parameters.MODE));
        batchFraction = new DoubleParam(this, "batchFraction", "stochastic: the fraction of rows each step samples, in (0, 1]",
                ParamValidators.inRange(0, 1, false, true));
        reassignmentRatio = new DoubleParam(this, "reassignmentRatio", Parameters.REASSIGNMENT_RATIO.doc(),
                TableCheck.of(Parameters.REASSIGNMENT_RATIO));
        featuresCol = new Param<>(this, "featuresCol", "features column name");
        predictionCol = new Param<>(this, "predictionCol", "prediction column name");
        weightCol = new Param<>(this, "weightCol", "weight column name; unset: every row weighs 1");
        distanceMeasure = new Param<>(this, "distanceMeasure", Parameters.METRIC.doc(), TableCheck.ofName(Parameters.METRIC));
        missing = new Param<>(this, "missing", Parameters.MISSING.doc() + " In Spark: NaN in a dense features vector.",
                TableCheck.ofName(Parameters.MISSING));
        aggregationDepth = new IntParam(this, "aggregationDepth", "depth of the tree that merges partition statistics (>= 2)",
                ParamValidators.gtEq(2));
        setDefault(k, sparkDefault(Parameters.K));
        setDefault(kMax, sparkDefault(Parameters.K_MAX));
        setDefault(kStep, sparkDefault(Parameters.K_STEP));
        setDefault(maxIter, sparkDefault(Parameters.MAX_ITERATIONS));
        setDefault(tol, sparkDefault(Parameters.TOLERANCE));
        setDefault(seed, sparkDefault(Parameters.SEED));
        setDefault(initMode, sparkDefault(Parameters.INIT));
        setDefault(initSteps, sparkDefault(Parameters.INIT_ROUNDS));
        setDefault(mode, sparkDefault(Parameters.MODE).name().toLowerCase(Locale.ROOT));
        setDefault(batchFraction, 0.1);
        setDefault(reassignmentRatio, sparkDefault(Parameters.REASSIGNMENT_RATIO));
        setDefault(featuresCol, "features");
        setDefault(predictionCol, "prediction");
        setDefault(distanceMeasure, sparkDefault(Parameters.METRIC).name().toLowerCase(Locale.ROOT));
        setDefault(missing, sparkDefault(Parameters.MISSING).name().toLowerCase(Locale.ROOT));
        setDefault(aggregationDepth, 2);
    }

    /** The default of {@code parameter} in Spark: the parameter table's, with its recorded Spark conventions. */
    private static <T> T sparkDefault(Parameter<T> parameter) {
        return parameter.defaultIn(FrontDoor.SPARK).orElseThrow();
    }

    /**
     * A param's validator from the parameter table: the core's constraint and the values Spark
     * offers. Serializable (Spark ships params), so it holds the knob's name, not the knob.
     */
    static final class TableCheck<T> extends scala.runtime.AbstractFunction1<T, Object> implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;
        private final String name;
        private final boolean byEnumName;

        private TableCheck(String name, boolean byEnumName) {
            this.name = name;
            this.byEnumName = byEnumName;
        }

        static <T> TableCheck<T> of(Parameter<?> parameter) {
            return new TableCheck<>(parameter.name(), false);
        }

        /** For an enum knob that Spark spells in lower case ("exact", "euclidean"). */
        static TableCheck<String> ofName(Parameter<? extends Enum<?>> parameter) {
            return new TableCheck<>(parameter.name(), true);
        }

        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        public Object apply(T value) {
            Parameter parameter = Parameters.named(name);
            Object typed = value;
            if (byEnumName) {
                try {
                    typed = Enum.valueOf((Class<Enum>) parameter.type(), ((String) value).toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    return false;
                }
            }
            return parameter.acceptsIn(FrontDoor.SPARK, typed);
        }
    }

    @Override
    public String uid() {
        return uid;
    }

    /**
     * The param {@code k}: its doc, default and range are the parameter table's (Spark ML's name).
     *
     * @return the param
     */
    public IntParam k() { return k; }
    /**
     * The param {@code kMax}: choosing k — above k, every k from k to it is fitted (all in one job per
     * pass) and scored, and the recommended one returned; the summary's {@code kSweep} holds the scores.
     *
     * @return the param
     */
    public IntParam kMax() { return kMax; }
    /**
     * The param {@code kStep}: the step between the k values from k to kMax.
     *
     * @return the param
     */
    public IntParam kStep() { return kStep; }
    /**
     * The param {@code maxIter}: its doc, default and range are the parameter table's (Spark ML's name).
     *
     * @return the param
     */
    public IntParam maxIter() { return maxIter; }
    /**
     * The param {@code tol}: its doc, default and range are the parameter table's (Spark ML's name).
     *
     * @return the param
     */
    public DoubleParam tol() { return tol; }
    /**
     * The param {@code seed}: its doc, default and range are the parameter table's (Spark ML's name).
     *
     * @return the param
     */
    public LongParam seed() { return seed; }
    /**
     * The param {@code initMode}: its doc, default and range are the parameter table's (Spark ML's name).
     *
     * @return the param
     */
    public Param<String> initMode() { return initMode; }
    /**
     * The param {@code initSteps}: its doc, default and range are the parameter table's (Spark ML's name).
     *
     * @return the param
     */
    public IntParam initSteps() { return initSteps; }
    /**
     * The param {@code initialCenters}: its doc, default and range are the parameter table's (Spark ML's name).
     *
     * @return the param
     */
    public Param<Matrix> initialCenters() { return initialCenters; }
    /**
     * The param {@code mode}: its doc, default and range are the parameter table's (Spark ML's name).
     *
     * @return the param
     */
    public Param<String> mode() { return mode; }
    /**
     * The param {@code batchFraction}: its doc, default and range are the parameter table's (Spark ML's name).
     *
     * @return the param
     */
    public DoubleParam batchFraction() { return batchFraction; }
    /**
     * The param {@code reassignmentRatio}: its doc, default and range are the parameter table's (Spark ML's name).
     *
     * @return the param
     */
    public DoubleParam reassignmentRatio() { return reassignmentRatio; }
    /**
     * The param {@code featuresCol}: its doc, default and range are the parameter table's (Spark ML's name).
     *
     * @return the param
     */
    public Param<String> featuresCol() { return featuresCol; }
    /**
     * The param {@code predictionCol}: its doc, default and range are the parameter table's (Spark ML's name).
     *
     * @return the param
     */
    public Param<String> predictionCol() { return predictionCol; }
    /**
     * The param {@code weightCol}: its doc, default and range are the parameter table's (Spark ML's name).
     *
     * @return the param
     */
    public Param<String> weightCol() { return weightCol; }
    /**
     * The param {@code distanceMeasure}: its doc, default and range are the parameter table's (Spark ML's name).
     *
     * @return the param
     */
    public Param<String> distanceMeasure() { return distanceMeasure; }

    /**
     * The param {@code missing}: error, impute or ignore — its doc, default and values are the parameter table's.
     *
     * @return the param
     */
    public Param<String> missing() { return missing; }
    /**
     * The param {@code aggregationDepth}: its doc, default and range are the parameter table's (Spark ML's name).
     *
     * @return the param
     */
    public IntParam aggregationDepth() { return aggregationDepth; }

    /**
     * The value of {@link #k()}, or its default.
     *
     * @return the value
     */
    public int getK() { return (Integer) getOrDefault(k); }
    /**
     * The value of {@link #kMax()}, or its default.
     *
     * @return the value
     */
    public int getKMax() { return (Integer) getOrDefault(kMax); }
    /**
     * The value of {@link #kStep()}, or its default.
     *
     * @return the value
     */
    public int getKStep() { return (Integer) getOrDefault(kStep); }
    /**
     * The value of {@link #maxIter()}, or its default.
     *
     * @return the value
     */
    public int getMaxIter() { return (Integer) getOrDefault(maxIter); }
    /**
     * The value of {@link #tol()}, or its default.
     *
     * @return the value
     */
    public double getTol() { return (Double) getOrDefault(tol); }
    /**
     * The value of {@link #seed()}, or its default.
     *
     * @return the value
     */
    public long getSeed() { return (Long) getOrDefault(seed); }
    /**
     * The value of {@link #initMode()}, or its default.
     *
     * @return the value
     */
    public String getInitMode() { return getOrDefault(initMode); }
    /**
     * The value of {@link #initSteps()}, or its default.
     *
     * @return the value
     */
    public int getInitSteps() { return (Integer) getOrDefault(initSteps); }
    /**
     * The value of {@link #mode()}, or its default.
     *
     * @return the value
     */
    public String getMode() { return getOrDefault(mode); }
    /**
     * The value of {@link #batchFraction()}, or its default.
     *
     * @return the value
     */
    public double getBatchFraction() { return (Double) getOrDefault(batchFraction); }
    /**
     * The value of {@link #reassignmentRatio()}, or its default.
     *
     * @return the value
     */
    public double getReassignmentRatio() { return (Double) getOrDefault(reassignmentRatio); }
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
     * The value of {@link #distanceMeasure()}, or its default.
     *
     * @return the value
     */
    public String getDistanceMeasure() { return getOrDefault(distanceMeasure); }

    /**
     * The value of {@link #missing()}, or its default.
     *
     * @return the value
     */
    public String getMissing() { return getOrDefault(missing); }
    /**
     * The value of {@link #aggregationDepth()}, or its default.
     *
     * @return the value
     */
    public int getAggregationDepth() { return (Integer) getOrDefault(aggregationDepth); }

    /**
     * Sets {@link #k()}.
     *
     * @param value the value
     * @return this estimator
     */
    public MiniBatchKMeans setK(int value) { set(k, value); return this; }
    /**
     * Sets {@link #kMax()}.
     *
     * @param value the value
     * @return this estimator
     */
    public MiniBatchKMeans setKMax(int value) { set(kMax, value); return this; }
    /**
     * Sets {@link #kStep()}.
     *
     * @param value the value
     * @return this estimator
     */
    public MiniBatchKMeans setKStep(int value) { set(kStep, value); return this; }
    /**
     * Sets {@link #maxIter()}.
     *
     * @param value the value
     * @return this estimator
     */
    public MiniBatchKMeans setMaxIter(int value) { set(maxIter, value); return this; }
    /**
     * Sets {@link #tol()}.
     *
     * @param value the value
     * @return this estimator
     */
    public MiniBatchKMeans setTol(double value) { set(tol, value); return this; }
    /**
     * Sets {@link #seed()}.
     *
     * @param value the value
     * @return this estimator
     */
    public MiniBatchKMeans setSeed(long value) { set(seed, value); return this; }
    /**
     * Sets {@link #initMode()}.
     *
     * @param value the value
     * @return this estimator
     */
    public MiniBatchKMeans setInitMode(String value) { set(initMode, value); return this; }
    /**
     * Sets {@link #initSteps()}.
     *
     * @param value the value
     * @return this estimator
     */
    public MiniBatchKMeans setInitSteps(int value) { set(initSteps, value); return this; }
    /**
     * Sets {@link #mode()}.
     *
     * @param value the value
     * @return this estimator
     */
    public MiniBatchKMeans setMode(String value) { set(mode, value); return this; }
    /**
     * Sets {@link #batchFraction()}.
     *
     * @param value the value
     * @return this estimator
     */
    public MiniBatchKMeans setBatchFraction(double value) { set(batchFraction, value); return this; }
    /**
     * Sets {@link #reassignmentRatio()}.
     *
     * @param value the value
     * @return this estimator
     */
    public MiniBatchKMeans setReassignmentRatio(double value) { set(reassignmentRatio, value); return this; }
    /**
     * Sets {@link #featuresCol()}.
     *
     * @param value the value
     * @return this estimator
     */
    public MiniBatchKMeans setFeaturesCol(String value) { set(featuresCol, value); return this; }
    /**
     * Sets {@link #predictionCol()}.
     *
     * @param value the value
     * @return this estimator
     */
    public MiniBatchKMeans setPredictionCol(String value) { set(predictionCol, value); return this; }
    /**
     * Sets {@link #weightCol()}.
     *
     * @param value the value
     * @return this estimator
     */
    public MiniBatchKMeans setWeightCol(String value) { set(weightCol, value); return this; }
    /**
     * Sets {@link #distanceMeasure()}.
     *
     * @param value the value
     * @return this estimator
     */
    public MiniBatchKMeans setDistanceMeasure(String value) { set(distanceMeasure, value); return this; }

    /**
     * Sets {@link #missing()}.
     *
     * @param value error, impute or ignore
     * @return this
     */
    public MiniBatchKMeans setMissing(String value) { set(missing, value); return this; }
    /**
     * Sets {@link #aggregationDepth()}.
     *
     * @param value the value
     * @return this estimator
     */
    public MiniBatchKMeans setAggregationDepth(int value) { set(aggregationDepth, value); return this; }

    /**
     * The weight column, or null when unset.
     *
     * @return the column, or null
     */
    public String getWeightCol() {
        return isDefined(weightCol) ? getOrDefault(weightCol) : null;
    }

    /**
     * Starting centers, one per row (k × d); they override {@code initMode}.
     *
     * @param centers k rows of equal length
     * @return this estimator
     */
    public MiniBatchKMeans setInitialCenters(double[][] centers) {
        int rows = centers.length;
        int cols = rows == 0 ? 0 : centers[0].length;
        double[] columnMajor = new double[rows * cols];
        for (int c = 0; c < rows; c++) {
            if (centers[c].length != cols) {
                throw new IllegalArgumentException("MiniBatchKMeans: initial centers of different lengths: " + cols + " and "
                        + centers[c].length);
            }
            for (int j = 0; j < cols; j++) {
                columnMajor[j * rows + c] = centers[c][j];
            }
        }
        set(initialCenters, Matrices.dense(rows, cols, columnMajor));
        return this;
    }

    /**
     * Starts from {@code model}'s centroids (Spark ML's {@code setInitialModel}).
     *
     * @param model a fitted model
     * @return this estimator
     */
    public MiniBatchKMeans setInitialModel(MiniBatchKMeansModel model) {
        return setInitialCenters(model.clusterCenterArrays());
    }

    /**
     * The given starting centers (k × d), or null when unset.
     *
     * @return the centers, or null
     */
    public double[][] getInitialCenters() {
        if (!isDefined(initialCenters)) {
            return null;
        }
        Matrix m = getOrDefault(initialCenters);
        double[][] out = new double[m.numRows()][m.numCols()];
        for (int c = 0; c < m.numRows(); c++) {
            for (int j = 0; j < m.numCols(); j++) {
                out[c][j] = m.apply(c, j);
            }
        }
        return out;
    }

    @Override
    public MiniBatchKMeansModel fit(Dataset<?> dataset) {
        transformSchema(dataset.schema(), true);
        int clusters = getK();
        double[][] start = getInitialCenters();
        if (start != null && start.length != clusters) {
            throw new IllegalArgumentException("MiniBatchKMeans: initialCenters has " + start.length + " rows, k is " + clusters);
        }
        // Kept as checked arrays even when the input is cached: passes then skip the row decoding.
        JavaRDD<Block> blocks = Rows.blocks(dataset, getFeaturesCol(), getWeightCol(), metric() == Metric.COSINE,
                missingValues() != MissingValues.ERROR && metric() == Metric.EUCLIDEAN)
                .persist(StorageLevel.MEMORY_AND_DISK());
        SparkContext context = dataset.sparkSession().sparkContext();
        String previousGroup = context.getLocalProperty(JOB_GROUP);
        String previousDescription = context.getLocalProperty(JOB_DESCRIPTION);
        context.setJobGroup(jobGroup(), "MiniBatchKMeans k = " + clusters + " (" + uid + ")", false);
        try {
            DataCheck check = blocks.treeAggregate(new DataCheck(), (total, block) -> total.merge(DataCheck.of(block)),
                    DataCheck::merge, getAggregationDepth());
            validate(check, clusters, start);
            Passes passes = new Passes(JavaSparkContext.fromSparkContext(context), blocks, check.dims, check.sparse,
                    getAggregationDepth());
            KMeansConfig config = config(start, check.rows);
            var estimator = new io.github.minibatchkmeans.core.MiniBatchKMeans(config);
            KSweep sweep = config.choosesK() ? estimator.sweep(passes) : null;
            KMeansModel fitted = sweep != null ? sweep.recommended() : estimator.fit(passes);
            MiniBatchKMeansModel model = copyValues(new MiniBatchKMeansModel(uid, fitted).setParent(this), extractParamMap());
            return model.withSummary(new MiniBatchKMeansSummary(fitted, model, dataset, sweep));
        } finally {
            context.setLocalProperty(JOB_GROUP, previousGroup);
            context.setLocalProperty(JOB_DESCRIPTION, previousDescription);
            blocks.unpersist(false);
        }
    }

    /**
     * The Spark job group of this estimator's passes (after the ones Spark runs itself to plan the input).
     *
     * @return the job group
     */
    public String jobGroup() {
        return "MiniBatchKMeans-" + uid;
    }

    /**
     * The params as the core's configuration; {@code batchFraction} becomes a batch size of that
     * share of the rows; {@code tol} unset is the mode's default; one start, as Spark's KMeans.
     */
    KMeansConfig config(double[][] start, long rows) {
        Initializer initializer = start != null ? Initializers.explicit(start)
                : K_MEANS_PARALLEL.equals(getInitMode()) ? Initializers.kMeansParallel(0, getInitSteps())
                : Initializers.named(getInitMode());
        KMeansConfig.Builder config = KMeansConfig.builder(getK()).kMax(getKMax()).kStep(getKStep()).mode(Mode.valueOf(getMode().toUpperCase(Locale.ROOT)))
                .initializer(initializer).maxIterations(getMaxIter()).seed(getSeed())
                .nInit(sparkDefault(Parameters.N_INIT))
                .metric(metric()).missing(missingValues())
                .batchSize((int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.round(getBatchFraction() * rows))))
                .reassignmentRatio(getReassignmentRatio());
        return (isSet(tol) ? config.tolerance(getTol()) : config).build();
    }

    /** The core's policy for {@code missing}. */
    private MissingValues missingValues() {
        return MissingValues.valueOf(getMissing().toUpperCase(Locale.ROOT));
    }

    /** The core's metric for {@code distanceMeasure}. */
    private Metric metric() {
        return Metric.valueOf(getDistanceMeasure().toUpperCase(Locale.ROOT));
    }

    /** Refuses data the fit cannot use, naming the first bad row; before any iteration runs. */
    private static void validate(DataCheck check, int k, double[][] start) {
        if (check.problem != null) {
            throw new IllegalArgumentException("MiniBatchKMeans: " + check.problem);
        }
        if (check.positive < k) {
            throw new IllegalArgumentException("MiniBatchKMeans: k = " + k + " clusters need at least k rows of positive weight; the data set has "
                    + check.positive + " (of " + check.rows + " rows)");
        }
        if (start != null && start[0].length != check.dims) {
            throw new IllegalArgumentException("MiniBatchKMeans: initialCenters have " + start[0].length + " features, the rows "
                    + check.dims);
        }
    }

    @Override
    public StructType transformSchema(StructType schema) {
        Rows.checkSchema(schema, getFeaturesCol(), getWeightCol());
        return MiniBatchKMeansModel.withPredictionColumn(schema, getPredictionCol());
    }

    @Override
    public MiniBatchKMeans copy(ParamMap extra) {
        return defaultCopy(extra);
    }

    /**
     * Spark ML's reader of saved estimators.
     *
     * @return the reader
     */
    public static MLReader<MiniBatchKMeans> read() {
        return new DefaultParamsReader<>();
    }

    /**
     * Loads an estimator saved with {@code write().save(path)}.
     *
     * @param path where {@code write().save(path)} put it
     * @return the estimator
     */
    public static MiniBatchKMeans load(String path) {
        return read().load(path);
    }
}
