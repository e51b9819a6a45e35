package io.github.minibatchkmeans.core.internal.pass;

import io.github.minibatchkmeans.core.internal.rows.Rows;

/**
 * Blocks a pass takes from memory instead of reading them from the source. A supplied block holds
 * only the rows its task will look at; the values of its other rows are undefined. Seen by the
 * reader thread while tasks run, so what it hands out must not change during the pass.
 */
public interface BlockSupply {

    /** True if block {@code block} is to be filled from memory, not read. */
    boolean supplies(long block);

    /**
     * Copies the rows held of {@code [firstRow, firstRow + count)}, all in one supplied block, to
     * row {@code at} on of {@code rows}; leaves the others as they are.
     */
    void fill(long firstRow, int count, Rows rows, int at);
}
