package io.github.minibatchkmeans.core.internal.engine;

import io.github.minibatchkmeans.core.internal.stats.DataSummary;

/** What every loop of a fit shares once the statistics pass is done: where the rows are, the settings, the data's figures. */
record FitContext(DataPasses passes, Settings settings, DataSummary summary, Progress progress) {
}
