package io.github.minibatchkmeans.core.internal.init;

import io.github.minibatchkmeans.core.internal.pass.PassRunner;
import io.github.minibatchkmeans.core.spi.InitContext;

/** What an initializer that streams over the data (k-means||) gets from the engine besides the summary. */
public interface StreamingInitContext extends InitContext {

    /** The engine's pass runner: its threads and batch size. */
    PassRunner passes();

    /** Heap bytes per-row state may take before it moves to a scratch file. */
    long scratchBudgetBytes();

    /** Reports progress of initialization pass {@code pass}; {@code cost} is known when {@code finished}. */
    void progress(int pass, long rowsDone, double cost, boolean finished);
}
