package io.github.minibatchkmeans.core;

import io.github.minibatchkmeans.core.internal.coreset.CoresetStream;
import io.github.minibatchkmeans.core.internal.coreset.Groups;
import io.github.minibatchkmeans.core.internal.kernel.Arithmetic;
import io.github.minibatchkmeans.core.spi.InvalidInputException;
import io.github.minibatchkmeans.core.spi.Values;
import io.github.minibatchkmeans.core.spi.Weights;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A fit that sees every row exactly once, in bounded memory, with a result that hardly depends on
 * row order — for data that can be read only once (standard input, a one-shot stream, Weka's
 * incremental training) or when one pass is all one wants to pay for ({@link Mode#ONE_PASS}).
 *
 * <p>Rows go into a streaming coreset (merge and reduce of k-means++ reductions): a stream that
 * fits the buffer is kept whole, a longer one is summarized by a few thousand weighted groups, each
 * part of the stream by its own. {@link #finish} then runs EXACT k-means with restarts on the
 * groups, and takes sizes and inertia from the groups' sums and sums of squares, with no second
 * pass: exact while the groups are the rows themselves; once rows were merged, each group is
 * counted whole at the centroid nearest its mean, so the inertia is an upper bound on the rows'
 * own (measured 1.5–2.6 % above it on overlapping blobs, whose true inertia under the one-pass
 * centroids was within 0.05 % of EXACT mode's). Obtained from {@link MiniBatchKMeans#onePass};
 * not thread-safe.
 */
public final class OnePass {
    /** Groups kept per reduction: 40 per cluster (StreamKM++ uses 200), at least 400. */
    static final int GROUPS_PER_CLUSTER = 40;
    private static final int MIN_GROUPS = 400;
    private static final int MAX_GROUPS = 8192;

    private final KMeansConfig config;
    private final int dims;
    private final String name;
    private final CoresetStream stream;

    OnePass(KMeansConfig config, int dims, boolean scaleByRange, String name) {
        if (dims < 1) {
            throw new InvalidInputException(name + ": no columns");
        }
        this.config = config;
        this.dims = dims;
        this.name = name;
        int groups = Math.min(MAX_GROUPS, Math.max(MIN_GROUPS, GROUPS_PER_CLUSTER * config.k()));
        this.stream = new CoresetStream(dims, groups, CoresetStream.bufferRows(dims, groups, config.heapBudgetBytes() / 2),
                config.seed(), scaleByRange);
    }

    /** Adds one row with weight {@code weight} (≥ 0, finite). */
    public void add(double[] row, double weight) {
        if (row.length != dims) {
            throw new InvalidInputException(name + ": row " + (stream.rows() + 1) + " has " + row.length + " values, expected "
                    + dims);
        }
        add(row, 0, weight);
    }

    /** Adds {@code data[offset .. offset+dims)} with weight {@code weight}. */
    void add(double[] data, int offset, double weight) {
        if (!Weights.isValid(weight)) {
            throw Weights.rejected(weight, name + ": row " + (stream.rows() + 1));
        }
        int bad = Arithmetic.get().firstUnusable(data, offset, offset + dims);
        if (bad >= 0) {
            throw Values.rejected(data[bad], name + ": row " + (stream.rows() + 1) + ", column " + (bad - offset + 1));
        }
        stream.add(data, offset, weight);
    }

    /** Rows added so far. */
    public long rows() {
        return stream.rows();
    }

    /** Each column's smallest value so far. */
    public double[] min() {
        return stream.min();
    }

    /** Each column's largest value so far. */
    public double[] max() {
        return stream.max();
    }

    /** Each column's weighted mean so far. */
    public double[] mean() {
        return stream.mean();
    }

    /** Total weight so far. */
    public double totalWeight() {
        return stream.totalWeight();
    }

    /** The model of every row added, clustered in the rows' own units. */
    public KMeansModel finish() {
        return finish(null, null);
    }

    /**
     * The model of every row added, clustered in the space {@code (x − shift)·scale} (per column),
     * chosen after the stream — say, each column scaled to [0, 1] by its range, from {@link #min()}
     * and {@link #max()}. The centroids are in that space.
     */
    public KMeansModel finish(double[] shift, double[] scale) {
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
        if (positive < config.k()) {
            throw new InvalidInputException("k = " + config.k() + " is larger than the number of "
                    + (stream.reduced() ? "groups" : "rows with positive weight") + " (" + positive + ") in " + name);
        }
        double[] points = groups.means(shift, scale);
        KMeansConfig exact = config.toBuilder().mode(Mode.EXACT).build();
        KMeansModel onGroups;
        try {
            onGroups = new MiniBatchKMeans(exact).fit(ArraySource.ofFlat(points, dims, groups.weights()));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in memory: no I/O happens
        }
        double[][] centroids = onGroups.centroids();
        double[] sizes = new double[centroids.length];
        double inertia = 0;
        for (int g = 0; g < groups.size(); g++) {
            int c = onGroups.predict(java.util.Arrays.copyOfRange(points, g * dims, (g + 1) * dims));
            sizes[c] += groups.weight(g);
            inertia += groups.squaredDistance(g, centroids[c], shift, scale);
        }
        return onGroups.toBuilder().mode(Mode.ONE_PASS).sizes(sizes).inertia(inertia).build();
    }
}
