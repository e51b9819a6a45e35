package io.github.minibatchkmeans.core.internal.engine;

import io.github.minibatchkmeans.core.internal.kernel.BlockLabels;
import io.github.minibatchkmeans.core.internal.kernel.Kernel;
import io.github.minibatchkmeans.core.internal.kernel.Kernels;
import io.github.minibatchkmeans.core.internal.metric.Geometry;
import io.github.minibatchkmeans.core.internal.pass.PassRunner;
import io.github.minibatchkmeans.core.internal.rows.Arithmetic;
import io.github.minibatchkmeans.core.internal.rows.DenseRows;
import io.github.minibatchkmeans.core.internal.rows.RowFormat;
import io.github.minibatchkmeans.core.internal.rows.Rows;
import io.github.minibatchkmeans.core.internal.rows.SparseRows;
import io.github.minibatchkmeans.core.internal.stats.ClusterStatistics;
import io.github.minibatchkmeans.core.internal.stats.RowRandom;
import io.github.minibatchkmeans.core.internal.stats.TopRows;
import io.github.minibatchkmeans.core.spi.InvalidInputException;
import io.github.minibatchkmeans.core.spi.PassStatistics;
import io.github.minibatchkmeans.core.spi.Values;
import io.github.minibatchkmeans.core.spi.Weights;
import java.io.Serial;
import java.util.Arrays;
import java.util.Objects;

/**
 * The core's {@link PassStatistics}: the statistics of one Lloyd pass over some of the rows, for
 * engines that hold the data themselves. Each row is assigned to its nearest centroid by the
 * core's kernel and added into that centroid's sum-vector and weight, with the weighted inertia.
 * They are additive — statistics of disjoint parts {@link #merge merge} into those of the whole —
 * so a distributed pass is: a {@link Start} shipped to every part, {@link #add} there, merge,
 * then {@link #means()}: the centroids in-memory Lloyd computes from the same ones.
 *
 * <p>Every sum is compensated term by term (Neumaier): what is left of the rounding error is about
 * n·2⁻¹⁰⁶ of the terms' magnitude, far below one rounding step of the total, so the totals come out
 * the same whatever order the rows and parts arrive in. Optionally a pass also keeps a few rows:
 * the ones farthest from their centroid (to relocate clusters a pass left empty), a uniform random
 * sample, or rows drawn ∝ weight × squared distance (k-means|| rounds); a summary pass also keeps
 * each feature's spread and range. Which rows are kept depends only on the rows and their ids.
 */
public final class GatheredStatistics implements PassStatistics {
    @Serial
    private static final long serialVersionUID = 2L;

    private enum Kept { NONE, FARTHEST, SAMPLE, BY_DISTANCE }

    private final double[][] centers;
    private final double[] origin;
    private final ClusterStatistics statistics;
    private final Kept kept;
    private final TopRows rows;
    private final long seed;
    /** A summary pass's per-feature moments about the origin, range and positive rows; null otherwise. */
    private final FeatureMoments moments;
    private long count;
    /** The share of rows a Bernoulli-sampled pass takes, and the seed of its draws. */
    private double fraction = 1;
    private long drawSeed;
    /** How rows are prepared and compared: the fit's metric. */
    private Geometry geometry = Geometry.EUCLIDEAN;
    /** What fills a missing value (NaN) of a row; null: none is filled in. */
    private double[] fills;
    /** Per feature, the weight of the rows lacking it, when this pass counts missing values (each then added as 0); else null. */
    private double[] missingWeight;
    private long[] missingCount;
    /** True if a row's missing values (NaN) are left out: the kernel measures it over the features it has. */
    private boolean leavingOut;
    private transient BlockLabels block;
    private transient DenseRows buffer;
    private transient double[] blockWeights;
    private transient long[] blockIds;
    /** Sparse rows' block: its kernel's labels and its rows (the weights and ids buffers are shared). */
    private transient BlockLabels sparseBlock;
    private transient SparseRows sparseBuffer;

    private GatheredStatistics(double[][] centers, double[] origin, Kept kept, int keep, long seed, boolean summary) {
        Objects.requireNonNull(centers, "centers");
        if (centers.length == 0) {
            throw new IllegalArgumentException("no centers");
        }
        int dims = centers[0].length;
        for (double[] c : centers) {
            if (c.length != dims) {
                throw new IllegalArgumentException("centers of different lengths: " + dims + " and " + c.length);
            }
        }
        if (origin.length != dims) {
            throw new IllegalArgumentException("origin has " + origin.length + " values, the centers " + dims);
        }
        this.centers = Matrices.copy(centers);
        this.origin = origin.clone();
        this.statistics = new ClusterStatistics(centers.length, dims, origin);
        this.kept = kept;
        this.rows = kept == Kept.NONE ? null : new TopRows(keep, dims);
        this.seed = seed;
        this.moments = summary ? new FeatureMoments(dims) : null;
    }

    /**
     * Empty statistics of a pass with {@code centers}, measuring rows from {@code origin} — the
     * data's mean is best: distances computed as ‖x−o‖² − 2(x−o)·(c−o) + ‖c−o‖² lose nothing to
     * cancellation when o is near the data.
     */
    public static GatheredStatistics of(double[][] centers, double[] origin) {
        return new GatheredStatistics(centers, origin, Kept.NONE, 0, 0, false);
    }

    /** As {@link #of}, also keeping the {@code keep} rows of positive weight farthest from their centroid. */
    public static GatheredStatistics withFarthest(double[][] centers, double[] origin, int keep) {
        return new GatheredStatistics(centers, origin, Kept.FARTHEST, keep, 0, false);
    }

    /** As {@link #of}, also keeping a uniform sample of {@code keep} rows of positive weight, a pure function of {@code seed} and the ids. */
    public static GatheredStatistics withSample(double[][] centers, double[] origin, int keep, long seed) {
        return new GatheredStatistics(centers, origin, Kept.SAMPLE, keep, seed, false);
    }

    /**
     * The statistics pass about one center, {@code origin}: as {@link #withSample}, with each
     * feature's weighted squared deviation from the origin, smallest and largest value, and the
     * count of rows of positive weight.
     */
    public static GatheredStatistics summary(double[] origin, int keep, long seed) {
        return new GatheredStatistics(new double[][] {origin}, origin, Kept.SAMPLE, keep, seed, true);
    }

    /**
     * As {@link #of}, also keeping {@code keep} distinct rows drawn with probability proportional
     * to weight × squared distance to the nearest center (Efraimidis–Spirakis keys, a pure function
     * of {@code seed} and the row ids): k-means|| oversampling with a fixed number of candidates.
     */
    public static GatheredStatistics withDistanceSample(double[][] centers, double[] origin, int keep, long seed) {
        return new GatheredStatistics(centers, origin, Kept.BY_DISTANCE, keep, seed, false);
    }

    /**
     * Makes this pass also sum each cluster's distances ({@link #spread}).
     *
     * @return this
     */
    public GatheredStatistics withSpread() {
        statistics.withSpread();
        return this;
    }

    /** Per cluster, the weighted sum of its rows' distances to the centroid, if {@link #withSpread}; else null. */
    public double[] spread() {
        return statistics.spread();
    }

    /**
     * Makes this pass prepare and compare rows by {@code metric} (the fit's), as a local pass would.
     *
     * @return this
     */
    public GatheredStatistics comparing(Geometry metric) {
        this.geometry = metric;
        return this;
    }

    /**
     * Makes this pass fill each missing value (NaN) with its feature's {@code fills} value (null:
     * a missing value stays an error), as the local passes do after the statistics pass.
     *
     * @return this
     */
    public GatheredStatistics filling(double[] fills) {
        this.fills = fills;
        return this;
    }

    /**
     * Makes this pass, when {@code leave}, leave each missing value (NaN) out: a row is measured over
     * the features it has and adds to its cluster's sums only those ({@code MissingValues.IGNORE}).
     *
     * @return this
     */
    public GatheredStatistics leavingOutMissing(boolean leave) {
        this.leavingOut = leave;
        return this;
    }

    /**
     * Makes this pass count the missing values (NaN) per feature and add each as 0, so that the
     * mean of a feature over the rows that have it is its sum over the weight of those rows
     * ({@link #presentWeights}): the first pass of a summary that fills them in.
     *
     * @return this
     */
    public GatheredStatistics countingMissing() {
        this.missingWeight = new double[dimensions()];
        this.missingCount = new long[dimensions()];
        return this;
    }

    /** Per feature, the weight of the rows that have it; null unless {@link #countingMissing}. */
    public double[] presentWeights() {
        if (missingWeight == null) {
            return null;
        }
        double[] present = new double[missingWeight.length];
        for (int j = 0; j < present.length; j++) {
            present[j] = statistics.weights()[0] - missingWeight[j];
        }
        return present;
    }

    /** Per feature, the missing values counted ({@link #countingMissing}); null otherwise. */
    public long[] missingCounts() {
        return missingCount == null ? null : missingCount.clone();
    }

    /**
     * Makes this pass a Bernoulli sample: each row added from now on counts with probability
     * {@code fraction}, drawn as a pure function of {@code seed} and its id (independent of the kept
     * rows' draws), so the same rows take part however the data are cut.
     *
     * @return this
     */
    public GatheredStatistics bernoulli(double fraction, long seed) {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("fraction must be in (0, 1], got " + fraction);
        }
        this.fraction = fraction;
        this.drawSeed = ~seed;
        return this;
    }

    @Override
    public GatheredStatistics add(double[][] batch, double[] weights, long firstId) {
        return (GatheredStatistics) PassStatistics.super.add(batch, weights, firstId);
    }

    @Override
    public GatheredStatistics add(double[][] batch, double[] weights, long[] ids) {
        int dims = dimensions();
        if (weights != null && weights.length != batch.length || ids.length != batch.length) {
            throw new IllegalArgumentException(batch.length + " rows but " + (weights == null ? ids.length : weights.length)
                    + " weights or ids");
        }
        if (block == null) {
            block = new BlockLabels(Kernels.create(centers, origin, RowFormat.DENSE, geometry), PassRunner.BLOCK_ROWS, false);
            blockWeights = new double[PassRunner.BLOCK_ROWS];
            buffer = new DenseRows(new double[PassRunner.BLOCK_ROWS * dims], blockWeights, dims);
            blockIds = new long[PassRunner.BLOCK_ROWS];
        }
        Arithmetic arithmetic = Arithmetic.get();
        int n = 0;
        for (int i = 0; i < batch.length; i++) {
            long id = ids[i];
            if (fraction < 1 && RowRandom.uniform(drawSeed, id) > fraction) {
                continue; // not in this pass's sample
            }
            double[] row = batch[i];
            if (row.length != dims) {
                throw new IllegalArgumentException("row " + id + " has " + row.length + " values, the centers " + dims);
            }
            double w = weights == null ? 1 : weights[i];
            if (!Weights.isValid(w)) {
                throw Weights.rejected(w, "row " + id);
            }
            boolean missingAllowed = fills != null || missingWeight != null || leavingOut;
            int bad = missingAllowed ? arithmetic.firstInvalid(row, 0, dims) : arithmetic.firstUnusable(row, 0, dims);
            if (bad >= 0) {
                throw Values.rejected(row[bad], "row " + id + ", feature " + bad);
            }
            buffer.putRow(n, row, 0, w);
            if (missingAllowed && !leavingOut) {
                fillMissing(n, w);
            }
            blockIds[n++] = id;
            if (n == PassRunner.BLOCK_ROWS) {
                addBlock(buffer, block, n);
                n = 0;
            }
        }
        if (n > 0) {
            addBlock(buffer, block, n);
        }
        return this;
    }

    @Override
    public GatheredStatistics addSparse(int[] rowEnds, int[] indices, double[] values, double[] weights, long[] ids) {
        int dims = dimensions();
        int count = ids.length;
        if (weights != null && weights.length != count || rowEnds.length < count) {
            throw new IllegalArgumentException(count + " ids but " + rowEnds.length + " rows or " + (weights == null ? count : weights.length)
                    + " weights");
        }
        if (sparseBlock == null) {
            sparseBlock = new BlockLabels(Kernels.create(centers, origin, RowFormat.SPARSE, geometry), PassRunner.BLOCK_ROWS, false);
            blockWeights = blockWeights != null ? blockWeights : new double[PassRunner.BLOCK_ROWS];
            blockIds = blockIds != null ? blockIds : new long[PassRunner.BLOCK_ROWS];
            sparseBuffer = new SparseRows(new int[PassRunner.BLOCK_ROWS], new int[dims], new double[dims], blockWeights, dims);
        }
        int n = 0;
        for (int i = 0; i < count; i++) {
            long id = ids[i];
            int from = i == 0 ? 0 : rowEnds[i - 1];
            int to = rowEnds[i];
            if (fraction < 1 && RowRandom.uniform(drawSeed, id) > fraction) {
                continue; // not in this pass's sample
            }
            double w = weights == null ? 1 : weights[i];
            if (!Weights.isValid(w)) {
                throw Weights.rejected(w, "row " + id);
            }
            for (int e = from; e < to; e++) {
                if (indices[e] < 0 || indices[e] >= dims || e > from && indices[e] <= indices[e - 1]) {
                    throw new InvalidInputException("row " + id + ", index " + indices[e] + ": outside the " + dims
                            + " features, or not after the index before it");
                }
                if (!Values.isUsable(values[e])) {
                    throw Values.rejected(values[e], "row " + id + ", feature " + indices[e]);
                }
            }
            sparseBuffer.putRow(n, indices, values, from, to, w);
            blockIds[n++] = id;
            if (n == PassRunner.BLOCK_ROWS) {
                addBlock(sparseBuffer, sparseBlock, n);
                n = 0;
            }
        }
        if (n > 0) {
            addBlock(sparseBuffer, sparseBlock, n);
        }
        return this;
    }

    /** Fills row {@code n} of the buffer's missing values, or counts them and adds them as 0. */
    private void fillMissing(int n, double w) {
        if (fills != null) {
            buffer.fillMissing(n, n + 1, fills);
            return;
        }
        buffer.zeroMissing(n, w, missingWeight, missingCount);
    }

    /** Prepares the {@code n} rows of {@code buffer}, labels them with {@code block}, adds them; offers them to the kept rows. */
    private void addBlock(Rows buffer, BlockLabels block, int n) {
        double[] w = blockWeights;
        buffer.span(0, n);
        geometry.prepare(buffer, 0, n);
        SparseRows sparse = buffer instanceof SparseRows s ? s : null;
        block.assign(buffer, 0, n, (i, label, centred, offset, squared) -> {
            if (centred != null) {
                statistics.addCompensated(centred, offset, w[i], label, squared);
            } else if (sparse != null) {
                statistics.addCompensated(sparse, i, w[i], label, squared);
            } else { // a dense row with missing values, left out
                statistics.addCompensatedWithGaps(buffer, i, w[i], label, squared);
            }
        });
        count += n;
        if (moments != null) {
            double[] row = sparse == null ? new double[dimensions()] : null;
            for (int i = 0; i < n; i++) {
                if (sparse != null) {
                    moments.add(sparse, i, w[i]);
                } else {
                    buffer.copyRow(i, row, 0);
                    moments.add(row, 0, w[i], origin);
                }
            }
        }
        if (kept == Kept.NONE) {
            return;
        }
        Kernel kernel = block.kernel();
        for (int i = 0; i < n; i++) {
            if (w[i] > 0) {
                int c = block.labels[i];
                long id = blockIds[i];
                double score = switch (kept) {
                    case FARTHEST -> kernel.distance(buffer, i, c);
                    case SAMPLE -> RowRandom.uniform(seed, id);
                    // u^(1/(w·d²)) ranks rows as drawing them one by one ∝ w·d² would; its log keeps the precision
                    default -> Math.log(RowRandom.uniform(seed, id)) / (w[i] * kernel.distance(buffer, i, c));
                };
                if (score > Double.NEGATIVE_INFINITY) { // a row on a center is never drawn
                    rows.offer(score, id, w[i], c, buffer, i);
                }
            }
        }
    }

    @Override
    public GatheredStatistics merge(PassStatistics part) {
        if (!(part instanceof GatheredStatistics other) || other.kept != kept || other.fraction != fraction
                || other.geometry != geometry
                || other.drawSeed != drawSeed || (other.moments == null) != (moments == null)
                || !Arrays.deepEquals(other.centers, centers) || !Arrays.equals(other.origin, origin)) {
            throw new IllegalArgumentException("statistics of another pass (other centers, origin, draws or kept rows)");
        }
        statistics.merge(other.statistics);
        if (rows != null) {
            rows.merge(other.rows);
        }
        if (moments != null) {
            moments.merge(other.moments);
        }
        count += other.count;
        if (missingWeight != null && other.missingWeight != null) {
            for (int j = 0; j < missingWeight.length; j++) {
                missingWeight[j] += other.missingWeight[j];
            }
            for (int j = 0; j < missingCount.length; j++) {
                missingCount[j] += other.missingCount[j];
            }
        }
        return this;
    }

    public int k() {
        return centers.length;
    }

    public int dimensions() {
        return centers[0].length;
    }

    /** The centers the rows were assigned to (a copy). */
    public double[][] centers() {
        return Matrices.copy(centers);
    }

    /** Rows added (those a Bernoulli pass drew), of any weight. */
    @Override
    public long rows() {
        return count;
    }

    /** Total weight assigned to each centroid. */
    public double[] weights() {
        return statistics.weights();
    }

    /** Sum over rows of weight × squared distance to the nearest centroid. */
    public double inertia() {
        return statistics.inertia();
    }

    /** How many centroids got no weight. */
    public int emptyClusters() {
        return statistics.emptyCount();
    }

    /**
     * The Lloyd update: each centroid moves to the weighted mean of its rows; one without rows stays
     * where it was (call {@link #relocateEmptyClusters} first to move it instead).
     */
    public double[][] means() {
        return statistics.means(centers);
    }

    /**
     * Moves each empty cluster onto one of the rows {@code farthest} kept (scikit-learn's rule: the
     * farthest first, taking the row's weight and sum out of its own cluster); {@code farthest}
     * must come from {@link #withFarthest} over the same rows and centers.
     */
    public int relocateEmptyClusters(GatheredStatistics farthest) {
        if (farthest.kept != Kept.FARTHEST || !Arrays.deepEquals(farthest.centers, centers)) {
            throw new IllegalArgumentException("not the farthest rows of this pass's centers");
        }
        return statistics.relocateEmptyClusters(farthest.rows);
    }

    /** The kept rows, first the farthest or first drawn; empty if this pass keeps none. */
    public double[][] keptRows() {
        if (rows == null) {
            return new double[0][];
        }
        int[] order = rows.slotsBestFirst();
        double[][] out = new double[order.length][dimensions()];
        for (int i = 0; i < order.length; i++) {
            rows.copyValues(order[i], out[i], 0);
        }
        return out;
    }

    /** The weights of {@link #keptRows()}, in the same order. */
    public double[] keptWeights() {
        return rows == null ? new double[0] : Arrays.stream(rows.slotsBestFirst()).mapToDouble(rows::weight).toArray();
    }

    /** The ids of {@link #keptRows()}, in the same order. */
    public long[] keptIds() {
        return rows == null ? new long[0] : Arrays.stream(rows.slotsBestFirst()).mapToLong(rows::row).toArray();
    }

    /** A summary pass's per-feature moments (null for other passes). */
    FeatureMoments moments() {
        return moments;
    }

    /** The batch statistics, for the online learner. */
    ClusterStatistics statistics() {
        return statistics;
    }

    /** The kept sample in its random order, or null. */
    TopRows sample() {
        return kept == Kept.SAMPLE ? rows : null;
    }

    /** A summary pass's per-feature moments about the origin: Σw(x−o)², range, rows of positive weight; compensated. */
    static final class FeatureMoments implements java.io.Serializable {
        @Serial
        private static final long serialVersionUID = 1L;
        final double[] squares;
        private final double[] squareErrors;
        private final double[] min;
        private final double[] max;
        long positive;
        /** Sparse rows only: per feature, the rows of positive weight that store it (the others hold 0 there); else null. */
        private long[] stored;

        FeatureMoments(int dims) {
            squares = new double[dims];
            squareErrors = new double[dims];
            min = new double[dims];
            max = new double[dims];
            Arrays.fill(min, Double.POSITIVE_INFINITY);
            Arrays.fill(max, Double.NEGATIVE_INFINITY);
        }

        void add(double[] x, int offset, double w, double[] origin) {
            if (w == 0) {
                return;
            }
            positive++;
            for (int j = 0; j < squares.length; j++) {
                double v = x[offset + j];
                double d = v - origin[j];
                addCompensated(j, w * d * d);
                min[j] = Math.min(min[j], v);
                max[j] = Math.max(max[j], v);
            }
        }

        /** Row {@code i} of sparse rows, measured from 0 (the origin of sparse rows). */
        void add(SparseRows rows, int i, double w) {
            if (w == 0) {
                return;
            }
            if (stored == null) {
                stored = new long[squares.length];
            }
            positive++;
            for (int e = rows.start(i), end = rows.end(i); e < end; e++) {
                int j = rows.indexAt(e);
                double v = rows.valueAt(e);
                addCompensated(j, w * v * v);
                min[j] = Math.min(min[j], v);
                max[j] = Math.max(max[j], v);
                stored[j]++;
            }
        }

        /** Each feature's smallest value, the zeros sparse rows leave out included. */
        double[] min() {
            return withZeros(min, Math::min);
        }

        /** Each feature's largest value, the zeros sparse rows leave out included. */
        double[] max() {
            return withZeros(max, Math::max);
        }

        private double[] withZeros(double[] values, java.util.function.DoubleBinaryOperator widen) {
            double[] out = values.clone();
            for (int j = 0; stored != null && j < out.length; j++) {
                if (stored[j] < positive) {
                    out[j] = widen.applyAsDouble(out[j], 0);
                }
            }
            return out;
        }

        private void addCompensated(int j, double value) {
            double t = squares[j];
            double s = t + value;
            squareErrors[j] += Math.abs(t) >= Math.abs(value) ? (t - s) + value : (value - s) + t;
            squares[j] = s;
        }

        void merge(FeatureMoments other) {
            for (int j = 0; j < squares.length; j++) {
                addCompensated(j, other.squares[j]);
                squareErrors[j] += other.squareErrors[j];
                min[j] = Math.min(min[j], other.min[j]);
                max[j] = Math.max(max[j], other.max[j]);
            }
            if (other.stored != null) {
                if (stored == null) {
                    stored = new long[squares.length];
                }
                for (int j = 0; j < stored.length; j++) {
                    stored[j] += other.stored[j];
                }
            }
            positive += other.positive;
        }

        /** Σw(x_j − o_j)², the errors folded in. */
        double square(int j) {
            return squares[j] + squareErrors[j];
        }
    }
}
