package io.github.minibatchkmeans.core.spi;

import java.io.IOException;
import java.util.OptionalLong;

/**
 * A re-iterable stream of mini-batches with per-row weights: dense and row-major, or sparse
 * ({@link #sparse()}). Each pass calls
 * {@link #open()} and gets a fresh reader, so the data never has to fit in memory.
 *
 * <p>Implement this to feed k-means from anything that yields rows: a file format, a database
 * cursor, a toolkit's data set. Readers report malformed data with {@link InvalidInputException}
 * naming the place.
 */
public interface BatchSource {
    /**
     * The most features a row may have: every centroid and per-feature statistic is that wide, so
     * wider data (a stray index of 2^31 in a text file) is refused where it is read.
     */
    int MAX_FEATURES = 1 << 24;

    /**
     * Number of features per row.
     *
     * @return the columns of every row
     */
    int dimensions();

    /**
     * True if the rows are sparse — text features, one-hot codes — and its readers deliver them
     * through {@link BatchReader#readSparse} (as well as densely, through
     * {@link BatchReader#read}). The fit then holds rows in compressed sparse row form, never
     * densified: memory and time follow the non-zero values, not the width.
     *
     * @return whether the readers deliver sparse rows
     */
    default boolean sparse() {
        return false;
    }

    /**
     * True if the rows are float32 values — images, embeddings, a {@code .npy} written from a
     * PyTorch tensor — and its readers deliver them through {@link BatchReader#readFloats} (as well
     * as widened to doubles, through {@link BatchReader#read}). The fit then holds them as float32 —
     * half the memory and memory traffic — and widens each value exactly as it computes, so the
     * result is the very one the same values as doubles give. (Under the cosine metric rows are
     * scaled to unit length, which float32 would round: they are held as doubles.)
     *
     * @return whether the readers deliver float32 rows
     */
    default boolean float32() {
        return false;
    }

    /**
     * Opens a new pass over the rows, from the first row.
     *
     * @return a reader positioned at the first row
     * @throws IOException when the data cannot be opened
     */
    BatchReader open() throws IOException;

    /**
     * Opens a new pass whose reader may use {@code threads} (the fit's, on the core's pool) — to
     * parse text in parallel, say. The default ignores them.
     *
     * @param threads threads the reader may use
     * @return a reader positioned at the first row
     * @throws IOException when the data cannot be opened
     */
    default BatchReader open(ReadThreads threads) throws IOException {
        return open();
    }

    /**
     * Short name for messages, such as the file name.
     *
     * @return the name
     */
    String name();

    /**
     * The number of rows, when known without reading them (sizes buffers and progress bars).
     *
     * @return the row count, or empty
     */
    default OptionalLong rows() {
        return OptionalLong.empty();
    }

    /**
     * How costly another pass over the rows is; the estimator adapts to it.
     *
     * @return the cost of another pass
     */
    default Rereading rereading() {
        return Rereading.CHEAP;
    }

    /** What another pass over a source costs. */
    enum Rereading {
        /** Rows in memory that a reader copies out as fast as the estimator could keep them: every pass reads them again. */
        CHEAP,
        /**
         * Rows decoded or converted on every pass ({@code .npy} files, a toolkit's data set): the
         * estimator keeps the rows the first pass delivered in memory, within its budget, and reads
         * those after; past the budget, every pass reads the source again.
         */
        DECODES,
        /**
         * Text parsed again on every pass (CSV, ARFF): the estimator keeps the rows the first pass
         * parsed — in memory within its budget, else in a binary spill file — and reads those after.
         */
        PARSES,
        /** Rows that can be read only once (standard input, a one-shot stream): the one-pass learner is used. */
        ONCE
    }
}
