package io.github.minibatchkmeans.core;

/** Hears {@link ProgressEvent}s on the engine's thread; keep it fast. */
@FunctionalInterface
public interface ProgressListener {
    /**
     * Hears nothing.
     */
    ProgressListener NONE = event -> { };

    /**
     * Called at the start, during and at the end of every pass.
     *
     * @param event what happened
     */
    void onProgress(ProgressEvent event);
}
