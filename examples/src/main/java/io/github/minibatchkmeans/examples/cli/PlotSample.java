package io.github.minibatchkmeans.examples.cli;

import io.github.minibatchkmeans.core.engine.KMeansConfig;
import io.github.minibatchkmeans.core.engine.KMeansEngine;
import io.github.minibatchkmeans.core.engine.ProgressListener;
import io.github.minibatchkmeans.core.model.KMeansModel;
import io.github.minibatchkmeans.core.pass.PassRunner;
import io.github.minibatchkmeans.core.source.BatchSource;
import java.io.IOException;
import java.io.OutputStream;

/** Draws a fit's picture from a fresh uniform sample of the data (one more pass). */
final class PlotSample {
    /** Points in the scatter: enough to see the clusters, few enough to see each point. */
    static final int SAMPLE_ROWS = 3000;

    private PlotSample() {
    }

    static void write(KMeansModel model, BatchSource source, KMeansConfig config, OutputStream out) throws IOException {
        try (PassRunner passes = new PassRunner(config.threads(), config.batchSize())) {
            var sample = KMeansEngine.summarize(source, SAMPLE_ROWS, config.seed(), passes, ProgressListener.NONE).sample();
            FitPlot.write(model, sample, out);
        }
    }
}
