package io.github.minibatchkmeans.core;

/** Hears {@link ProgressEvent}s on the engine's thread; keep it fast. */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = event -> { };

    void onProgress(ProgressEvent event);
}
