package io.github.minibatchkmeans.core.internal.prune;

/**
 * The rows of one block closest to coming due, as its fragments go by: the {@code capacity} rows
 * with the smallest (time left, offset) — a strict order, so the same rows whatever the block's
 * fragments and whatever order they were offered in. A max-heap on that order keeps them; the
 * values of a fragment's rows are copied once the fragment is done, for those still kept.
 */
final class Candidates {
    private final int dims;
    private final int capacity;
    /** The heap: entry i's time left and offset in the block; entry 0 the latest to come due. */
    private final double[] lefts;
    private final int[] offsets;
    final double[] weights;
    final double[] values;
    /** The slot each heap entry's values are in (-1: not copied yet). */
    private final int[] slots;
    private final boolean[] used;
    private int count;

    Candidates(int capacity, int dims) {
        this.dims = dims;
        this.capacity = capacity;
        this.lefts = new double[capacity];
        this.offsets = new int[capacity];
        this.slots = new int[capacity];
        this.used = new boolean[capacity];
        this.weights = new double[capacity];
        this.values = new double[capacity * dims];
    }

    int count() {
        return count;
    }

    /** The offset of entry i (any order). */
    int offset(int i) {
        return offsets[i];
    }

    /** The slot of {@link #weights} and {@link #values} that holds entry i's row. */
    int slot(int i) {
        return slots[i];
    }

    /** Offers the row at {@code offset} in its block, due in {@code left}; its values are taken by {@link #capture}. */
    void offer(double left, int offset) {
        if (count < capacity) {
            int i = count++;
            lefts[i] = left;
            offsets[i] = offset;
            slots[i] = -1;
            siftUp(i);
        } else if (later(lefts[0], offsets[0], left, offset)) {
            lefts[0] = left;
            offsets[0] = offset;
            slots[0] = -1;
            siftDown(0);
        }
    }

    /** True if a row due in {@code left} would not be kept: cheap to ask before {@link #offer}. */
    boolean rejects(double left) {
        return count == capacity && left > lefts[0];
    }

    /**
     * Copies the values of the kept rows offered since the last capture, whose offsets are
     * {@code [first, first + n)}, from {@code data}/{@code weights} (offset o at row {@code o − first + at}).
     */
    void capture(int first, int n, double[] data, double[] rowWeights, int at) {
        java.util.Arrays.fill(used, false);
        for (int i = 0; i < count; i++) {
            if (slots[i] >= 0) {
                used[slots[i]] = true;
            }
        }
        int free = 0;
        for (int i = 0; i < count; i++) {
            if (slots[i] < 0) {
                while (used[free]) {
                    free++;
                }
                used[free] = true;
                slots[i] = free;
                int row = offsets[i] - first + at;
                weights[free] = rowWeights[row];
                System.arraycopy(data, row * dims, values, free * dims, dims);
            }
        }
    }

    void clear() {
        count = 0;
    }

    /** True if (a, ao) comes due later than (b, bo): a larger time left, or the same and a larger offset. */
    private static boolean later(double a, int ao, double b, int bo) {
        return a > b || a == b && ao > bo;
    }

    private void siftUp(int i) {
        while (i > 0) {
            int parent = (i - 1) / 2;
            if (!later(lefts[i], offsets[i], lefts[parent], offsets[parent])) {
                return;
            }
            swap(i, parent);
            i = parent;
        }
    }

    private void siftDown(int i) {
        while (true) {
            int child = 2 * i + 1;
            if (child >= count) {
                return;
            }
            if (child + 1 < count && later(lefts[child + 1], offsets[child + 1], lefts[child], offsets[child])) {
                child++;
            }
            if (!later(lefts[child], offsets[child], lefts[i], offsets[i])) {
                return;
            }
            swap(i, child);
            i = child;
        }
    }

    private void swap(int a, int b) {
        double left = lefts[a];
        lefts[a] = lefts[b];
        lefts[b] = left;
        int offset = offsets[a];
        offsets[a] = offsets[b];
        offsets[b] = offset;
        int slot = slots[a];
        slots[a] = slots[b];
        slots[b] = slot;
    }
}
