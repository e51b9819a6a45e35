package io.github.minibatchkmeans.core.internal.engine;

import io.github.minibatchkmeans.core.internal.kernel.BlockLabels;
import io.github.minibatchkmeans.core.internal.kernel.Kernels;
import io.github.minibatchkmeans.core.internal.pass.PassRunner;
import io.github.minibatchkmeans.core.internal.rows.DenseRows;
import io.github.minibatchkmeans.core.internal.rows.RowFormat;
import io.github.minibatchkmeans.core.internal.stats.ClusterSpread;
import io.github.minibatchkmeans.core.internal.stats.DataSummary;
import io.github.minibatchkmeans.core.internal.stats.Silhouette;
import io.github.minibatchkmeans.core.spi.Sample;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A sweep over k: one statistics pass, then every k's exact fit — each with the starts a fit of
 * that k alone would take — iterated in the same passes ({@link ExactLloyd#runEach}), each block
 * read once per pass for all of them; then one pass measuring every model's clusters, and the
 * silhouette of every model on a uniform sample of the statistics pass's rows.
 */
public final class SweepRun {
    private SweepRun() {
    }

    /**
     * What a sweep found, by k (ascending): each fit, its clusters over every row, the silhouette on
     * {@code silhouetteRows} sampled rows, and the data's figures.
     */
    public record Result(int[] ks, List<FitResult> fits, List<ClusterSpread> spreads, double[] silhouettes, int silhouetteRows,
                         DataSummary summary) {
    }

    /**
     * Fits every k of {@code ks} (ascending) over {@code passes} with {@code settings} (whose k is
     * ignored); the silhouette is computed on at most {@code silhouetteRows} rows of the sample (fewer
     * where rows too wide for the heap's share for samples make it smaller).
     */
    public static Result run(DataPasses passes, Settings settings, int[] ks, int silhouetteRows, Progress progress)
            throws IOException {
        int kMax = ks[ks.length - 1];
        Settings widest = settings.withK(kMax);
        // wide rows: no more silhouette rows than the heap's share for samples holds (the report says how many were used)
        int scored = (int) Math.max(2, Math.min(silhouetteRows, widest.sampleRowsThatFit(passes.dimensions(),
                Runtime.getRuntime().maxMemory())));
        FitContext shared = Initialization.summarize(passes, widest, progress, scored);
        DataSummary seeding = withSample(shared.summary(), Initialization.seedingRows(passes, widest));
        List<Settings> each = new ArrayList<>(ks.length);
        List<List<double[][]>> starts = new ArrayList<>(ks.length);
        for (int k : ks) {
            Settings one = settings.withK(k);
            each.add(one);
            starts.add(Initialization.starts(new FitContext(passes, one, seeding, progress)));
        }
        List<FitResult> fits = new ExactLloyd(shared, null).runEach(each, starts);
        List<double[][]> models = fits.stream().map(FitResult::centroids).toList();
        List<ClusterSpread> spreads = passes.spread(models, progress);
        Sample sample = prefix(shared.summary().sample(), scored);
        List<int[]> labels = models.stream().map(centers -> labels(sample, centers, shared.summary(), settings)).toList();
        double[] silhouettes = Silhouette.of(sample.data(), sample.weights(), sample.size(), sample.dims(), labels, ks,
                settings.threads());
        return new Result(ks.clone(), fits, spreads, silhouettes, sample.size(), shared.summary());
    }

    /**
     * The first {@code rows} rows of {@code sample}: it is ordered by decreasing random key, so they
     * are exactly the sample a reservoir of {@code rows} would have kept.
     */
    static Sample prefix(Sample sample, int rows) {
        if (sample.size() <= rows) {
            return sample;
        }
        int d = sample.dims();
        return new Sample(d, Arrays.copyOf(sample.data(), rows * d), Arrays.copyOf(sample.weights(), rows),
                Arrays.copyOf(sample.rows(), rows));
    }

    /** {@code summary} with the first {@code rows} rows of its sample. */
    private static DataSummary withSample(DataSummary summary, int rows) {
        return new DataSummary(summary.rows(), summary.positiveRows(), summary.totalWeight(), summary.mean(), summary.variance(),
                summary.min(), summary.max(), prefix(summary.sample(), rows));
    }

    /** Each sampled row's nearest centroid among {@code centers}. */
    private static int[] labels(Sample sample, double[][] centers, DataSummary summary, Settings settings) {
        int[] labels = new int[sample.size()];
        new BlockLabels(Kernels.create(centers, summary.mean(), RowFormat.DENSE, settings.geometry()), PassRunner.BLOCK_ROWS, false)
                .assignAll(DenseRows.of(sample.data(), sample.weights(), sample.dims()), sample.size(), labels, null);
        return labels;
    }
}
