package io.github.minibatchkmeans.core.source;

import java.io.IOException;

/**
 * A re-iterable stream of dense, row-major mini-batches with per-row weights. Each pass calls
 * {@link #open()} and gets a fresh reader, so the data never has to fit in memory.
 */
public interface BatchSource {

    /** Number of features per row. */
    int dimensions();

    /** Opens a new pass over the rows, from the first row. */
    BatchReader open() throws IOException;

    /** Short name for messages, such as the file name. */
    String name();
}
