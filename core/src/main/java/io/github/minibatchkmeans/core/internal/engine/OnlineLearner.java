package io.github.minibatchkmeans.core.internal.engine;

import io.github.minibatchkmeans.core.internal.kernel.BlockLabels;
import io.github.minibatchkmeans.core.internal.kernel.Kernel;
import io.github.minibatchkmeans.core.internal.kernel.Kernels;
import io.github.minibatchkmeans.core.internal.pass.FlatRows;
import io.github.minibatchkmeans.core.internal.pass.PassRunner;
import io.github.minibatchkmeans.core.internal.rows.Rows;
import io.github.minibatchkmeans.core.internal.rows.SparseRows;
import io.github.minibatchkmeans.core.internal.stats.ClusterStatistics;
import io.github.minibatchkmeans.core.internal.stats.TopRows;
import io.github.minibatchkmeans.core.spi.InvalidInputException;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Online mini-batch k-means (Sculley 2010, in scikit-learn's current form): feed it batches with
 * {@link #partialFit}; each batch is assigned to the current centers, then every center moves to
 * the weighted mean of what it had seen and the batch's points,
 * {@code c ← (c·W + Σ wᵢxᵢ) / (W + w_b)}, {@code W += w_b} — a per-center learning rate of
 * {@code w_b / W} that shrinks as the center matures. Centers whose weight stays below
 * {@code reassignmentRatio} × the heaviest are moved onto random points of the batch.
 *
 * <p>The first batch initializes the centers when none were given. Labels are computed in
 * parallel; sums and updates run in row order, so results depend on the seed and the batches
 * only, not on the thread count. Not thread-safe: feed it from one thread.
 */
public final class OnlineLearner {
    private final Settings settings;
    private final int k;
    private final int dims;
    private final double reassignmentRatio;
    private final SplittableRandom random;
    private final PassRunner runner;
    private double[][] centers;
    private final double[] counts;
    private final ClusterStatistics batch;
    private int[] labels = new int[0];
    private double[] distances = new double[0];
    private long sinceLastReassignment;
    private int batches;
    private double streamedInertia;

    /**
     * @param initialCenters starting centers, or null to initialize from the first batch with the
     *                       configured initializer
     * @param initialCounts  the weight each starting center stands for, or null for none yet
     * @param runner         supplies the threads for labelling
     */
    public OnlineLearner(Settings settings, int dims, double[][] initialCenters, double[] initialCounts) {
        this.settings = settings;
        this.k = settings.k();
        this.dims = dims;
        this.reassignmentRatio = settings.reassignmentRatio();
        this.random = new SplittableRandom(settings.seed());
        this.runner = new PassRunner(settings.threads(), settings.batchSize());
        this.counts = initialCounts == null ? new double[k] : initialCounts.clone();
        this.batch = new ClusterStatistics(k, dims);
        if (initialCenters != null) {
            if (initialCenters.length != k || initialCenters[0].length != dims) {
                throw new InvalidInputException("initial centers: expected " + k + " × " + dims);
            }
            this.centers = Matrices.copy(initialCenters);
        }
    }

    /**
     * One mini-batch step over the rows of {@code batchRows}, prepared for the metric.
     *
     * @return the batch's weighted inertia with respect to the centers before the step
     */
    /**
     * Refuses a missing value (NaN) in {@code rows}, naming it: rows that reach the online updates
     * without a statistics pass (a stream read once, {@code partialFit}) have none to fill it from.
     */
    public static void refuseMissing(Rows rows, String name) {
        double[] row = new double[rows.dims];
        for (int i = 0; i < rows.count(); i++) {
            if (Double.isNaN(rows.squaredNorm(i))) {
                rows.copyRow(i, row, 0);
                for (int j = 0; j < row.length; j++) {
                    if (Double.isNaN(row[j])) {
                        throw new InvalidInputException(name + "row " + rows.rowIndex(i) + ", column " + j + ": missing value "
                                + "(NaN): online updates without a statistics pass have none to fill it in from (fill it first)");
                    }
                }
            }
        }
    }

    public double partialFit(Rows batchRows) throws IOException {
        int n = batchRows.count();
        if (n == 0) {
            return 0;
        }
        if (centers == null) {
            centers = initialize(batchRows);
        }
        Kernel kernel = Kernels.create(centers, Kernel.meanOf(centers), batchRows.format(), settings.geometry());
        if (labels.length < n) {
            labels = new int[n];
            distances = new double[n];
        }
        int[] assigned = labels;
        double[] squared = distances;
        runner.parallelRanges(n, (from, to) -> {
            BlockLabels block = new BlockLabels(kernel, to - from, false);
            block.assign(batchRows, from, to);
            System.arraycopy(block.labels, 0, assigned, from, to - from);
            for (int i = from; i < to; i++) {
                squared[i] = block.squaredDistance(i - from);
            }
        });
        batch.reset();
        for (int i = 0; i < n; i++) {
            batch.add(batchRows, i, batchRows.weights[i], assigned[i], squared[i]);
        }
        return update(batch, n, n / 2, randomRows(batchRows, n));
    }

    /**
     * One step from a batch's statistics gathered elsewhere (a distributed engine's): against the
     * current centers, or, before the first step, the ones it was gathered against.
     */
    double step(GatheredStatistics gathered) {
        if (gathered.dimensions() != dims || gathered.k() != k) {
            throw new InvalidInputException("statistics of " + gathered.k() + " × " + gathered.dimensions()
                    + " centers; this learner has " + k + " × " + dims);
        }
        if (centers == null) {
            centers = gathered.centers();
        } else if (!Arrays.deepEquals(centers, gathered.centers())) {
            throw new InvalidInputException("the statistics were gathered against other centers than the current ones");
        }
        TopRows sample = gathered.sample();
        int[] order = sample == null ? new int[0] : sample.slotsBestFirst();
        RowPicker fromSample = (drawn, into) -> sample.copyValues(order[drawn], into, 0);
        return update(gathered.statistics(), gathered.rows(), Math.min(gathered.rows() / 2, order.length), fromSample);
    }

    /** Copies the {@code drawn}-th distinct random row of the batch into {@code into}. */
    private interface RowPicker {
        void pick(int drawn, double[] into);
    }

    /** Distinct random rows of {@code batchRows}: a partial Fisher–Yates shuffle driven by the learner's random numbers. */
    private RowPicker randomRows(Rows batchRows, int n) {
        int[][] shuffled = {null}; // made only when some center does move
        return (drawn, into) -> {
            if (shuffled[0] == null) {
                shuffled[0] = java.util.stream.IntStream.range(0, n).toArray();
            }
            int[] rows = shuffled[0];
            int pick = drawn + random.nextInt(n - drawn);
            int row = rows[pick];
            rows[pick] = rows[drawn];
            rows[drawn] = row;
            batchRows.copyRow(row, into, 0);
        };
    }

    /**
     * Moves the centers by {@code batch}'s statistics ({@code n} rows), then reassigns light ones
     * to at most {@code limit} rows {@code picker} draws.
     */
    private double update(ClusterStatistics batch, long n, long limit, RowPicker picker) {
        moveCenters(batch);
        sinceLastReassignment += n;
        if (reassignmentRatio > 0 && (anyEmpty() || sinceLastReassignment >= 10L * k)) {
            sinceLastReassignment = 0;
            reassign(limit, picker);
        }
        batches++;
        streamedInertia += batch.inertia();
        return batch.inertia();
    }

    private void moveCenters(ClusterStatistics batch) {
        for (int c = 0; c < k; c++) {
            double wb = batch.weight(c);
            if (wb <= 0) {
                continue;
            }
            double total = counts[c] + wb;
            for (int j = 0; j < dims; j++) {
                centers[c][j] = (centers[c][j] * counts[c] + batch.sum(c, j)) / total;
            }
            counts[c] = total;
        }
        settings.geometry().finish(centers);
    }

    private boolean anyEmpty() {
        for (double w : counts) {
            if (w == 0) {
                return true;
            }
        }
        return false;
    }

    /** scikit-learn's rule: light centers jump to random batch points, at most half the batch at once. */
    private void reassign(long limit, RowPicker picker) {
        double max = Arrays.stream(counts).max().orElse(0);
        Integer[] byWeight = new Integer[k];
        for (int c = 0; c < k; c++) {
            byWeight[c] = c;
        }
        Arrays.sort(byWeight, (a, b) -> Double.compare(counts[a], counts[b]));
        boolean[] move = new boolean[k];
        int moving = 0;
        for (int rank = 0; rank < k && rank < limit; rank++) {
            int c = byWeight[rank];
            if (counts[c] < reassignmentRatio * max) {
                move[c] = true;
                moving++;
            }
        }
        if (moving == 0) {
            return;
        }
        double lightestKept = Double.POSITIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            if (!move[c]) {
                lightestKept = Math.min(lightestKept, counts[c]);
            }
        }
        int drawn = 0;
        for (int c = 0; c < k; c++) {
            if (move[c]) {
                picker.pick(drawn++, centers[c]);
                // Not back to zero: a tiny weight would make the center jump again at once.
                counts[c] = lightestKept;
            }
        }
    }

    /** The configured initializer on the first batch alone (scikit-learn's {@code partial_fit} does the same). */
    private double[][] initialize(Rows first) throws IOException {
        int n = first.count();
        long positive = Arrays.stream(first.weights, 0, n).filter(w -> w > 0).count();
        if (positive < k) {
            throw new InvalidInputException("the first batch has " + positive
                    + " rows with positive weight; at least k = " + k + " are needed to initialize");
        }
        FlatRows batch;
        if (first instanceof SparseRows sparse) { // kept sparse
            batch = FlatRows.of(sparse.trimmedCopy(n), "the first batch");
        } else {
            double[] values = new double[n * dims];
            first.copyRows(0, n, values, 0);
            batch = new FlatRows(values, Arrays.copyOf(first.weights, n), dims, "the first batch");
        }
        try (LocalPasses passes = new LocalPasses(batch, settings)) {
            return Initialization.initialCenters(passes, settings.withSeed(random.nextLong()), Progress.NONE, false);
        }
    }

    /** Features per row. */
    public int dimensions() {
        return dims;
    }

    /** The current centers (a copy), or null before the first batch. */
    public double[][] centers() {
        return centers == null ? null : Matrices.copy(centers);
    }

    /** Total weight each center has absorbed. */
    public double[] counts() {
        return counts.clone();
    }

    /**
     * The current state as a fit's result: sizes are the absorbed weights and the inertia is the sum
     * of the batch inertias seen so far (each measured before its own update).
     */
    public FitResult result() {
        if (centers == null) {
            throw new IllegalStateException("no batch seen yet");
        }
        return new FitResult(Matrices.copy(centers), counts.clone(), streamedInertia, batches, false, List.of(), null);
    }
}
