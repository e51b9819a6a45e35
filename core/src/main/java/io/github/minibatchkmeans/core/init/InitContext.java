package io.github.minibatchkmeans.core.init;

import io.github.minibatchkmeans.core.engine.ProgressListener;
import io.github.minibatchkmeans.core.pass.PassRunner;
import io.github.minibatchkmeans.core.source.BatchSource;
import io.github.minibatchkmeans.core.stats.DataSummary;

/**
 * What an initializer may use: the summary with its in-memory sample, and — for initializers
 * that stream, such as k-means|| — the source and the pass runner.
 */
public record InitContext(BatchSource source, DataSummary summary, PassRunner passes, ProgressListener listener) {

    public int dims() {
        return summary.dims();
    }
}
