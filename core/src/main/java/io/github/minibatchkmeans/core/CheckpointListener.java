package io.github.minibatchkmeans.core;

import java.io.IOException;

/**
 * Receives the state of an EXACT fit after every pass, to save it (atomically: write elsewhere,
 * then rename) so that a killed fit can continue with
 * {@link MiniBatchKMeans#fit(io.github.minibatchkmeans.core.spi.BatchSource, FitState, CheckpointListener)}.
 */
@FunctionalInterface
public interface CheckpointListener {
    /**
     * Saves {@code state}, taken after a pass; a failure ends the fit.
     *
     * @param state the fit's state after the pass
     * @throws IOException when the state cannot be saved
     */
    void onCheckpoint(FitState state) throws IOException;
}
