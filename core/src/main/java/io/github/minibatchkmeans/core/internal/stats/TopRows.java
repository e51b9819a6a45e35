package io.github.minibatchkmeans.core.internal.stats;

import io.github.minibatchkmeans.core.internal.rows.Rows;
import io.github.minibatchkmeans.core.internal.rows.SparseRows;
import java.util.Arrays;

/**
 * The at most {@code capacity} rows with the highest score, with their values, weight and a tag
 * (the assigned cluster, say): a bounded min-heap under the total order (score, then lower row
 * index first). Because the order is total, which rows are kept does not depend on the order in
 * which they were offered or in which partial heaps were merged — what makes parallel passes
 * deterministic. Used for the farthest points of a pass and for the random sample. The heap orders
 * slot numbers, so a sift moves ints, never a row's values. Sparse rows are kept sparse.
 */
public final class TopRows implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    /** Rows a growing store starts with: 64 narrow rows … */
    private static final int INITIAL_ROWS = 64;
    /** … but never more values than this (one row of a million columns is 8 MB already). */
    private static final int INITIAL_VALUES = 1 << 13;
    private final int capacity;
    private final int dims;
    private double[] scores;
    private long[] rows;
    private double[] weights;
    private int[] tags;
    /** Dense rows' values, {@code dims} per slot; allocated with the first dense row kept. */
    private double[] values;
    /** Sparse rows' values and feature indices, one pair of arrays per slot (null for a dense slot): never densified. */
    private int[][] sparseIndices;
    private double[][] sparseValues;
    /** Slots in heap order: heap[0] is the lowest-ranked slot. */
    private int[] heap;
    private int size;

    public TopRows(int capacity, int dims) {
        this(capacity, dims, Math.min(capacity, Math.max(1, Math.min(INITIAL_ROWS, INITIAL_VALUES / Math.max(1, dims)))));
    }

    private TopRows(int capacity, int dims, int initial) {
        this.capacity = capacity;
        this.dims = dims;
        allocate(initial);
    }

    /** A store sized for {@code capacity} rows from the start: for one that will fill up, so it never grows. */
    public static TopRows presized(int capacity, int dims) {
        return new TopRows(capacity, dims, capacity);
    }

    /** True if (s1, r1) ranks below (s2, r2): a lower score, or an equal one with a higher row index. */
    private static boolean below(double s1, long r1, double s2, long r2) {
        return s1 < s2 || (s1 == s2 && r1 > r2);
    }

    /** Offers row {@code row} with values {@code data[offset .. offset+dims)}. */
    public void offer(double score, long row, double weight, int tag, double[] data, int offset) {
        int slot = slotFor(score, row, weight, tag);
        if (slot >= 0) {
            System.arraycopy(data, offset, denseValues(), slot * dims, dims);
            sparseIndices[slot] = null;
            sparseValues[slot] = null;
            settle(slot);
        }
    }

    /** Offers row {@code i} of {@code rows}: its values are copied, straight into their slot, only if it is kept. */
    public void offer(double score, long row, double weight, int tag, Rows rows, int i) {
        int slot = slotFor(score, row, weight, tag);
        if (slot >= 0) {
            if (rows instanceof SparseRows sparse) {
                sparseIndices[slot] = sparse.indicesOf(i);
                sparseValues[slot] = sparse.valuesOf(i);
            } else {
                rows.copyRow(i, denseValues(), slot * dims);
                sparseIndices[slot] = null;
                sparseValues[slot] = null;
            }
            settle(slot);
        }
    }

    /** The dense values, allocated for every slot when first needed. */
    private double[] denseValues() {
        if (values == null || values.length < scores.length * dims) {
            values = values == null ? new double[scores.length * dims] : Arrays.copyOf(values, scores.length * dims);
        }
        return values;
    }

    /** The slot a row ranked (score, row) takes, its values still to be copied in, or -1 if it is not kept. */
    private int slotFor(double score, long row, double weight, int tag) {
        if (capacity == 0 || size == capacity && !below(scores[heap[0]], rows[heap[0]], score, row)) {
            return -1;
        }
        int slot;
        if (size == capacity) {
            slot = heap[0]; // the lowest-ranked row leaves
        } else {
            if (size == scores.length) {
                allocate(Math.min(capacity, 2 * scores.length));
            }
            slot = size;
            heap[size++] = slot;
        }
        scores[slot] = score;
        rows[slot] = row;
        weights[slot] = weight;
        tags[slot] = tag;
        return slot;
    }

    /** Restores the heap order after {@link #slotFor} filled {@code slot}: it replaced the root when full, or was appended. */
    private void settle(int slot) {
        if (heap[0] == slot && size == capacity && size > 1) {
            siftDown(0);
        } else {
            siftUp(size - 1);
        }
    }

    /** A score no row below it can enter with: the lowest kept score once full, else −∞. */
    public double floor() {
        return size == capacity && capacity > 0 ? scores[heap[0]] : Double.NEGATIVE_INFINITY;
    }

    public void merge(TopRows other) {
        for (int i = 0; i < other.size; i++) {
            if (other.sparseIndices[i] == null) {
                offer(other.scores[i], other.rows[i], other.weights[i], other.tags[i], other.values, i * dims);
                continue;
            }
            int slot = slotFor(other.scores[i], other.rows[i], other.weights[i], other.tags[i]);
            if (slot >= 0) { // a kept sparse row's arrays are never changed, only replaced: shared
                sparseIndices[slot] = other.sparseIndices[i];
                sparseValues[slot] = other.sparseValues[i];
                settle(slot);
            }
        }
    }

    public void clear() {
        size = 0;
    }

    public int size() {
        return size;
    }

    /** Slot indices, highest score first (ties: lower row index first). */
    public int[] slotsBestFirst() {
        return java.util.stream.IntStream.range(0, size).boxed()
                .sorted((a, b) -> below(scores[a], rows[a], scores[b], rows[b]) ? 1
                        : below(scores[b], rows[b], scores[a], rows[a]) ? -1 : 0)
                .mapToInt(Integer::intValue).toArray();
    }

    public double score(int slot) {
        return scores[slot];
    }

    public long row(int slot) {
        return rows[slot];
    }

    public double weight(int slot) {
        return weights[slot];
    }

    public int tag(int slot) {
        return tags[slot];
    }

    public double value(int slot, int j) {
        if (sparseIndices[slot] == null) {
            return values[slot * dims + j];
        }
        int at = Arrays.binarySearch(sparseIndices[slot], j);
        return at >= 0 ? sparseValues[slot][at] : 0;
    }

    /** Copies the values of {@code slot} into {@code out} at {@code offset}. */
    public void copyValues(int slot, double[] out, int offset) {
        if (sparseIndices[slot] == null) {
            System.arraycopy(values, slot * dims, out, offset, dims);
            return;
        }
        Arrays.fill(out, offset, offset + dims, 0);
        int[] indices = sparseIndices[slot];
        for (int e = 0; e < indices.length; e++) {
            out[offset + indices[e]] = sparseValues[slot][e];
        }
    }

    private void allocate(int length) {
        scores = scores == null ? new double[length] : Arrays.copyOf(scores, length);
        rows = rows == null ? new long[length] : Arrays.copyOf(rows, length);
        weights = weights == null ? new double[length] : Arrays.copyOf(weights, length);
        tags = tags == null ? new int[length] : Arrays.copyOf(tags, length);
        values = values == null ? null : Arrays.copyOf(values, length * dims);
        sparseIndices = sparseIndices == null ? new int[length][] : Arrays.copyOf(sparseIndices, length);
        sparseValues = sparseValues == null ? new double[length][] : Arrays.copyOf(sparseValues, length);
        heap = heap == null ? new int[length] : Arrays.copyOf(heap, length);
    }

    /** True if the slot at heap position a ranks below the one at position b. */
    private boolean lower(int a, int b) {
        int sa = heap[a];
        int sb = heap[b];
        return below(scores[sa], rows[sa], scores[sb], rows[sb]);
    }

    private void siftUp(int i) {
        while (i > 0) {
            int parent = (i - 1) / 2;
            if (!lower(i, parent)) {
                return;
            }
            swap(i, parent);
            i = parent;
        }
    }

    private void siftDown(int i) {
        while (true) {
            int left = 2 * i + 1;
            int right = left + 1;
            int least = i;
            if (left < size && lower(left, least)) {
                least = left;
            }
            if (right < size && lower(right, least)) {
                least = right;
            }
            if (least == i) {
                return;
            }
            swap(i, least);
            i = least;
        }
    }

    private void swap(int a, int b) {
        int t = heap[a];
        heap[a] = heap[b];
        heap[b] = t;
    }
}
