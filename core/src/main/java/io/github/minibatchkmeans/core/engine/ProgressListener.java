package io.github.minibatchkmeans.core.engine;

/** Hears {@link ProgressEvent}s on the engine's thread; keep it fast. */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = event -> { };

    void onProgress(ProgressEvent event);
}
