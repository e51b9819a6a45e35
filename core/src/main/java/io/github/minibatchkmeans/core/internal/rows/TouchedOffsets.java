package io.github.minibatchkmeans.core.internal.rows;

import java.util.Arrays;

/**
 * Which offsets of a dense array (a block's k × d sums) have changed since the last
 * {@link #clear}, while only sparse rows were added into it: folding such an array into a total,
 * and clearing it, then costs what was added — O(non-zeros) — instead of O(k·d) per block. Any
 * other change makes the record incomplete, and the owner falls back to the whole array.
 */
public final class TouchedOffsets implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private final int size;
    /** Allocated with the first sparse row: dense rows never need it. */
    private boolean[] marked;
    private int[] list;
    private int count;
    private boolean complete = true;

    /** A record for an array of {@code size} values. */
    public TouchedOffsets(int size) {
        this.size = size;
    }

    /**
     * Adds {@code w ·} row {@code i} into {@code into[at ..]} and records the offsets it touches, if
     * the row is sparse and the record complete; else marks the record incomplete and returns false,
     * and the caller adds the row itself. Sparse rows are measured from 0, the origin they are given.
     */
    public boolean added(Rows rows, int i, double w, double[] into, int at) {
        if (complete && rows instanceof SparseRows sparse) {
            sparse.addScaled(i, w, into, at, this);
            return true;
        }
        complete = false;
        return false;
    }

    /** Notes a change made without recording it: the whole array may differ from 0 now. */
    public void untracked() {
        complete = false;
    }

    /** True if every change since the last clear is recorded: the array is 0 at every other offset. */
    public boolean complete() {
        return complete;
    }

    /** Records that {@code offset} was added into. */
    void mark(int offset) {
        if (marked == null) {
            marked = new boolean[size];
            list = new int[1024];
        }
        if (!marked[offset]) {
            marked[offset] = true;
            if (count == list.length) {
                list = Arrays.copyOf(list, 2 * count);
            }
            list[count++] = offset;
        }
    }

    /** How many offsets were added into. */
    public int count() {
        return count;
    }

    /** The {@code t}-th offset added into (in the order first touched). */
    public int offset(int t) {
        return list[t];
    }

    /**
     * Sets {@code values} to 0 at the recorded offsets and starts a new, complete record; returns
     * whether the old one was complete (if not, the caller clears the rest of the array).
     */
    public boolean clear(double[] values) {
        for (int t = 0; t < count; t++) {
            values[list[t]] = 0;
            marked[list[t]] = false;
        }
        count = 0;
        boolean was = complete;
        complete = true;
        return was;
    }
}
