package io.github.minibatchkmeans.core.internal.engine;

import io.github.minibatchkmeans.core.internal.coreset.CoresetStream;
import io.github.minibatchkmeans.core.internal.coreset.Groups;
import io.github.minibatchkmeans.core.internal.kernel.BlockLabels;
import io.github.minibatchkmeans.core.internal.kernel.Kernel;
import io.github.minibatchkmeans.core.internal.kernel.Kernels;
import io.github.minibatchkmeans.core.internal.pass.FlatRows;
import io.github.minibatchkmeans.core.internal.rows.Arithmetic;
import io.github.minibatchkmeans.core.internal.rows.DenseRows;
import io.github.minibatchkmeans.core.internal.rows.RowFormat;
import io.github.minibatchkmeans.core.internal.rows.Rows;
import io.github.minibatchkmeans.core.spi.InvalidInputException;
import io.github.minibatchkmeans.core.spi.Values;
import io.github.minibatchkmeans.core.spi.Weights;
import java.io.IOException;

/**
 * ONE_PASS mode: every row seen exactly once, in bounded memory, with a result that hardly depends
 * on row order. Rows go into a streaming coreset (merge and reduce of k-means++ reductions): a
 * stream that fits the buffer is kept whole, a longer one is summarized by a few thousand weighted
 * groups. {@link #finish} then runs the EXACT fit ({@link FitRun}) on the groups, in memory, and
 * takes sizes and inertia from the groups' sums and sums of squares, with no second pass: exact
 * while the groups are the rows themselves; once rows were merged, each group is counted whole at
 * the centroid nearest its mean, so the inertia is an upper bound on the rows' own (measured
 * 1.5–2.6 % above it on overlapping blobs, whose true inertia under the one-pass centroids was
 * within 0.05 % of EXACT mode's). Not thread-safe.
 */
public final class OnePassLearner {
    /** Groups kept per reduction: 40 per cluster (StreamKM++ uses 200), at least 400. */
    static final int GROUPS_PER_CLUSTER = 40;
    private static final int MIN_GROUPS = 400;
    private static final int MAX_GROUPS = 8192;

    private final Settings settings;
    private final int dims;
    private final String name;
    private final CoresetStream stream;
    /** A row copied from its representation. */
    private double[] scratch;

    /** @param scaleByRange true if {@link #finish} will scale columns by their ranges; the coreset then measures distances that way too */
    public OnePassLearner(Settings settings, int dims, boolean scaleByRange, String name) {
        if (dims < 1) {
            throw new InvalidInputException(name + ": no columns");
        }
        this.settings = settings;
        this.dims = dims;
        this.name = name;
        int groups = Math.min(MAX_GROUPS, Math.max(MIN_GROUPS, GROUPS_PER_CLUSTER * settings.k()));
        this.stream = new CoresetStream(dims, groups, CoresetStream.bufferRows(dims, groups, settings.budgetBytes() / 2),
                settings.seed(), scaleByRange);
    }

    /** ONE_PASS over everything {@code passes} streams, every row once, in order. */
    public static FitResult fit(DataPasses passes, Settings settings, Progress progress) throws IOException {
        OnePassLearner learner = new OnePassLearner(settings, passes.dimensions(), false, passes.name());
        long[] done = {0};
        passes.stream((rows, i) -> {
            learner.add(rows, i);
            if (++done[0] % 65_536 == 0) {
                progress.report(Stage.ITERATION, 1, done[0], -1, Double.NaN, false);
            }
        });
        FitResult fitted = learner.finish(null, null);
        progress.report(Stage.ITERATION, 1, learner.rows(), learner.rows(), fitted.inertia(), true);
        return fitted;
    }

    /** Adds one row with weight {@code weight} (≥ 0, finite), prepared for the metric. */
    public void add(double[] row, double weight) {
        if (row.length != dims) {
            throw new InvalidInputException(name + ": row " + (stream.rows() + 1) + " has " + row.length + " values, expected "
                    + dims);
        }
        if (!settings.geometry().preparesRows()) {
            add(row, 0, weight);
            return;
        }
        DenseRows copy = DenseRows.of(row.clone(), new double[] {weight}, dims);
        settings.geometry().prepare(copy, 0, 1);
        add(copy, 0);
    }

    /** Adds {@code data[offset .. offset+dims)} with weight {@code weight}. */
    private void add(double[] data, int offset, double weight) {
        if (!Weights.isValid(weight)) {
            throw Weights.rejected(weight, name + ": row " + (stream.rows() + 1));
        }
        int bad = Arithmetic.get().firstUnusable(data, offset, offset + dims);
        if (bad >= 0 && Double.isNaN(data[bad])) {
            throw new InvalidInputException(name + ": row " + (stream.rows() + 1) + ", column " + (bad - offset + 1) + ": missing "
                    + "value (NaN): one pass has no statistics pass to fill it in from (read a file, or fill it first)");
        }
        if (bad >= 0) {
            throw Values.rejected(data[bad], name + ": row " + (stream.rows() + 1) + ", column " + (bad - offset + 1));
        }
        stream.add(data, offset, weight);
    }

    /** Adds row {@code i} of {@code rows} (the coreset holds rows densely). */
    private void add(Rows rows, int i) {
        if (scratch == null) {
            scratch = new double[dims];
        }
        rows.copyRow(i, scratch, 0);
        add(scratch, 0, rows.weights[i]);
    }

    public long rows() {
        return stream.rows();
    }

    public double[] min() {
        return stream.min();
    }

    public double[] max() {
        return stream.max();
    }

    public double[] mean() {
        return stream.mean();
    }

    public double totalWeight() {
        return stream.totalWeight();
    }

    /**
     * The fit of every row added, clustered in the space {@code (x − shift)·scale} (per column;
     * both null: the rows' own units). The centroids are in that space.
     */
    public FitResult finish(double[] shift, double[] scale) {
        if ((shift == null) != (scale == null) || shift != null && (shift.length != dims || scale.length != dims)) {
            throw new IllegalArgumentException("shift and scale: both null, or both of " + dims + " values");
        }
        Groups groups = stream.groups();
        int positive = 0;
        for (int g = 0; g < groups.size(); g++) {
            positive += groups.weight(g) > 0 ? 1 : 0;
        }
        if (stream.rows() == 0) {
            throw new InvalidInputException(name + ": empty input (no data rows)");
        }
        if (positive < settings.k()) {
            throw new InvalidInputException("k = " + settings.k() + " is larger than the number of "
                    + (stream.reduced() ? "groups" : "rows with positive weight") + " (" + positive + ") in " + name);
        }
        double[] points = groups.means(shift, scale);
        FitResult onGroups;
        try (LocalPasses passes = new LocalPasses(new FlatRows(points, groups.weights(), dims, name), settings)) {
            onGroups = FitRun.exact(passes, settings, Progress.NONE, null, null, null, null);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // in memory: no I/O happens
        }
        double[][] centroids = onGroups.centroids();
        Kernel kernel = Kernels.create(centroids, Kernel.meanOf(centroids), RowFormat.DENSE, settings.geometry());
        BlockLabels labels = new BlockLabels(kernel, 1, false);
        DenseRows means = DenseRows.of(points, groups.weights(), dims);
        double[] sizes = new double[centroids.length];
        double inertia = 0;
        for (int g = 0; g < groups.size(); g++) {
            labels.assign(means, g, g + 1);
            int c = labels.labels[0];
            sizes[c] += groups.weight(g);
            inertia += groups.squaredDistance(g, centroids[c], shift, scale);
        }
        return new FitResult(centroids, sizes, inertia, onGroups.iterations(), onGroups.converged(), onGroups.history(),
                onGroups.initialCentroids());
    }
}
