package io.github.minibatchkmeans.core.internal.rows;

/**
 * The offsets of a dense array (a block's k × d sums) that sparse rows have added into since the
 * last {@link #clear}: folding such an array into a total, and clearing it, then costs what was
 * added — O(non-zeros) — instead of O(k·d) per block.
 */
public final class TouchedOffsets {
    private final boolean[] marked;
    private int[] list = new int[1024];
    private int count;

    /** A tracker for an array of {@code size} values. */
    public TouchedOffsets(int size) {
        this.marked = new boolean[size];
    }

    /** Records that {@code offset} was added into. */
    void mark(int offset) {
        if (!marked[offset]) {
            marked[offset] = true;
            if (count == list.length) {
                list = java.util.Arrays.copyOf(list, 2 * count);
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

    /** Sets {@code values} to 0 at every offset added into, and forgets them. */
    public void clear(double[] values) {
        for (int t = 0; t < count; t++) {
            values[list[t]] = 0;
            marked[list[t]] = false;
        }
        count = 0;
    }
}
