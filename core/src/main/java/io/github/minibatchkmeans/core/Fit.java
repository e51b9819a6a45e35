package io.github.minibatchkmeans.core;

import io.github.minibatchkmeans.core.ProgressEvent.Stage;
import io.github.minibatchkmeans.core.internal.assign.LloydTask;
import io.github.minibatchkmeans.core.internal.init.StreamingInitContext;
import io.github.minibatchkmeans.core.internal.kernel.BlockLabels;
import io.github.minibatchkmeans.core.internal.kernel.Kernel;
import io.github.minibatchkmeans.core.internal.kernel.Kernels;
import io.github.minibatchkmeans.core.internal.pass.ParsedOnce;
import io.github.minibatchkmeans.core.internal.pass.PassRunner;
import io.github.minibatchkmeans.core.internal.stats.ClusterStatistics;
import io.github.minibatchkmeans.core.internal.stats.DataSummary;
import io.github.minibatchkmeans.core.internal.stats.SummaryTask;
import io.github.minibatchkmeans.core.spi.BatchSource;
import io.github.minibatchkmeans.core.spi.InvalidInputException;
import io.github.minibatchkmeans.core.spi.Sample;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One fit of one source: a sequence of passes. The <em>statistics pass</em> counts rows and total
 * weight, computes weighted feature means and variances (the scale of the tolerance) and keeps a
 * uniform sample; the initializer chooses starting centroids from it (or with passes of its own,
 * through this object as its {@link StreamingInitContext}); then the mode's loop runs its passes.
 */
final class Fit implements StreamingInitContext, AutoCloseable {
    /** Starts tried by default on small data in EXACT mode (scikit-learn's {@code KMeans}: 10 for random starts). */
    static final int SMALL_DATA_RESTARTS = 10;
    /** Rows × k × dims up to which data counts as small: a pass then costs milliseconds. */
    static final double SMALL_DATA_WORK = 2e7;
    /** Feature ranges below this square to under 1e-280: distances lose all precision to underflow (1e-170 data: every distance 0). */
    static final double TINY_RANGE = 1e-140;
    /** What weighted sums and the inertia may reach, with headroom for rounding and summation order. */
    static final double HUGE = Double.MAX_VALUE / 64;

    private final BatchSource source;
    private final KMeansConfig config;
    private final ProgressListener listener;
    private final PassRunner passes;
    private DataSummary summary;
    private FitState resumeFrom;
    private CheckpointListener checkpoints;

    Fit(BatchSource source, KMeansConfig config, ProgressListener listener) {
        this.source = source instanceof ArraySource array ? array.inPlace()
                : source.rereading() == BatchSource.Rereading.PARSES ? new ParsedOnce(source, config.heapBudgetBytes())
                : source;
        this.config = config;
        this.listener = listener;
        this.passes = new PassRunner(config.threads(), config.batchSize());
    }

    /**
     * Makes this (an EXACT fit) continue from {@code resumeFrom} (null: from the start) and hand
     * its state to {@code checkpoints} (null: nobody) after every pass.
     */
    Fit resumable(FitState resumeFrom, CheckpointListener checkpoints) {
        this.resumeFrom = resumeFrom;
        this.checkpoints = checkpoints;
        return this;
    }

    /** The whole fit; {@code labelsOut}, when given, receives each row's final label. */
    KMeansModel run(int[] labelsOut) throws IOException {
        summarize();
        if (resumeFrom != null) {
            resumeFrom.checkMatches(source.name(), options(), summary);
            return new ExactLloyd(this).fit(resumeFrom.restarts().stream().map(Restart.Saved::start).toList(), labelsOut,
                    resumeFrom);
        }
        if (config.mode() == Mode.STOCHASTIC) {
            double[][] centers = bestStartOnSample();
            return new StochasticFit(this).fit(centers, labelsOut).toBuilder().initialCentroids(centers).build();
        }
        List<double[][]> starts = new ArrayList<>();
        SplittableRandom master = new SplittableRandom(config.seed());
        for (int r = restarts(); r > 0; r--) {
            starts.add(config.initializer().initialCenters(this, config.k(), master.split()));
        }
        return new ExactLloyd(this).fit(starts, labelsOut, null);
    }

    /** The settings a checkpoint must find again: those that decide the result (not threads, batch size or memory). */
    private String options() {
        return "k=" + config.k() + ", init=" + config.initializer().name() + ", restarts=" + restarts() + ", max-iter="
                + config.maxIterations() + ", tol=" + config.tolerance() + ", seed=" + config.seed() + ", sample-size="
                + config.sampleSize() + ", pruning=" + (config.pruning() == KMeansConfig.Pruning.OFF ? "off" : "on");
    }

    /** Hands the state after a pass to the checkpoint listener, if any. */
    void checkpoint(int iteration, int finals, List<Restart> runs) throws IOException {
        if (checkpoints != null) {
            checkpoints.onCheckpoint(new FitState(options(), source.name(), summary, iteration, finals,
                    runs.stream().map(Restart::save).toList()));
        }
    }

    /**
     * The statistics pass and the initializer: the centers a fit would start from (with restarts,
     * the start whose inertia on the sample is lowest).
     */
    double[][] initialize() throws IOException {
        summarize();
        return bestStartOnSample();
    }

    private void summarize() throws IOException {
        summary = summarize(source, config.sampleSize(), config.seed(), passes, listener);
        passes.expectRows(summary.rows());
        checkFeasible();
    }

    /**
     * How many starts: as configured, else the initializer's default — raised to
     * {@link #SMALL_DATA_RESTARTS} in EXACT mode for randomized initializers when a pass is cheap
     * (rows × k × dims at most {@link #SMALL_DATA_WORK}), where a poor local optimum is the main risk
     * and restarts cost little.
     */
    int restarts() {
        if (!config.initializer().randomized()) {
            return 1; // the same centers every time
        }
        if (config.nInit().isPresent()) {
            return config.nInit().getAsInt();
        }
        int restarts = config.initializer().defaultRestarts();
        boolean cheap = (double) summary.rows() * config.k() * source.dimensions() <= SMALL_DATA_WORK;
        return config.mode() == Mode.EXACT && cheap && config.initializer().randomized()
                ? Math.max(restarts, SMALL_DATA_RESTARTS) : restarts;
    }

    /** The statistics pass over {@code source}. */
    static DataSummary summarize(BatchSource source, int sampleSize, long seed, PassRunner passes, ProgressListener listener)
            throws IOException {
        SummaryTask task = new SummaryTask(source.dimensions(), sampleSize, seed);
        long total = source.rows().orElse(-1);
        DataSummary summary = passes.run(source, task,
                rows -> listener.onProgress(new ProgressEvent(Stage.SUMMARY, 1, rows, total, Double.NaN, false))).toSummary();
        listener.onProgress(new ProgressEvent(Stage.SUMMARY, 1, summary.rows(), summary.rows(), Double.NaN, true));
        return summary;
    }

    private void checkFeasible() {
        if (summary.rows() == 0) {
            throw new InvalidInputException(source.name() + ": empty input (no data rows)");
        }
        if (summary.totalWeight() == 0) {
            throw new InvalidInputException(source.name() + ": total weight is zero");
        }
        if (config.k() > summary.positiveRows()) {
            throw new InvalidInputException("k = " + config.k() + " is larger than the number of rows"
                    + (summary.positiveRows() < summary.rows() ? " with positive weight" : "")
                    + " (" + summary.positiveRows() + ") in " + source.name());
        }
        checkRange();
    }

    /**
     * Refuses data whose arithmetic cannot be done in double precision, before any work: centroids
     * lie in the data's box, so every squared distance is at most dims · range² and every weighted
     * sum at most totalWeight · largest |value|.
     */
    private void checkRange() {
        double range = summary.widestRange();
        if (range > 0 && range < TINY_RANGE) {
            throw new InvalidInputException(source.name() + ": no feature's values differ by more than " + range
                    + ": squared distances underflow double precision; rescale the data (multiply it by a large factor)");
        }
        double inertiaBound = summary.totalWeight() * source.dimensions() * range * range;
        double sumBound = summary.totalWeight() * summary.largestMagnitude();
        if (!(inertiaBound < HUGE && sumBound < HUGE)) {
            throw new InvalidInputException(source.name() + ": values up to " + summary.largestMagnitude() + " with a total weight of "
                    + summary.totalWeight() + " overflow double precision in squared distances or sums; rescale the data or the weights");
        }
    }

    /** Runs the initializer {@link #restarts()} times and keeps the centers with the lowest inertia on the sample. */
    private double[][] bestStartOnSample() throws IOException {
        SplittableRandom master = new SplittableRandom(config.seed());
        int restarts = restarts();
        double[][] best = null;
        double bestInertia = Double.POSITIVE_INFINITY;
        for (int r = 0; r < restarts; r++) {
            double[][] centers = config.initializer().initialCenters(this, config.k(), master.split());
            double inertia = restarts == 1 ? 0 : sampleInertia(summary.sample(), centers);
            if (best == null || inertia < bestInertia) {
                best = centers;
                bestInertia = inertia;
            }
        }
        return best;
    }

    private double sampleInertia(Sample sample, double[][] centers) {
        Kernel kernel = Kernels.create(centers, summary.mean());
        BlockLabels block = new BlockLabels(kernel, PassRunner.BLOCK_ROWS, false);
        double inertia = 0;
        for (int from = 0; from < sample.size(); from += PassRunner.BLOCK_ROWS) {
            int to = Math.min(sample.size(), from + PassRunner.BLOCK_ROWS);
            block.assign(sample.data(), from, to);
            for (int i = from; i < to; i++) {
                inertia += sample.weights()[i] * block.squaredDistance(i - from);
            }
        }
        return inertia;
    }

    /** The kernel for {@code centers}, measured from the data's mean. */
    Kernel kernel(double[][] centers) {
        return Kernels.create(centers, summary.mean());
    }

    /** One unpruned assignment pass of {@code centers}, reporting its progress as pass {@code number} of {@code stage}. */
    ClusterStatistics lloydPass(Stage stage, int number, double[][] centers, int[] labelsOut) throws IOException {
        return LloydTask.pass(passes, source, kernel(centers), labelsOut,
                rows -> listener.onProgress(new ProgressEvent(stage, number, rows, summary.rows(), Double.NaN, false)));
    }

    KMeansConfig config() {
        return config;
    }

    /** What is left of the heap budget once parsed rows are kept. */
    @Override
    public long scratchBudgetBytes() {
        return Math.max(0, config.heapBudgetBytes() - (source instanceof ParsedOnce parsed ? parsed.residentBytes() : 0));
    }

    /** Deletes the spill file of kept rows, if any. */
    @Override
    public void close() {
        if (source instanceof ParsedOnce parsed) {
            parsed.close();
        }
    }

    DataSummary summary() {
        return summary;
    }

    ProgressListener listener() {
        return listener;
    }

    // ---- StreamingInitContext ----

    @Override
    public PassRunner passes() {
        return passes;
    }

    @Override
    public void progress(int pass, long rowsDone, double cost, boolean finished) {
        listener.onProgress(new ProgressEvent(Stage.INITIALIZATION, pass, rowsDone, summary.rows(), cost, finished));
    }

    @Override
    public int dimensions() {
        return source.dimensions();
    }

    @Override
    public long rows() {
        return summary.rows();
    }

    @Override
    public double totalWeight() {
        return summary.totalWeight();
    }

    @Override
    public double[] mean() {
        return summary.mean().clone();
    }

    @Override
    public double[] variance() {
        return summary.variance().clone();
    }

    @Override
    public Sample sample() {
        return summary.sample();
    }

    @Override
    public BatchSource source() {
        return source;
    }
}
