package io.github.minibatchkmeans.core.internal.engine;

import io.github.minibatchkmeans.core.internal.kernel.BlockLabels;
import io.github.minibatchkmeans.core.internal.kernel.Kernel;
import io.github.minibatchkmeans.core.internal.kernel.Kernels;
import io.github.minibatchkmeans.core.internal.pass.PassRunner;
import io.github.minibatchkmeans.core.internal.rows.DenseRows;
import io.github.minibatchkmeans.core.internal.rows.RowFormat;
import io.github.minibatchkmeans.core.internal.stats.DataSummary;
import io.github.minibatchkmeans.core.spi.InvalidInputException;
import io.github.minibatchkmeans.core.spi.Sample;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The first steps of every fit: the <em>statistics pass</em> (rows, weight, per-feature means and
 * variances — the scale of the tolerance — and a uniform sample), the checks that the data can be
 * fitted at all, and the starts the initializer chooses, as many as the restart rule asks for.
 */
final class Initialization {
    /** Starts tried by default on small data in EXACT mode (scikit-learn's {@code KMeans}: 10 for random starts). */
    static final int SMALL_DATA_RESTARTS = 10;
    /** Rows × k × dims up to which data counts as small: a pass then costs milliseconds. */
    static final double SMALL_DATA_WORK = 2e7;
    /** Feature ranges below this square to under 1e-280: distances lose all precision to underflow (1e-170 data: every distance 0). */
    static final double TINY_RANGE = 1e-140;
    /** What weighted sums and the inertia may reach, with headroom for rounding and summation order. */
    static final double HUGE = Double.MAX_VALUE / 64;

    private Initialization() {
    }

    /** The statistics pass over {@code passes}, and the checks that the data can be fitted. */
    static FitContext summarize(DataPasses passes, Settings settings, Progress progress) throws IOException {
        return summarize(passes, settings, progress, 0);
    }

    /**
     * As {@link #summarize(DataPasses, Settings, Progress)}, keeping at least {@code sampleRows}
     * rows in the sample (a sweep's silhouette); the seeding sample is then its prefix of
     * {@link #seedingRows} rows — the same rows, in the same order, as a sample of that size.
     */
    static FitContext summarize(DataPasses passes, Settings settings, Progress progress, int sampleRows) throws IOException {
        FitContext fit = new FitContext(passes, settings, passes.summarize(Math.max(seedingRows(passes, settings), sampleRows),
                settings.seed(), progress), progress);
        checkFeasible(fit);
        return fit;
    }

    /** The rows of the sample the initializer sees: none when it uses none. */
    static int seedingRows(DataPasses passes, Settings settings) {
        return settings.initializer().usesSample() ? settings.sampleRows(passes.dimensions(), Runtime.getRuntime().maxMemory()) : 0;
    }

    /** The centers a fit over {@code passes} would start from, without iterating. */
    static double[][] initialCenters(DataPasses passes, Settings settings, Progress progress, boolean exact) throws IOException {
        return bestStartOnSample(summarize(passes, settings, progress), exact);
    }

    private static void checkFeasible(FitContext fit) {
        DataSummary summary = fit.summary();
        Settings settings = fit.settings();
        DataPasses passes = fit.passes();
        String name = passes.name();
        if (summary.rows() == 0) {
            throw new InvalidInputException(name + ": empty input (no data rows)");
        }
        if (summary.totalWeight() == 0) {
            throw new InvalidInputException(name + ": total weight is zero");
        }
        if (settings.k() > summary.positiveRows()) {
            throw new InvalidInputException("k = " + settings.k() + " is larger than the number of rows"
                    + (summary.positiveRows() < summary.rows() ? " with positive weight" : "")
                    + " (" + summary.positiveRows() + ") in " + name);
        }
        checkRange(fit);
    }

    /**
     * Refuses data whose arithmetic cannot be done in double precision, before any work: centroids
     * lie in the data's box, so every squared distance is at most dims · range² and every weighted
     * sum at most totalWeight · largest |value|.
     */
    private static void checkRange(FitContext fit) {
        DataSummary summary = fit.summary();
        DataPasses passes = fit.passes();
        double range = summary.widestRange();
        String name = passes.name();
        if (range > 0 && range < TINY_RANGE) {
            throw new InvalidInputException(name + ": no feature's values differ by more than " + range
                    + ": squared distances underflow double precision; rescale the data (multiply it by a large factor)");
        }
        double inertiaBound = summary.totalWeight() * passes.dimensions() * range * range;
        double sumBound = summary.totalWeight() * summary.largestMagnitude();
        if (!(inertiaBound < HUGE && sumBound < HUGE)) {
            throw new InvalidInputException(name + ": values up to " + summary.largestMagnitude() + " with a total weight of "
                    + summary.totalWeight() + " overflow double precision in squared distances or sums; rescale the data or the weights");
        }
    }

    /**
     * How many starts: as configured, else the initializer's default — raised to
     * {@link #SMALL_DATA_RESTARTS} in EXACT mode for randomized initializers when a pass is cheap
     * (rows × k × dims at most {@link #SMALL_DATA_WORK}), where a poor local optimum is the main risk
     * and restarts cost little.
     */
    static int restarts(FitContext fit, boolean exact) {
        return restarts(fit.settings(), fit.summary().rows(), fit.passes().dimensions(), exact);
    }

    /** The starts a fit of {@code rows} rows of {@code dims} columns tries (see {@link Settings#nInit}). */
    static int restarts(Settings settings, long rows, int dims, boolean exact) {
        if (!settings.initializer().randomized()) {
            return 1; // the same centers every time
        }
        if (settings.nInit() > 0) {
            return settings.nInit();
        }
        int restarts = settings.initializer().defaultRestarts();
        boolean cheap = (double) rows * settings.k() * dims <= SMALL_DATA_WORK;
        return exact && cheap ? Math.max(restarts, SMALL_DATA_RESTARTS) : restarts;
    }

    /** Every start an exact fit iterates: the initializer run {@link #restarts} times. */
    static List<double[][]> starts(FitContext fit) throws IOException {
        List<double[][]> starts = new ArrayList<>();
        SplittableRandom master = new SplittableRandom(fit.settings().seed());
        Seeding seeding = new Seeding(fit.passes(), fit.summary(), fit.progress());
        for (int r = restarts(fit, true); r > 0; r--) {
            starts.add(checkCenters(fit, fit.settings().initializer().initialCenters(seeding, fit.settings().k(), master.split())));
        }
        return starts;
    }

    /** {@code centers} if they are k rows of the data's width, as an initializer must return. */
    private static double[][] checkCenters(FitContext fit, double[][] centers) {
        Settings settings = fit.settings();
        DataPasses passes = fit.passes();
        String who = "initializer " + settings.initializer().name();
        if (centers == null || centers.length != settings.k()) {
            throw new IllegalStateException(who + " returned " + (centers == null ? "null" : centers.length + " centers") + " for k = "
                    + settings.k());
        }
        for (double[] c : centers) {
            if (c == null || c.length != passes.dimensions()) {
                throw new IllegalStateException(who + " returned a center of " + (c == null ? "no" : c.length) + " values for "
                        + passes.dimensions() + " features");
            }
        }
        String nominal = settings.nominal().problem(passes.dimensions());
        if (nominal != null) {
            throw new SettingRejected("nominal", nominal);
        }
        if (settings.geometry().preparesRows() || !settings.nominal().isEmpty()) { // start where the centroids live
            double[][] prepared = new double[centers.length][];
            for (int c = 0; c < centers.length; c++) {
                prepared[c] = centers[c].clone();
            }
            settings.geometry().finish(prepared);
            settings.nominal().finish(prepared);
            return prepared;
        }
        return centers;
    }

    /** Runs the initializer {@link #restarts} times and keeps the centers with the lowest inertia on the sample. */
    static double[][] bestStartOnSample(FitContext fit, boolean exact) throws IOException {
        Settings settings = fit.settings();
        DataSummary summary = fit.summary();
        SplittableRandom master = new SplittableRandom(settings.seed());
        int restarts = restarts(fit, exact);
        Seeding seeding = new Seeding(fit.passes(), summary, fit.progress());
        double[][] best = null;
        double bestInertia = Double.POSITIVE_INFINITY;
        for (int r = 0; r < restarts; r++) {
            double[][] centers = checkCenters(fit, settings.initializer().initialCenters(seeding, settings.k(), master.split()));
            double inertia = restarts == 1 ? 0 : sampleInertia(fit, summary.sample(), centers);
            if (best == null || inertia < bestInertia) {
                best = centers;
                bestInertia = inertia;
            }
        }
        return best;
    }

    private static double sampleInertia(FitContext fit, Sample sample, double[][] centers) {
        DataSummary summary = fit.summary();
        Kernel kernel = Kernels.create(centers, summary.mean(), RowFormat.DENSE, fit.settings().geometry());
        double[] squared = new double[sample.size()];
        new BlockLabels(kernel, PassRunner.BLOCK_ROWS, false).assignAll(DenseRows.of(sample.data(), sample.weights(), sample.dims()),
                sample.size(), null, squared);
        double inertia = 0;
        for (int i = 0; i < squared.length; i++) {
            inertia += sample.weights()[i] * squared[i];
        }
        return inertia;
    }
}
