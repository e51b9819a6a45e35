package io.github.minibatchkmeans.core.engine;

import io.github.minibatchkmeans.core.engine.ProgressEvent.Stage;
import io.github.minibatchkmeans.core.pass.PassRunner;
import io.github.minibatchkmeans.core.source.BatchSource;
import io.github.minibatchkmeans.core.stats.ClusterStatistics;
import io.github.minibatchkmeans.core.stats.DataSummary;
import java.io.IOException;

/** What every mode's loop works with: the data, the configuration, what the statistics pass learned, the passes. */
record FitContext(BatchSource source, KMeansConfig config, DataSummary summary, PassRunner passes,
                  ProgressListener listener) {

    /** One assignment pass of {@code centers}, reported as pass {@code number} of {@code stage}. */
    ClusterStatistics lloydPass(Stage stage, int number, double[][] centers, int farthest) throws IOException {
        ClusterStatistics stats = LloydTask.pass(passes, source, centers, farthest,
                rows -> listener.onProgress(new ProgressEvent(stage, number, rows, summary.rows(), Double.NaN, false)));
        listener.onProgress(new ProgressEvent(stage, number, summary.rows(), summary.rows(), stats.inertia(), true));
        return stats;
    }
}
