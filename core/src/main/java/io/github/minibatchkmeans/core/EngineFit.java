package io.github.minibatchkmeans.core;

import io.github.minibatchkmeans.core.ProgressEvent.Stage;
import io.github.minibatchkmeans.core.internal.init.KMeansParallel;
import io.github.minibatchkmeans.core.spi.BatchSource;
import io.github.minibatchkmeans.core.spi.InitContext;
import io.github.minibatchkmeans.core.spi.InvalidInputException;
import io.github.minibatchkmeans.core.spi.Sample;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A fit whose passes a {@link PassEngine} runs where the data is, the driver holding O(k·d): a
 * statistics pass (the spread about the mean and a uniform sample), seeding — k-means|| in
 * distributed rounds, any other initializer on the sample — then EXACT Lloyd iterations, one pass
 * each (merged sums / merged weights, empty clusters moved to the farthest rows, convergence as
 * {@link ExactLloyd}'s), or STOCHASTIC steps, each one pass over a Bernoulli sample of about
 * {@code batchSize} rows moved by the online update, stopped as {@link StochasticFit} stops;
 * finally one pass for the returned centroids' sizes and inertia.
 */
final class EngineFit {
    private final KMeansConfig config;
    private final PassEngine engine;
    private final ProgressListener listener;
    private long rows;

    EngineFit(KMeansConfig config, PassEngine engine, ProgressListener listener) {
        this.config = config;
        this.engine = engine;
        this.listener = listener;
    }

    KMeansModel run() {
        int dims = engine.dimensions();
        double[] mean = engine.mean();
        int sampleSize = config.sampleSize();
        long seed = config.seed();
        PassStatistics summary = engine.pass(new double[][] {mean}, (c, o) -> PassStatistics.withSample(c, o, sampleSize, seed));
        rows = summary.rows();
        double weight = summary.weights()[0];
        Sample sample = sampleOf(summary);
        if (sample.size() < config.k()) {
            throw new InvalidInputException("k = " + config.k() + " clusters need at least k rows of positive weight; the data have "
                    + sample.size());
        }
        report(Stage.SUMMARY, 1, Double.NaN);
        double meanVariance = summary.inertia() / weight / dims; // Σ w‖x − mean‖² / W is the sum of the features' variances
        double[][] start = seed(summary, sample, mean);
        return config.mode() == Mode.STOCHASTIC ? stochastic(start, meanVariance) : exact(start, meanVariance);
    }

    private KMeansModel exact(double[][] start, double meanVariance) {
        double[][] centers = start;
        List<IterationRecord> history = new ArrayList<>();
        PassStatistics pass = null;
        ExactLloyd.Verdict verdict = ExactLloyd.Verdict.CONTINUE;
        for (int iteration = 1; verdict == ExactLloyd.Verdict.CONTINUE; iteration++) {
            pass = engine.pass(centers, PassStatistics::of);
            int empty = pass.emptyClusters();
            if (empty > 0) { // scikit-learn's rule: one more pass finds the farthest rows to move onto
                pass.relocateEmptyClusters(engine.pass(centers, (c, o) -> PassStatistics.withFarthest(c, o, empty + c.length)));
            }
            double[][] next = pass.means();
            double shift = ExactLloyd.squaredShift(centers, next);
            history.add(new IterationRecord(pass.inertia(), shift));
            report(Stage.ITERATION, iteration, pass.inertia());
            centers = next;
            verdict = ExactLloyd.verdict(shift, iteration, config, meanVariance);
        }
        boolean converged = verdict == ExactLloyd.Verdict.FIXED_POINT || verdict == ExactLloyd.Verdict.CONVERGED;
        return model(Mode.EXACT, start, centers, verdict == ExactLloyd.Verdict.FIXED_POINT ? pass : null, history, converged);
    }

    private KMeansModel stochastic(double[][] start, double meanVariance) {
        int batch = (int) Math.min(config.batchSize(), rows);
        double fraction = Math.min(1.0, (double) batch / rows);
        MiniBatchConvergence convergence = new MiniBatchConvergence(batch, rows, config.stochastic().maxNoImprovement(),
                config.tolerance() * meanVariance);
        int k = config.k();
        double[][] centers = start;
        List<IterationRecord> history = new ArrayList<>();
        boolean converged = false;
        try (MiniBatchKMeans online = new MiniBatchKMeans(config)) {
            for (int step = 1; step <= config.maxIterations() && !converged; step++) {
                long stepSeed = config.seed() + step;
                PassStatistics sampled = engine.pass(centers,
                        (c, o) -> PassStatistics.withSample(c, o, k, stepSeed).bernoulli(fraction, stepSeed));
                double weight = Arrays.stream(sampled.weights()).sum();
                if (weight == 0) {
                    continue;
                }
                double[][] next = online.partialFit(sampled).model().centroids();
                double shift = ExactLloyd.squaredShift(centers, next);
                history.add(new IterationRecord(sampled.inertia(), shift));
                report(Stage.ITERATION, step, sampled.inertia());
                centers = next;
                converged = convergence.update(sampled.inertia() / weight, shift);
            }
        }
        return model(Mode.STOCHASTIC, start, centers, null, history, converged);
    }

    private KMeansModel model(Mode mode, double[][] start, double[][] centers, PassStatistics measured,
                              List<IterationRecord> history, boolean converged) {
        PassStatistics last = measured != null ? measured : engine.pass(centers, PassStatistics::of);
        report(Stage.FINAL, 1, last.inertia());
        return KMeansModel.builder(centers).mode(mode).sizes(last.weights()).inertia(last.inertia()).iterations(history.size())
                .converged(converged).history(history).initialCentroids(start).build();
    }

    /** The initializer's centers: k-means|| runs its rounds as passes; any other draws from the sample. */
    private double[][] seed(PassStatistics summary, Sample sample, double[] mean) {
        SplittableRandom random = new SplittableRandom(config.seed());
        if (config.initializer() instanceof KMeansParallel parallel) {
            return kMeansParallel(parallel, sample, random);
        }
        try {
            return config.initializer().initialCenters(new SampleContext(summary, sample, mean), config.k(), random.split());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // the sample is in memory: no I/O happens
        }
    }

    /**
     * k-means|| (Bahmani et al. 2012): each round draws ℓ new candidates with probability ∝ w·D²
     * to the candidates so far, in one pass; one more pass weighs every candidate by the rows
     * nearest to it; weighted greedy k-means++ over them picks k — as the streaming form does.
     */
    private double[][] kMeansParallel(KMeansParallel parallel, Sample sample, SplittableRandom random) {
        int ell = parallel.oversampling(config.k());
        List<double[]> pool = new ArrayList<>(List.of(KMeansParallel.firstCandidate(sample, random)));
        long seed = random.nextLong();
        for (int round = 1; round <= parallel.rounds(); round++) {
            long roundSeed = seed + round;
            PassStatistics drawn = engine.pass(pool.toArray(double[][]::new),
                    (c, o) -> PassStatistics.withDistanceSample(c, o, ell, roundSeed));
            report(Stage.INITIALIZATION, round, drawn.inertia());
            if (drawn.inertia() == 0) {
                break; // every row sits on a candidate already
            }
            pool.addAll(List.of(drawn.keptRows()));
        }
        double[][] candidates = pool.toArray(double[][]::new);
        double[] weights = engine.pass(candidates, PassStatistics::of).weights();
        return KMeansParallel.fromCandidates(candidates, weights, config.k(), random);
    }

    private static Sample sampleOf(PassStatistics summary) {
        double[][] kept = summary.keptRows();
        int dims = summary.dimensions();
        double[] data = new double[kept.length * dims];
        for (int i = 0; i < kept.length; i++) {
            System.arraycopy(kept[i], 0, data, i * dims, dims);
        }
        return new Sample(dims, data, summary.keptWeights(), new long[kept.length]);
    }

    private void report(Stage stage, int pass, double inertia) {
        listener.onProgress(new ProgressEvent(stage, pass, rows, rows, inertia, true));
    }

    /** What an initializer sees of engine-held data: the counts, the mean, and the sample (its variances estimated on it). */
    private record SampleContext(PassStatistics summary, Sample sample, double[] mean) implements InitContext {
        @Override
        public int dimensions() {
            return sample.dims();
        }

        @Override
        public long rows() {
            return summary.rows();
        }

        @Override
        public double totalWeight() {
            return summary.weights()[0];
        }

        @Override
        public double[] variance() {
            int dims = sample.dims();
            double[] variance = new double[dims];
            double total = 0;
            for (int i = 0; i < sample.size(); i++) {
                double w = sample.weights()[i];
                total += w;
                for (int j = 0; j < dims; j++) {
                    double d = sample.data()[i * dims + j] - mean[j];
                    variance[j] += w * d * d;
                }
            }
            for (int j = 0; j < dims; j++) {
                variance[j] /= total;
            }
            return variance;
        }

        @Override
        public BatchSource source() {
            return ArraySource.ofFlat(sample.data(), sample.dims(), sample.weights());
        }
    }
}
