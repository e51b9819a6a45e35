package io.github.minibatchkmeans.core.internal.prune;

import io.github.minibatchkmeans.core.internal.assign.FarthestTask;
import io.github.minibatchkmeans.core.internal.kernel.Kernel;
import io.github.minibatchkmeans.core.internal.kernel.KernelFactory;
import io.github.minibatchkmeans.core.internal.pass.BlockSupply;
import io.github.minibatchkmeans.core.internal.pass.BlockTask;
import io.github.minibatchkmeans.core.internal.pass.PassRunner;
import io.github.minibatchkmeans.core.internal.rows.RowFormat;
import io.github.minibatchkmeans.core.internal.rows.Rows;
import io.github.minibatchkmeans.core.internal.stats.PassOutcome;
import io.github.minibatchkmeans.core.internal.stats.TopRows;
import io.github.minibatchkmeans.core.spi.BatchSource;
import java.io.IOException;
import java.util.BitSet;
import java.util.function.LongConsumer;
import java.util.function.LongPredicate;

/**
 * Exact Lloyd iterations that skip work the triangle inequality proves unnecessary, with the same
 * labels as unpruned passes at every iteration. The first pass scores every row and sets its
 * bounds; each later pass brings bounds up to date by how far the centroids moved, settles most
 * rows with them, and does not even read a block whose summary shows that none of its rows can
 * change cluster. Out of core, the rows that will soon come due are held in memory within the
 * budget the bounds leave ({@link HeldRows}), and a block whose due rows are all held is not read
 * either. The cluster sums are updated only by rows that changed cluster ({@link Moments}),
 * so unread blocks still count. Variants: {@link Variant#HAMERLY} (Hamerly 2010, one lower bound
 * per row: cheap bookkeeping, best for small k) and {@link Variant#ELKAN} (Elkan 2003, one lower
 * bound per centroid: k times the memory and bookkeeping, but it settles far more rows when
 * distances are costly — large k or wide rows).
 */
public final class BoundedLloyd implements AutoCloseable {
    /** Which bounds to keep. */
    public enum Variant { HAMERLY, ELKAN }

    private final BatchSource source;
    private final PassRunner passes;
    private final KernelFactory kernels;
    private final double[] origin;
    private final int k;
    private final BoundedState state;
    /** Rows held in memory to spare reads; null in memory or when not one row a block fits. */
    private final HeldRows held;
    private final long rows;
    private Moments moments;
    private double[][] previous;

    /**
     * @param rows        the rows in {@code source} (known from the statistics pass)
     * @param kernels     the kernels of the passes, measured from {@code origin}
     * @param origin      where rows and centroids are measured from: the data's mean
     * @param budgetBytes how much heap the bounds may take; beyond it they go to a scratch file
     */
    public BoundedLloyd(BatchSource source, PassRunner passes, KernelFactory kernels, long rows, double[] origin, int k,
                        Variant variant, long budgetBytes) {
        this.source = source;
        this.passes = passes;
        this.kernels = kernels;
        this.origin = origin.clone();
        this.k = k;
        this.rows = rows;
        this.state = new BoundedState(rows, k, variant == Variant.ELKAN, budgetBytes);
        long boundsBytes = state.bounds().mapped() ? 0 : bytesPerRow(variant, k) * rows;
        // held rows are copies in the rows' own format, doubles or float32: not for sparse rows, which a pass reads again instead
        RowFormat format = passes.formatOf(source);
        this.held = PassRunner.inMemory(source) != null || format == RowFormat.SPARSE ? null
                : HeldRows.create(rows, origin.length, format, budgetBytes - boundsBytes);
    }

    /** Bytes of bounds per row for {@code variant} with {@code k} centroids. */
    public static long bytesPerRow(Variant variant, int k) {
        return RowBounds.bytesPerRow(variant == Variant.ELKAN ? k : 1);
    }

    /** True if the bounds are in a scratch file rather than on the heap. */
    public boolean mapped() {
        return state.bounds().mapped();
    }

    /**
     * What a checkpoint keeps of the pruning: the moments (the sums the next pass updates), the last
     * pass's centroids and every row's label. Bounds are not kept — a resumed fit starts with every
     * row due, which costs one full pass and changes no label and so no sum.
     */
    public record Saved(double[][] moments, double[][] previous, double largestRowNorm, int[] labels) {
    }

    /** This state, for a checkpoint (after at least one pass). */
    public Saved save() {
        if (rows > Integer.MAX_VALUE - 8) {
            throw new UnsupportedOperationException("checkpoints hold at most 2^31 - 9 rows of labels");
        }
        int[] labels = new int[(int) rows];
        labels(labels);
        return new Saved(moments.state(), previous, state.largestRowNorm(), labels);
    }

    /** Continues from {@code saved}: the same moments and labels, every row's bounds unknown (due). */
    public void restore(Saved saved) {
        if (saved.labels().length != rows) {
            throw new IllegalArgumentException("saved labels of " + saved.labels().length + " rows for " + rows);
        }
        for (int label : saved.labels()) {
            if (label < 0 || label >= k) {
                throw new IllegalArgumentException("a saved label " + label + " for k = " + k);
            }
        }
        if (saved.previous().length != k || saved.previous()[0].length != origin.length) {
            throw new IllegalArgumentException("saved centroids of another shape");
        }
        if (!(saved.largestRowNorm() >= 0 && Double.isFinite(saved.largestRowNorm()))) {
            throw new IllegalArgumentException("a saved row norm of " + saved.largestRowNorm());
        }
        moments = Moments.of(k, origin.length, saved.moments());
        previous = saved.previous();
        state.largestRowNorm(saved.largestRowNorm());
        RowBounds bounds = state.bounds();
        RowBounds.Window buffer = RowBounds.Window.buffer(PassRunner.BLOCK_ROWS, bounds.lowers());
        for (long first = 0; first < rows; first += PassRunner.BLOCK_ROWS) {
            int count = (int) Math.min(PassRunner.BLOCK_ROWS, rows - first);
            RowBounds.Window w = bounds.open(first, count, buffer);
            System.arraycopy(saved.labels(), (int) first, w.labels, w.base, count);
            java.util.Arrays.fill(w.upper, w.base, w.base + count, Float.POSITIVE_INFINITY);
            java.util.Arrays.fill(w.lower, w.base * bounds.lowers(), (w.base + count) * bounds.lowers(), 0f);
            java.util.Arrays.fill(w.deadline, w.base, w.base + count, 0f);
            bounds.release(first, count, w);
        }
    }

    /**
     * A pass to run — alone, or grouped with other fits' passes over the same stream: its task, the
     * blocks it needs, those of them it fills from held rows (null: none), and how many blocks it
     * does not read.
     */
    public record Plan(BlockTask<?> task, LongPredicate needed, BlockSupply supply, long blocksUnread, Kernel kernel,
                       double[][] centers) {
    }

    /** Prepares the pass of {@code centers}: the centroids' moves bring the bounds up to date. */
    public Plan begin(double[][] centers) {
        boolean first = moments == null;
        if (!first) {
            state.drift().record(previous, centers);
        }
        previous = centers;
        Kernel kernel = kernels.create(centers);
        double[] between = distancesBetween(centers);
        double[] halfNearest = new double[k];
        for (int c = 0; c < k; c++) {
            double nearest = Double.POSITIVE_INFINITY;
            for (int o = 0; o < k; o++) {
                if (o != c) {
                    nearest = Math.min(nearest, between[c * k + o]);
                }
            }
            halfNearest[c] = nearest / 2;
        }
        BitSet skipped = new BitSet();
        HeldRows.Pinned[] pinned = held == null ? null : new HeldRows.Pinned[state.blocks()];
        int supplied = first ? 0 : planBlocks(skipped, pinned);
        BoundedPass task = new BoundedPass(state, kernel, first, halfNearest, state.elkan() ? between : null, held, pinned,
                skipped);
        BlockSupply supply = supplied == 0 ? null : new BlockSupply() {
            @Override
            public boolean supplies(long block) {
                return block < pinned.length && pinned[(int) block] != null;
            }

            @Override
            public void fill(long firstRow, int count, Rows rows, int at) {
                held.fill(pinned[(int) (firstRow / PassRunner.BLOCK_ROWS)], firstRow, count, rows, at);
            }
        };
        return new Plan(task, block -> !skipped.get((int) block), supply, skipped.cardinality() + supplied, kernel, centers);
    }

    /**
     * Finishes the pass of {@code plan} from its folded result: new means, weights, inertia; empty
     * clusters relocated when {@code relocate}.
     */
    public PassOutcome end(Object folded, Plan plan, boolean relocate) throws IOException {
        BoundedPass.Partial total = (BoundedPass.Partial) folded;
        if (moments == null) {
            moments = new Moments(k, plan.kernel().dims());
            state.largestRowNorm(Math.sqrt(total.largestNorm));
        }
        if (total.moments != null) {
            moments.add(total.moments);
        }
        double inertia = moments.inertia(plan.centers(), origin);
        int relocated = relocate ? relocateEmptyClusters(plan.kernel()) : 0;
        return new PassOutcome(moments.means(origin, plan.centers()), moments.weights(), inertia, rows - total.computed,
                plan.blocksUnread(), relocated);
    }

    /**
     * Blocks the pass need not read: those the block summaries settle, and, when reading a block
     * costs I/O, those whose every row's deadline is still ahead of its cluster's clock ({@code
     * skipped}) or whose every due row is held ({@code pinned}: their held rows, kept for the pass, and the due ones).
     * Returns how many are pinned.
     */
    private int planBlocks(BitSet skipped, HeldRows.Pinned[] pinned) {
        boolean outOfCore = PassRunner.inMemory(source) == null;
        float[] clocksUp = outOfCore ? state.drift().clocksUp() : null;
        RowBounds.Window buffer = outOfCore ? RowBounds.Window.buffer(PassRunner.BLOCK_ROWS, state.bounds().lowers()) : null;
        long[] due = HeldRows.newMask();
        int supplied = 0;
        for (int b = 0; b < state.blocks(); b++) {
            if (state.settled(b)) {
                skipped.set(b);
            } else if (outOfCore) {
                HeldRows.Pack pack = held == null ? null : held.pack(b);
                switch (state.need(b, clocksUp, buffer, pack, due)) {
                    case NONE -> skipped.set(b);
                    case HELD -> {
                        pinned[b] = new HeldRows.Pinned(pack, due.clone());
                        supplied++;
                    }
                    case READ -> { }
                }
            }
        }
        return supplied;
    }

    /** Distances between centroids, row-major k × k, shrunk by their rounding so they stay lower bounds. */
    private double[] distancesBetween(double[][] centers) {
        double[] between = new double[k * k];
        int d = centers[0].length;
        for (int a = 0; a < k; a++) {
            for (int b = a + 1; b < k; b++) {
                double squared = 0;
                for (int j = 0; j < d; j++) {
                    double diff = centers[a][j] - centers[b][j];
                    squared += diff * diff;
                }
                double distance = Math.sqrt(squared) * (1 - 1e-12);
                between[a * k + b] = distance;
                between[b * k + a] = distance;
            }
        }
        return between;
    }

    /**
     * scikit-learn's rule for a cluster the pass left empty: it takes one of the rows farthest from
     * their centroid, with its weight. Rare, so the far rows are found by a pass of their own; the
     * moved rows lose their bounds, so the next pass scores them again.
     */
    private int relocateEmptyClusters(Kernel kernel) throws IOException {
        int empty = 0;
        for (int c = 0; c < k; c++) {
            empty += moments.weight(c) > 0 ? 0 : 1;
        }
        if (empty == 0) {
            return 0;
        }
        int relocated = 0;
        TopRows farthest = FarthestTask.find(passes, source, kernel, empty + k);
        int[] order = farthest.slotsBestFirst();
        int next = 0;
        int d = kernel.dims();
        double[] centred = new double[d];
        RowBounds.Window buffer = RowBounds.Window.buffer(1, state.bounds().lowers());
        for (int c = 0; c < k; c++) {
            if (moments.weight(c) > 0) {
                continue;
            }
            while (next < order.length) {
                int slot = order[next++];
                int from = farthest.tag(slot);
                double w = farthest.weight(slot);
                if (moments.weight(from) - w <= 0) {
                    continue; // taking it would empty its own cluster
                }
                double norm = 0;
                for (int j = 0; j < d; j++) {
                    centred[j] = farthest.value(slot, j) - origin[j];
                    norm += centred[j] * centred[j];
                }
                moments.move(centred, w, norm, from, c);
                long row = farthest.row(slot);
                RowBounds.Window bounds = state.bounds().open(row, 1, buffer);
                bounds.labels[bounds.base] = c; // with no bounds: due, so the next pass scores it
                bounds.upper[bounds.base] = Float.POSITIVE_INFINITY;
                java.util.Arrays.fill(bounds.lower, bounds.base * state.bounds().lowers(),
                        (bounds.base + 1) * state.bounds().lowers(), 0f);
                bounds.deadline[bounds.base] = 0f;
                state.bounds().release(row, 1, bounds);
                state.invalidate(row);
                relocated++;
                break;
            }
        }
        return relocated;
    }

    /** Every row's current label, by row index. */
    public void labels(int[] out) {
        RowBounds.Window buffer = RowBounds.Window.buffer(PassRunner.BLOCK_ROWS, state.bounds().lowers());
        for (int first = 0; first < out.length; first += PassRunner.BLOCK_ROWS) {
            int count = Math.min(PassRunner.BLOCK_ROWS, out.length - first);
            RowBounds.Window w = state.bounds().open(first, count, buffer);
            System.arraycopy(w.labels, w.base, out, first, count);
        }
    }

    @Override
    public void close() {
        state.close();
    }
}
