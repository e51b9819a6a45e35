package io.github.minibatchkmeans.core;

import io.github.minibatchkmeans.core.internal.engine.DataPasses;
import io.github.minibatchkmeans.core.internal.engine.EnginePasses;
import io.github.minibatchkmeans.core.internal.engine.FitRun;
import io.github.minibatchkmeans.core.internal.engine.LocalPasses;
import io.github.minibatchkmeans.core.internal.engine.OnePassLearner;
import io.github.minibatchkmeans.core.internal.engine.OnlineLearner;
import io.github.minibatchkmeans.core.internal.engine.SettingRejected;
import io.github.minibatchkmeans.core.internal.engine.Settings;
import io.github.minibatchkmeans.core.internal.engine.StochasticLoop;
import io.github.minibatchkmeans.core.internal.engine.SweepRun;
import io.github.minibatchkmeans.core.internal.init.ExplicitCenters;
import io.github.minibatchkmeans.core.internal.kernel.Kernels;
import io.github.minibatchkmeans.core.internal.rows.DenseRows;
import io.github.minibatchkmeans.core.spi.BatchSource;
import io.github.minibatchkmeans.core.spi.InvalidInputException;
import io.github.minibatchkmeans.core.spi.PassEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * k-means for data of any size: the one estimator, for batch and online use, shaped like
 * scikit-learn's {@code MiniBatchKMeans}.
 *
 * <p><b>The idea.</b> Lloyd's algorithm moves each centroid to the mean of its points, and a mean
 * is a sum divided by a count. Sums and counts add up, so one pass over the data in mini-batches —
 * assign each batch to the current centroids, add every row into its centroid's sum-vector and
 * weight — followed by one division gives exactly the centroids in-memory Lloyd computes, in
 * O(k·d + batch·d) memory. Because the sums merge, the pass runs on all cores; merged in a fixed
 * order, the result is bit-identical for any thread count and batch size. That is
 * {@link Mode#EXACT}. {@link Mode#STOCHASTIC} is Sculley's (2010) mini-batch update, as in
 * scikit-learn: approximate, fast, and online through {@link #partialFit}.
 *
 * <pre>{@code
 * KMeansModel model = new MiniBatchKMeans(KMeansConfig.builder(8).seed(1).build()).fit(rows);   // double[][]
 * int[] labels = model.predict(rows);
 * KMeansModel big = new MiniBatchKMeans(config).fit(new NpySource(Path.of("big.npy")));         // out of core
 * try (MiniBatchKMeans online = new MiniBatchKMeans(config)) {
 *     online.partialFit(batch1).partialFit(batch2);
 *     KMeansModel current = online.model();
 * }
 * }</pre>
 *
 * <p>The estimator owns no threads of its own: passes borrow daemon threads from a shared pool,
 * at most {@link KMeansConfig#threads()} at a time. {@code fit} may be called from several
 * threads at once; {@code partialFit} calls on one estimator are serialized.
 */
public final class MiniBatchKMeans implements AutoCloseable {
    private final KMeansConfig config;
    private final ProgressListener listener;
    private volatile KMeansModel model;
    private OnlineLearner online;
    private boolean closed;

    /**
     * An estimator with {@code config}, silent while it fits.
     *
     * @param config the settings
     */
    public MiniBatchKMeans(KMeansConfig config) {
        this(config, ProgressListener.NONE);
    }

    /**
     * An estimator that reports each pass of a fit to {@code listener}.
     *
     * @param config the settings
     * @param listener hears each pass of a fit
     */
    public MiniBatchKMeans(KMeansConfig config, ProgressListener listener) {
        this.config = Objects.requireNonNull(config, "config");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * The settings this estimator fits with.
     *
     * @return the configuration
     */
    public KMeansConfig config() {
        return config;
    }

    /**
     * The distance kernel this JVM runs: {@code "vector"} (SIMD on the Vector API, when the JVM was
     * started with {@code --add-modules jdk.incubator.vector}) or {@code "scalar"}.
     *
     * @return {@code "vector"} or {@code "scalar"}
     */
    public static String distanceKernel() {
        return Kernels.active();
    }

    /**
     * Fits in-memory rows (each of the same length).
     *
     * @param rows the data, one array per row
     * @return the fitted model
     */
    public KMeansModel fit(double[][] rows) {
        return fit(rows, null);
    }

    /**
     * Fits in-memory rows with non-negative weights ({@code null}: all 1).
     *
     * @param rows the data, one array per row
     * @param weights one weight per row, or null
     * @return the fitted model
     */
    public KMeansModel fit(double[][] rows, double[] weights) {
        return inMemory(ArraySource.of(rows, weights), null);
    }

    /**
     * Fits a source read in batches, pass after pass: the data never has to fit in memory. A source
     * that can be read only once ({@link BatchSource.Rereading#ONCE}) gets the one-pass learner
     * ({@link Mode#ONE_PASS}) in EXACT mode, and one epoch of online updates in STOCHASTIC mode.
     *
     * @param source the data
     * @return the fitted model
     * @throws IOException when the source cannot be read
     */
    public KMeansModel fit(BatchSource source) throws IOException {
        return fit(source, null, null);
    }

    /**
     * An EXACT fit of {@code source} that can survive being killed: {@code checkpoints} (may be null)
     * receives the state after every pass, and a fit given one of those states as {@code resumeFrom}
     * (may be null) continues where it was saved — with a result bit-identical to an uninterrupted
     * fit. Resuming over other data or with other options (k, initializer, restarts, iterations,
     * tolerance, seed, sample size, pruning on or off) is an {@link InvalidInputException} naming the
     * difference; threads and batch size may change. With both null this is {@link #fit(BatchSource)}.
     *
     * @param source the data
     * @param resumeFrom a saved state to continue from, or null
     * @param checkpoints receives the state after every pass, or null
     * @return the fitted model
     * @throws IOException when the source cannot be read, or a checkpoint not written
     */
    public KMeansModel fit(BatchSource source, FitState resumeFrom, CheckpointListener checkpoints) throws IOException {
        if (config.choosesK()) {
            if (resumeFrom != null || checkpoints != null) {
                throw new InvalidConfigException(Parameters.K_MAX, "a sweep over k is not checkpointed; fit one k to checkpoint");
            }
            return sweep(source).recommended();
        }
        boolean once = source.rereading() == BatchSource.Rereading.ONCE;
        if (resumeFrom != null || checkpoints != null) {
            if (config.mode() != Mode.EXACT) {
                throw new InvalidConfigException(Parameters.MODE, "checkpoints and resuming are for EXACT mode, not " + config.mode());
            }
            if (once) {
                throw new InvalidInputException(source.name() + ": a stream read once cannot be checkpointed or resumed");
            }
        }
        return keep(run(source, null, resumeFrom, checkpoints));
    }

    /**
     * A fit that takes rows one at a time, each once, in bounded memory ({@link OnePass}): for
     * data that arrives as a stream; {@link OnePass#finish} gives the model.
     *
     * @param rangeScaled true if {@code finish} will scale columns by their ranges; the coreset then
     *                    measures distances that way too
     * @param dimensions the columns of every row
     * @return the learner, empty
     */
    public OnePass onePass(int dimensions, boolean rangeScaled) {
        return new OnePass(new OnePassLearner(EngineBridge.settings(config), dimensions, rangeScaled, "stream"), config.metric());
    }

    /**
     * Fits in-memory rows and returns each row's label from the final pass (no extra pass); {@link #model()} holds the model.
     *
     * @param rows the data, one array per row
     * @return each row's cluster
     */
    public int[] fitPredict(double[][] rows) {
        return fitPredict(rows, null);
    }

    /**
     * As {@link #fitPredict(double[][])}, with weights ({@code null}: all 1).
     *
     * @param rows the data, one array per row
     * @param weights one weight per row, or null
     * @return each row's cluster
     */
    public int[] fitPredict(double[][] rows, double[] weights) {
        int[] labels = new int[rows.length];
        inMemory(ArraySource.of(rows, weights), labels);
        return labels;
    }

    /**
     * Fits {@code source} and returns each row's label, in source order, from the final pass (no
     * extra pass); {@link #model()} holds the model. The source must say how many rows it has
     * ({@link BatchSource#rows()}, at most 2<sup>31</sup> − 9) and be readable more than once.
     *
     * @param source the data
     * @return each row's cluster
     * @throws IOException when the source cannot be read
     */
    public int[] fitPredict(BatchSource source) throws IOException {
        long rows = source.rows().orElseThrow(() -> new IllegalArgumentException(
                source.name() + ": fitPredict needs a source that knows its row count; use fit, then predict"));
        if (rows > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(source.name() + ": " + rows + " rows are more labels than an array holds");
        }
        if (source.rereading() == BatchSource.Rereading.ONCE) {
            throw new IllegalArgumentException(source.name() + ": a stream read once cannot be labelled after the fit");
        }
        int[] labels = new int[(int) rows];
        if (config.choosesK()) {
            sweep(source).recommended().predict(source, (row, label, distance) -> labels[(int) row] = label);
            return labels;
        }
        keep(run(source, labels, null, null));
        return labels;
    }

    /**
     * Fits every k of the configuration — {@code k}, {@code k + kStep}, … up to {@code kMax}
     * ({@link KMeansConfig#kValues()}) — in the same passes, in EXACT mode: one statistics pass, then
     * each pass reads every block once and assigns it to every model still iterating; models
     * converge independently and stop taking part. Each k's model is the one a fit with that k
     * alone gives with the same settings and seed (automatic sample sizes follow the largest k:
     * {@code max(10000, 20 kMax)} rows). One more pass measures every model's clusters for the
     * {@link KScore scores}; the silhouette is computed on at most {@link KMeansConfig#silhouetteSample()}
     * rows of the statistics pass's uniform sample. {@link #fit} with a {@code kMax} above {@code k}
     * returns this sweep's {@link KSweep#recommended()} model.
     *
     * @param source the data, read more than once
     * @return every k's model and scores
     * @throws IOException when the source cannot be read
     */
    public KSweep sweep(BatchSource source) throws IOException {
        Objects.requireNonNull(source, "source");
        checkSweep();
        if (source.rereading() == BatchSource.Rereading.ONCE) {
            throw new InvalidInputException(source.name() + ": a sweep over k passes over the data several times; a stream read "
                    + "once cannot be swept");
        }
        try (LocalPasses passes = local(source)) {
            return sweep(passes);
        } catch (SettingRejected e) {
            throw EngineBridge.rejected(e);
        }
    }

    /**
     * {@link #sweep(BatchSource)} of in-memory rows with non-negative weights ({@code null}: all 1).
     *
     * @param rows the data, one array per row
     * @param weights one weight per row, or null
     * @return every k's model and scores
     */
    public KSweep sweep(double[][] rows, double[] weights) {
        try {
            return sweep(ArraySource.of(rows, weights));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in-memory rows: no I/O happens
        }
    }

    /**
     * {@link #sweep(BatchSource)} of data an engine holds ({@link #fit(PassEngine)}): every pass of
     * the sweep is one engine pass for all the models still iterating.
     *
     * @param engine passes over the data where it is
     * @return every k's model and scores
     */
    public KSweep sweep(PassEngine engine) {
        Objects.requireNonNull(engine, "engine");
        checkSweep();
        try (DataPasses passes = new EnginePasses(engine, EngineBridge.settings(config))) {
            return sweep(passes);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // engines report their failures unchecked
        }
    }

    private void checkSweep() {
        if (config.mode() != Mode.EXACT) {
            throw new InvalidConfigException(Parameters.K_MAX, "a sweep over k fits in exact mode, not " + config.mode());
        }
        if (config.initializer() instanceof ExplicitCenters && config.choosesK()) {
            throw new InvalidConfigException(Parameters.K_MAX, "given starting centers fix k; a sweep over k needs an initializer "
                    + "that chooses centers for any k");
        }
    }

    private KSweep sweep(DataPasses passes) throws IOException {
        KSweep swept = EngineBridge.sweep(SweepRun.run(passes, EngineBridge.settings(config), config.kValues(),
                config.silhouetteSample(), EngineBridge.progress(listener)), config, passes.dimensions());
        keep(swept.recommended());
        return swept;
    }

    /**
     * The centroids this configuration would start from on {@code source} (the statistics pass and
     * the initializer, with its restarts), without iterating.
     *
     * @param source the data
     * @return the first start's centroids, one array each
     * @throws IOException when the source cannot be read
     */
    public double[][] initialCenters(BatchSource source) throws IOException {
        try (LocalPasses passes = local(source)) {
            return FitRun.initialCenters(passes, EngineBridge.settings(config), EngineBridge.progress(listener),
                    config.mode() == Mode.EXACT);
        }
    }

    /**
     * Fits data an engine holds and passes over itself — Spark partitions, other machines — the
     * driver keeping O(k·d) plus the seeding sample ({@code sampleSize} rows), with the same
     * algorithm as a local fit: EXACT iterations are one engine pass each (for all starts) and equal
     * in-memory Lloyd from the same start; a STOCHASTIC epoch is ⌈rows / batchSize⌉ passes, each
     * over a Bernoulli sample of about {@code batchSize} rows. Every pass reads every row (no
     * pruning); one-pass needs rows streamed here and is refused.
     *
     * @param engine passes over the data where it is
     * @return the fitted model
     */
    public KMeansModel fit(PassEngine engine) {
        Objects.requireNonNull(engine, "engine");
        if (config.choosesK()) {
            return sweep(engine).recommended();
        }
        try (DataPasses passes = new EnginePasses(engine, EngineBridge.settings(config))) {
            return keep(fit(passes, null, null, null));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // engines report their failures unchecked
        }
    }

    /**
     * One online step (Sculley's update) on {@code batch}, continuing from the last
     * {@code partialFit} or {@code fit}; the first batch ever initializes the centers with the
     * configured initializer. Returns this estimator, as scikit-learn does.
     *
     * @param batch the rows of this step
     * @return this estimator
     */
    public MiniBatchKMeans partialFit(double[][] batch) {
        return partialFit(batch, null);
    }

    /**
     * As {@link #partialFit(double[][])}, with weights ({@code null}: all 1).
     *
     * @param batch the rows of this step
     * @param weights one weight per row, or null
     * @return this estimator
     */
    public synchronized MiniBatchKMeans partialFit(double[][] batch, double[] weights) {
        if (closed) {
            throw new IllegalStateException("this estimator is closed");
        }
        ArraySource rows = ArraySource.of(batch, weights);
        int n = batch.length;
        int d = rows.dimensions();
        if (online == null) {
            KMeansModel fitted = model;
            if (fitted != null && fitted.dimensions() != d) {
                throw new InvalidInputException("the batch has " + d + " columns, the model has " + fitted.dimensions());
            }
            online = new OnlineLearner(EngineBridge.settings(config), d, fitted == null ? null : fitted.centroids(),
                    fitted == null ? null : fitted.sizes());
        } else if (online.dimensions() != d) {
            throw new InvalidInputException("the batch has " + d + " columns, earlier batches " + online.dimensions());
        }
        double[] flat = new double[n * d];
        double[] w = new double[n];
        try (var reader = rows.open()) {
            DenseRows batchRows = DenseRows.of(flat, w, d);
            batchRows.readFrom(reader, n);
            OnlineLearner.refuseMissing(batchRows, "");
            config.metric().geometry().prepare(batchRows, 0, n);
            online.partialFit(batchRows);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in-memory rows: no I/O happens
        }
        model = EngineBridge.model(online.result(), Mode.STOCHASTIC, config.metric());
        return this;
    }

    /**
     * The model of the last {@code fit}, or the current state of online learning.
     *
     * @return the model
     */
    public KMeansModel model() {
        KMeansModel current = model;
        if (current == null) {
            throw new IllegalStateException("not fitted yet: call fit or partialFit first");
        }
        return current;
    }

    /** Ends online learning; later calls to {@code partialFit} fail. The fitted model stays available. */
    @Override
    public synchronized void close() {
        closed = true;
        online = null;
    }

    private KMeansModel inMemory(ArraySource source, int[] labels) {
        try {
            if (config.choosesK()) {
                KMeansModel chosen = sweep(source).recommended();
                if (labels != null) {
                    chosen.predict(source, (row, label, distance) -> labels[(int) row] = label);
                }
                return chosen;
            }
            return keep(run(source, labels, null, null));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in-memory rows: no I/O happens
        }
    }

    /** Local passes over {@code source}: arrays read in place, anything else read once and kept while it fits (not for one pass). */
    private LocalPasses local(BatchSource source) {
        return new LocalPasses(source instanceof ArraySource array && !array.hasMissing() ? array.inPlace()
                : source instanceof SparseArraySource sparse ? sparse.inPlace() : source, EngineBridge.settings(config),
                config.mode() != Mode.ONE_PASS);
    }

    /** A fit of a local source, in the mode its rereading allows. */
    private KMeansModel run(BatchSource source, int[] labels, FitState resumeFrom, CheckpointListener checkpoints)
            throws IOException {
        boolean once = source.rereading() == BatchSource.Rereading.ONCE;
        if (source.sparse() && (once || config.mode() == Mode.ONE_PASS)) { // its groups of rows are dense
            throw new InvalidConfigException(Parameters.MODE, "sparse rows (" + source.name() + ") are clustered in the exact and "
                    + "stochastic modes, which keep them sparse; the one-pass learner would make them dense");
        }
        try (LocalPasses passes = local(source)) {
            if (once && config.mode() == Mode.STOCHASTIC) {
                return EngineBridge.model(StochasticLoop.onceThrough(passes, EngineBridge.settings(config),
                        EngineBridge.progress(listener)), Mode.STOCHASTIC, config.metric());
            }
            if (once || config.mode() == Mode.ONE_PASS) {
                return onePass(passes, labels, source);
            }
            return fit(passes, labels, resumeFrom, checkpoints);
        } catch (SettingRejected e) { // the heap plan refuses before any row is read
            throw EngineBridge.rejected(e);
        }
    }

    /** {@link Mode#ONE_PASS}: every row read once, in stream order; labels, when asked for, by one more pass. */
    private KMeansModel onePass(DataPasses passes, int[] labels, BatchSource source) throws IOException {
        KMeansModel fitted = EngineBridge.model(OnePassLearner.fit(passes, EngineBridge.settings(config),
                EngineBridge.progress(listener)), Mode.ONE_PASS, config.metric());
        if (labels != null) {
            fitted.predict(source, (row, label, distance) -> labels[(int) row] = label);
        }
        return fitted;
    }

    /** The configured mode over {@code passes}. */
    private KMeansModel fit(DataPasses passes, int[] labels, FitState resumeFrom, CheckpointListener checkpoints)
            throws IOException {
        Settings settings = EngineBridge.settings(config);
        var progress = EngineBridge.progress(listener);
        try {
            KMeansModel fitted = switch (config.mode()) {
                case STOCHASTIC -> EngineBridge.model(FitRun.stochastic(passes, settings, progress, labels), Mode.STOCHASTIC, config.metric());
                case ONE_PASS -> EngineBridge.model(OnePassLearner.fit(passes, settings, progress), Mode.ONE_PASS, config.metric());
                case EXACT -> EngineBridge.model(FitRun.exact(passes, settings, progress, labels,
                        resumeFrom == null ? null : resumeFrom.payload(), resumeFrom == null ? null : resumeFrom.origin(),
                        checkpoints == null ? null : (payload, iterations) -> checkpoints.onCheckpoint(new FitState(payload,
                                iterations, "the checkpoint"))), Mode.EXACT, config.metric());
            };
            return EngineBridge.withMissing(fitted, passes.missingValues(), config.missing());
        } catch (SettingRejected e) {
            throw EngineBridge.rejected(e);
        }
    }

    private synchronized KMeansModel keep(KMeansModel fitted) {
        model = fitted;
        online = null; // a new fit restarts online learning from its centroids
        return fitted;
    }
}
