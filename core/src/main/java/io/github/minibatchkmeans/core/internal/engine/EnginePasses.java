package io.github.minibatchkmeans.core.internal.engine;

import io.github.minibatchkmeans.core.internal.metric.Geometry;
import io.github.minibatchkmeans.core.internal.metric.NominalModes;
import io.github.minibatchkmeans.core.internal.stats.ClusterSpread;
import io.github.minibatchkmeans.core.internal.stats.DataSummary;
import io.github.minibatchkmeans.core.internal.stats.PassOutcome;
import io.github.minibatchkmeans.core.spi.InvalidInputException;
import io.github.minibatchkmeans.core.spi.PassEngine;
import io.github.minibatchkmeans.core.spi.PassStatistics;
import io.github.minibatchkmeans.core.spi.Sample;
import java.util.ArrayList;
import java.util.List;

/**
 * The passes of a fit run by a {@link PassEngine} where the data is (Spark partitions, other
 * machines): each pass ships a {@link GatheredStatistics} start, the engine folds its parts and
 * merges them. The driver holds O(k·d) plus the seeding sample. Every pass reads every row — no
 * pruning, no labels kept — and a stochastic epoch is a series of passes over Bernoulli samples
 * of about a batch of rows each.
 */
public final class EnginePasses implements DataPasses {
    private final PassEngine engine;
    private final Geometry geometry;
    /** What a missing value is; the nominal attributes whose fills are their modes. */
    private final Settings.Missing missing;
    private final NominalModes nominal;
    /** What fills a missing value in every pass after the summary's first; null: none was missing. */
    private double[] fills;
    private DataSummary summary;
    /** The origin every pass measures from: the data's mean once known (0 for sparse rows). */
    private double[] origin;
    /** Stochastic steps taken so far, over all epochs: each step's draws have their own seed. */
    private long steps;

    /** Passes over {@code engine}'s rows as {@code settings} say: compared by the fit's metric, missing values filled in or refused. */
    public EnginePasses(PassEngine engine, Settings settings) {
        this.engine = engine;
        this.geometry = settings.geometry();
        this.missing = settings.missing();
        this.nominal = settings.nominal();
    }

    @Override
    public long missingValues() {
        return summary == null ? 0 : summary.missingValues();
    }

    @Override
    public int dimensions() {
        return engine.dimensions();
    }

    @Override
    public String name() {
        return "the engine's data";
    }

    /**
     * {@code start}'s statistics as every pass of this fit makes them: comparing rows by its metric,
     * filling missing values in — or, once the summary is done under ignore, leaving them out.
     */
    private PassStatistics.Start configured(PassStatistics.Start start) {
        Geometry metric = geometry;
        boolean leaving = missing == Settings.Missing.IGNORE && summary != null;
        double[] filling = leaving ? null : fills;
        return cs -> ((GatheredStatistics) start.create(cs)).comparing(metric).filling(filling).leavingOutMissing(leaving);
    }

    /** One engine pass; every part's statistics prepare and compare rows by the fit's metric. */
    private GatheredStatistics pass(double[][] centers, PassStatistics.Start start) {
        PassStatistics gathered = engine.pass(centers, configured(start));
        if (!(gathered instanceof GatheredStatistics statistics)) {
            throw new IllegalStateException("the engine returned statistics the core did not create: " + gathered);
        }
        return statistics;
    }

    /**
     * One engine pass for several fits at once ({@link GroupedStatistics}): each fit's centers, each
     * fit's statistics as {@code start} makes them — what a pass of its own would give.
     */
    private List<GatheredStatistics> passEach(List<double[][]> centers, PassStatistics.Start start) {
        if (centers.size() == 1) {
            return List.of(pass(centers.get(0), start));
        }
        int[] sizes = centers.stream().mapToInt(c -> c.length).toArray();
        double[][] all = centers.stream().flatMap(java.util.Arrays::stream).toArray(double[][]::new);
        PassStatistics gathered = engine.pass(all, GroupedStatistics.start(sizes, configured(start)));
        if (!(gathered instanceof GroupedStatistics group)) {
            throw new IllegalStateException("the engine returned statistics the core did not create: " + gathered);
        }
        return List.of(group.parts());
    }

    /**
     * Two passes: the weighted mean (sums from the origin 0, compensated, so the same bits for any
     * partitioning), then, from the mean, each feature's spread and range and a uniform sample.
     */
    @Override
    public DataSummary summarize(int sampleSize, long seed, Progress progress) {
        int dims = dimensions();
        double[] zero = new double[dims];
        boolean counting = missing != Settings.Missing.ERROR;
        GatheredStatistics sums = pass(new double[][] {zero}, centers -> counting ? GatheredStatistics.of(centers, zero)
                .countingMissing() : GatheredStatistics.of(centers, zero));
        long rows = sums.rows();
        if (rows == 0 || sums.weights()[0] == 0) {
            summary = new DataSummary(rows, 0, 0, zero, zero, zero, zero, new Sample(dims, new double[0], new double[0], new long[0]));
            return summary;
        }
        double[] mean = sums.means()[0];
        long[] missingCounts = sums.missingCounts();
        if (missingCounts != null && java.util.Arrays.stream(missingCounts).sum() > 0) { // each feature's mean over the rows that have it: what fills a missing value
            double[] present = sums.presentWeights();
            for (int j = 0; j < dims; j++) {
                if (!(present[j] > 0)) {
                    throw new InvalidInputException("feature " + j + " has no value to fill its missing values with");
                }
                mean[j] *= sums.weights()[0] / present[j];
            }
            fills = mean.clone();
            nominal.finish(new double[][] {fills});
        }
        // sparse rows are measured from 0, dense ones from their mean (where the squares do not cancel)
        double[] about = engine.sparse() ? zero : mean;
        GatheredStatistics spread = pass(new double[][] {about}, centers -> GatheredStatistics.summary(about, sampleSize, seed));
        GatheredStatistics.FeatureMoments moments = spread.moments();
        double weight = spread.weights()[0];
        double[] variance = new double[dims];
        for (int j = 0; j < dims; j++) {
            double shift = mean[j] - about[j];
            variance[j] = Math.max(0, moments.square(j) / weight - shift * shift);
        }
        double[][] kept = spread.keptRows();
        double[] data = new double[kept.length * dims];
        for (int i = 0; i < kept.length; i++) {
            System.arraycopy(kept[i], 0, data, i * dims, dims);
        }
        summary = new DataSummary(rows, moments.positive, weight, mean, variance, moments.min(), moments.max(),
                new Sample(dims, data, spread.keptWeights(), spread.keptIds()), fills, missingCounts,
                fills == null ? 0 : nominal.values(missingCounts));
        origin = about;
        progress.report(Stage.SUMMARY, 1, rows, rows, Double.NaN, true);
        return summary;
    }

    @Override
    public Track track(Settings settings, DataSummary data, int starts, boolean labels) {
        if (labels) {
            throw new IllegalStateException("the engine's rows are not labelled here");
        }
        return new Track() {
            @Override
            public void labelsInto(int[] out) {
                throw new IllegalStateException("the engine's rows are not labelled here");
            }

            @Override
            public void save(Checkpoint.Writer out) {
                throw new IllegalStateException("fits over an engine's data are not checkpointed");
            }

            @Override
            public void restore(Checkpoint.Reader in) {
                throw new IllegalStateException("fits over an engine's data are not checkpointed");
            }

            @Override
            public void close() {
            }
        };
    }

    /** One engine pass for every track; a track whose pass leaves clusters empty takes one more for its farthest rows. */
    @Override
    public List<PassOutcome> lloyd(List<Track> tracks, List<double[][]> centers, Stage stage, int number, Progress progress) {
        double[] from = origin;
        List<PassOutcome> outcomes = new ArrayList<>(tracks.size());
        List<GatheredStatistics> passes = passEach(centers, cs -> GatheredStatistics.of(cs, from));
        for (int t = 0; t < centers.size(); t++) {
            double[][] c = centers.get(t);
            GatheredStatistics statistics = passes.get(t);
            double inertia = statistics.inertia();
            int empty = statistics.emptyClusters();
            int relocated = 0;
            if (empty > 0 && stage != Stage.FINAL) { // scikit-learn's rule: one more pass finds the farthest rows to move onto
                relocated = statistics.relocateEmptyClusters(pass(c, cs -> GatheredStatistics.withFarthest(cs, from, empty + cs.length)));
            }
            outcomes.add(new PassOutcome(statistics.means(), statistics.weights(), inertia, 0, 0, relocated));
        }
        PassOutcome best = outcomes.stream().min((a, b) -> Double.compare(a.inertia(), b.inertia())).orElseThrow();
        progress.report(stage, number, summary.rows(), summary.rows(), best.inertia(), true, 0, 0, tracks.size());
        return outcomes;
    }

    @Override
    public Draw draw(double[][] centers, int count, long seed, Progress progress, int pass) {
        double[] from = origin;
        GatheredStatistics drawn = pass(centers, cs -> GatheredStatistics.withDistanceSample(cs, from, count, seed));
        progress.report(Stage.INITIALIZATION, pass, summary.rows(), summary.rows(), drawn.inertia(), true);
        return new Draw(drawn.keptRows(), drawn.weights(), drawn.inertia());
    }

    /**
     * An epoch of ⌈rows / batch⌉ steps, each a pass over a Bernoulli sample of about {@code batch}
     * rows (every row drawn with probability batch/rows, as a pure function of the step's seed and
     * its id), keeping a uniform sample of k of them for the reassignment of light centers.
     */
    @Override
    public void epoch(int epoch, Settings settings, Steps taker, Progress progress) {
        long rows = summary.rows();
        long batch = Math.min(settings.batchSize(), rows);
        double fraction = Math.min(1.0, (double) batch / rows);
        long perEpoch = (rows + batch - 1) / batch;
        double[] from = origin;
        int k = settings.k();
        for (long s = 0; s < perEpoch; s++) {
            long stepSeed = settings.seed() + ++steps;
            GatheredStatistics sampled = pass(taker.centers(),
                    cs -> GatheredStatistics.withSample(cs, from, k, stepSeed).bernoulli(fraction, stepSeed));
            if (sampled.rows() > 0 && !taker.take(sampled)) {
                return;
            }
        }
    }

    @Override
    public PassOutcome measure(double[][] centers, int[] labelsOut, Stage stage, Progress progress) {
        if (labelsOut != null) {
            throw new IllegalStateException("the engine's rows are not labelled here");
        }
        double[] from = origin;
        GatheredStatistics last = pass(centers, cs -> GatheredStatistics.of(cs, from));
        progress.report(stage, 1, summary.rows(), summary.rows(), last.inertia(), true);
        return new PassOutcome(centers, last.weights(), last.inertia(), 0, 0, 0);
    }

    /** One engine pass for every model. */
    @Override
    public List<ClusterSpread> spread(List<double[][]> models, Progress progress) {
        double[] from = origin;
        List<ClusterSpread> spreads = new ArrayList<>(models.size());
        for (GatheredStatistics pass : passEach(models, cs -> GatheredStatistics.of(cs, from).withSpread())) {
            spreads.add(new ClusterSpread(pass.weights(), pass.means(), pass.spread(), pass.inertia()));
        }
        progress.report(Stage.SCORES, 1, summary.rows(), summary.rows(), Double.NaN, true);
        return spreads;
    }

    @Override
    public void stream(RowConsumer rows) {
        throw new InvalidInputException("one-pass reads every row in order on one machine; an engine's data is fitted in "
                + "exact or stochastic mode");
    }

    @Override
    public void close() {
    }
}
