package io.github.minibatchkmeans.core.internal.prune;

import io.github.minibatchkmeans.core.internal.pass.ScratchFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * Per-row pruning state: the row's label, an upper bound on its distance to that centroid,
 * {@code lowers} lower bounds (Hamerly: one, on the distance to any other centroid; Elkan: one per
 * centroid), the time the bounds were taken and the deadline until which they settle the row.
 * Bounds are floats, rounded outwards when stored, so they stay bounds. On the heap when they fit
 * the memory budget, otherwise in a memory-mapped {@link ScratchFile} (gone however the process
 * ends). Blocks of rows are read and written by disjoint threads. k-means|| keeps its per-row
 * nearest candidate and squared distance here too, as label and upper bound with no lower bounds.
 */
public abstract class RowBounds implements AutoCloseable {
    /** The factors of {@link #up} and {@link #down}. */
    static final double UP = 1 + 0x1.0p-23;
    static final double DOWN = 1 - 0x1.0p-23;

    protected final long rows;
    protected final int lowers;

    RowBounds(long rows, int lowers) {
        this.rows = rows;
        this.lowers = lowers;
    }

    /** Bytes one row needs. */
    public static long bytesPerRow(int lowers) {
        return 4L * (4 + lowers);
    }

    /** Bounds for {@code rows} rows: on the heap if {@code bytesPerRow·rows ≤ budget}, else in a scratch file. */
    public static RowBounds create(long rows, int lowers, long budgetBytes) {
        long bytes = bytesPerRow(lowers) * rows;
        if (bytes <= budgetBytes && rows * lowers < Integer.MAX_VALUE - 8) {
            return new OnHeap((int) rows, lowers);
        }
        return new Mapped(rows, lowers);
    }

    public int lowers() {
        return lowers;
    }

    /** True if the bounds live in a scratch file. */
    public abstract boolean mapped();

    /**
     * Rows {@code [first, first+count)} to work on in place: on the heap the bounds' own arrays, in
     * a file {@code buffer}'s, loaded. Changes must be handed back with {@link #release}.
     */
    public abstract Window open(long first, int count, Window buffer);

    /** Writes back what {@link #open} lent, if it was a copy. */
    public abstract void release(long first, int count, Window window);

    /** Arrays holding some rows' state, row {@code first + r} at index {@code base + r}. */
    public static final class Window {
        public int[] labels;
        public float[] upper;
        float[] lower;
        int[] stamp;
        float[] deadline;
        public int base;

        Window(int[] labels, float[] upper, float[] lower, int[] stamp, float[] deadline) {
            this.labels = labels;
            this.upper = upper;
            this.lower = lower;
            this.stamp = stamp;
            this.deadline = deadline;
        }

        /** A buffer for {@code rows} rows with {@code lowers} lower bounds each. */
        public static Window buffer(int rows, int lowers) {
            return new Window(new int[rows], new float[rows], new float[rows * lowers], new int[rows], new float[rows]);
        }

        Window at(int base) {
            this.base = base;
            return this;
        }
    }

    /**
     * A float not below {@code value} (≥ 0): rounding to nearest errs by at most 2⁻²⁴ relatively,
     * so rounding {@code value·(1 + 2⁻²³)} cannot fall below {@code value}. Branch-free, so loops over
     * many bounds vectorize.
     */
    public static float up(double value) {
        return (float) (value * UP);
    }

    /** A float not above {@code value}, and not below 0 (see {@link #up}). */
    public static float down(double value) {
        double shrunk = value * DOWN;
        return (float) (shrunk > 0 ? shrunk : 0);
    }

    @Override
    public abstract void close();

    private static final class OnHeap extends RowBounds {
        private final Window all;

        OnHeap(int rows, int lowers) {
            super(rows, lowers);
            this.all = Window.buffer(rows, lowers);
        }

        @Override
        public boolean mapped() {
            return false;
        }

        @Override
        public Window open(long first, int count, Window buffer) {
            return new Window(all.labels, all.upper, all.lower, all.stamp, all.deadline).at((int) first);
        }

        @Override
        public void release(long first, int count, Window window) {
        }

        @Override
        public void close() {
        }
    }

    /** Rows in a scratch file, mapped in segments of whole rows (each under 1 GB). */
    private static final class Mapped extends RowBounds {
        private final ScratchFile file;
        private final long segmentRows;
        private final int width;
        private final List<IntBuffer> segmentInts = new ArrayList<>();
        private final List<FloatBuffer> segmentFloats = new ArrayList<>();

        Mapped(long rows, int lowers) {
            super(rows, lowers);
            int perRow = (int) bytesPerRow(lowers);
            this.width = perRow / 4;
            this.segmentRows = Math.max(1, (1L << 30) / perRow);
            this.file = ScratchFile.create("minibatch-kmeans-bounds", "the pruning bounds");
            FileChannel channel = file.channel();
            try {
                for (long first = 0; first < rows; first += segmentRows) {
                    long count = Math.min(segmentRows, rows - first);
                    MappedByteBuffer map = channel.map(FileChannel.MapMode.READ_WRITE, first * perRow, count * perRow);
                    map.order(ByteOrder.nativeOrder());
                    segmentInts.add(map.asIntBuffer());
                    segmentFloats.add(map.asFloatBuffer());
                }
            } catch (IOException e) {
                file.close();
                throw new UncheckedIOException(file.failed("the pruning bounds", e));
            }
        }

        @Override
        public boolean mapped() {
            return true;
        }

        /** Each row is [label, upper, stamp, deadline, lower...] as 4-byte words. */
        @Override
        public Window open(long first, int count, Window w) {
            for (int i = 0; i < count; i++) {
                long row = first + i;
                int segment = (int) (row / segmentRows);
                int at = (int) (row % segmentRows) * width;
                IntBuffer ints = segmentInts.get(segment);
                FloatBuffer floats = segmentFloats.get(segment);
                w.labels[i] = ints.get(at);
                w.upper[i] = floats.get(at + 1);
                w.stamp[i] = ints.get(at + 2);
                w.deadline[i] = floats.get(at + 3);
                for (int m = 0; m < lowers; m++) {
                    w.lower[i * lowers + m] = floats.get(at + 4 + m);
                }
            }
            return w.at(0);
        }

        @Override
        public void release(long first, int count, Window w) {
            for (int i = 0; i < count; i++) {
                long row = first + i;
                int segment = (int) (row / segmentRows);
                int at = (int) (row % segmentRows) * width;
                IntBuffer ints = segmentInts.get(segment);
                FloatBuffer floats = segmentFloats.get(segment);
                ints.put(at, w.labels[i]);
                floats.put(at + 1, w.upper[i]);
                ints.put(at + 2, w.stamp[i]);
                floats.put(at + 3, w.deadline[i]);
                for (int m = 0; m < lowers; m++) {
                    floats.put(at + 4 + m, w.lower[i * lowers + m]);
                }
            }
        }

        @Override
        public void close() {
            segmentInts.clear();
            segmentFloats.clear();
            file.close();
        }
    }
}
