package io.github.minibatchkmeans.core.internal.engine;

import io.github.minibatchkmeans.core.internal.assign.FarthestTask;
import io.github.minibatchkmeans.core.internal.assign.LloydTask;
import io.github.minibatchkmeans.core.internal.kernel.KernelFactory;
import io.github.minibatchkmeans.core.internal.kernel.Kernels;
import io.github.minibatchkmeans.core.internal.metric.Geometry;
import io.github.minibatchkmeans.core.internal.pass.BlockSupply;
import io.github.minibatchkmeans.core.internal.pass.BlockTask;
import io.github.minibatchkmeans.core.internal.pass.FlatRows;
import io.github.minibatchkmeans.core.internal.pass.KeptRows;
import io.github.minibatchkmeans.core.internal.pass.PassRunner;
import io.github.minibatchkmeans.core.internal.pass.TaskGroup;
import io.github.minibatchkmeans.core.internal.prune.BoundedLloyd;
import io.github.minibatchkmeans.core.internal.prune.BoundedLloyd.Variant;
import io.github.minibatchkmeans.core.internal.rows.RowFormat;
import io.github.minibatchkmeans.core.internal.rows.Rows;
import io.github.minibatchkmeans.core.internal.source.ShuffledSource;
import io.github.minibatchkmeans.core.internal.stats.ClusterSpread;
import io.github.minibatchkmeans.core.internal.stats.ClusterStatistics;
import io.github.minibatchkmeans.core.internal.stats.DataSummary;
import io.github.minibatchkmeans.core.internal.stats.PassOutcome;
import io.github.minibatchkmeans.core.internal.stats.SummaryTask;
import io.github.minibatchkmeans.core.spi.BatchSource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.LongPredicate;

/**
 * The passes of a fit over a source on this machine: batches read (and prefetched) by the
 * {@link PassRunner}, cut into fixed blocks folded in block order on the configured threads.
 * Offers every capability: restarts share each read, exact passes prune with Hamerly's or Elkan's
 * bounds and leave blocks unread ({@link BoundedLloyd}), labels of every row, checkpoints, and
 * streaming. Rows that are not in memory already are read once and kept there while they fit the
 * budget ({@link KeptRows}): a file, text or a toolkit's data set is read, parsed or converted by
 * the first pass only.
 */
public final class LocalPasses implements DataPasses {
    /**
     * Elkan's k bounds per row cost O(k) bookkeeping per row and pass; they pay off only when one
     * distance costs more than that, in wide rows. Measured (one thread, same start): 70,000 × 784
     * image rows, Elkan 1.7 s and Hamerly 1.9 s at k = 10, 7.1 s and 8.1 s at k = 64; 1,000,000 × 16
     * rows at k = 50, Elkan 3.4 s and Hamerly 1.2 s.
     */
    static final int ELKAN_FROM_DIMS = 64;

    private final BatchSource source;
    private final PassRunner passes;
    private final long budgetBytes;
    private final Geometry geometry;
    /** How the source's rows are held: sparse rows stay sparse, and are measured from 0. */
    private final RowFormat format;
    private DataSummary summary;
    /** Where rows and centroids are measured from: the data's mean for dense rows, 0 for sparse ones. */
    private double[] origin;
    /** The kernels of this data's passes: its rows' representation and metric, measured from its mean. */
    private KernelFactory kernels;
    private NearestCenters nearest;

    /**
     * @param source   the rows: in memory ({@link FlatRows}, read in place), or read again on every
     *                 pass — kept after the first, within the settings' budget, if they are parsed or
     *                 decoded each time
     * @param settings the threads, batch size, memory budget and metric of the passes
     */
    public LocalPasses(BatchSource source, Settings settings) {
        this(source, settings, true);
    }

    /**
     * @param keep false if the source is read only once or twice (one-pass fits): keeping rows that
     *             are decoded on every pass would not pay (text is kept all the same)
     */
    private final Settings settings;

    public LocalPasses(BatchSource source, Settings settings, boolean keep) {
        this.geometry = settings.geometry();
        this.settings = settings;
        this.passes = new PassRunner(settings.threads(), settings.batchSize(), geometry);
        int dims = source.dimensions();
        this.format = RowFormat.of(source, geometry.preparesRows());
        this.budgetBytes = HeapPlan.of(settings, format, dims, source.rows(),
                passes.batchFor(format, dims, source.rows().orElse(Long.MAX_VALUE)),
                settings.initializer().usesSample(), Runtime.getRuntime().maxMemory()).perRowBytes();
        BatchSource.Rereading rereading = source.rereading();
        // rows a metric prepares (cosine) are kept prepared even when rereading is cheap: prepared once, not every pass
        boolean kept = rereading == BatchSource.Rereading.PARSES || keep && rereading == BatchSource.Rereading.DECODES
                || keep && rereading == BatchSource.Rereading.CHEAP && geometry.preparesRows();
        this.source = kept ? new KeptRows(source, budgetBytes, geometry) : source;
    }

    @Override
    public long missingValues() {
        return summary == null ? 0 : summary.missingValues();
    }

    @Override
    public int dimensions() {
        return source.dimensions();
    }

    @Override
    public String name() {
        return source.name();
    }

    BatchSource source() {
        return source;
    }

    PassRunner runner() {
        return passes;
    }

    @Override
    public DataSummary summarize(int sampleSize, long seed, Progress progress) throws IOException {
        SummaryTask task = new SummaryTask(source.dimensions(), sampleSize, seed, settings.acceptsMissing(), source.name());
        long total = source.rows().orElse(-1);
        summary = passes.run(source, task, rows -> progress.report(Stage.SUMMARY, 1, rows, total, Double.NaN, false)).toSummary()
                .imputed(settings.nominal());
        if (settings.imputesMissing()) {
            passes.fillingMissing(summary.fills(), source); // every later pass reads the data so completed
        }
        origin = format.centred() ? summary.mean() : new double[source.dimensions()];
        double[] from = origin;
        kernels = centers -> Kernels.create(centers, from, format, geometry);
        progress.report(Stage.SUMMARY, 1, summary.rows(), summary.rows(), Double.NaN, true);
        passes.expectRows(summary.rows());
        return summary;
    }

    /** What is left of the heap budget once parsed rows are kept. */
    long scratchBudgetBytes() {
        return Math.max(0, budgetBytes - (source instanceof KeptRows parsed ? parsed.residentBytes() : 0));
    }

    /**
     * The pruning to use: as asked, or for AUTO Elkan's for rows of at least {@link #ELKAN_FROM_DIMS}
     * features when its k bounds per row fit the budget, else Hamerly's (which spill to a scratch
     * file if they must).
     */
    static Variant variant(Settings.Bounds bounds, int k, long rows, int dims, long budget) {
        return switch (bounds) {
            case OFF -> null;
            case HAMERLY -> Variant.HAMERLY;
            case ELKAN -> Variant.ELKAN;
            case AUTO -> dims >= ELKAN_FROM_DIMS && BoundedLloyd.bytesPerRow(Variant.ELKAN, k) * rows <= budget
                    ? Variant.ELKAN : Variant.HAMERLY;
        };
    }

    @Override
    public Track track(Settings settings, DataSummary data, int starts, boolean labels) {
        long budget = scratchBudgetBytes() / starts;
        // rows with gaps are measured by partial distances, which are not a metric: no bound holds for them
        boolean gaps = settings.ignoresMissing() && data.missingValues() > 0;
        Variant variant = gaps ? null : variant(settings.bounds(), settings.k(), data.rows(), dimensions(), budget);
        if (variant == null) {
            return new PlainTrack(labels ? new int[Math.toIntExact(data.rows())] : null);
        }
        return new PrunedTrack(new BoundedLloyd(source, passes, kernels, data.rows(), origin, settings.k(), variant, budget));
    }

    @Override
    public List<PassOutcome> lloyd(List<Track> tracks, List<double[][]> centers, Stage stage, int number, Progress progress)
            throws IOException {
        long rows = summary.rows();
        List<BlockTask<?>> tasks = new ArrayList<>();
        List<LongPredicate> needs = new ArrayList<>();
        List<BlockSupply> supplies = new ArrayList<>();
        for (int t = 0; t < tracks.size(); t++) {
            LocalTrack track = (LocalTrack) tracks.get(t);
            tasks.add(track.begin(centers.get(t)));
            needs.add(track.needed());
            supplies.add(track.supply());
        }
        LongPredicate needed = needs.contains(null) ? null : block -> needs.stream().anyMatch(n -> n.test(block));
        BlockSupply supply = needed == null ? null : supply(needs, supplies);
        Object[] folded = passes.run(source, new TaskGroup(tasks),
                done -> progress.report(stage, number, done, rows, Double.NaN, false), needed, supply);
        List<PassOutcome> outcomes = new ArrayList<>(tracks.size());
        for (int t = 0; t < tracks.size(); t++) {
            outcomes.add(((LocalTrack) tracks.get(t)).end(folded[t], centers.get(t), stage != Stage.FINAL));
        }
        PassOutcome best = outcomes.stream().min((a, b) -> Double.compare(a.inertia(), b.inertia())).orElseThrow();
        long unread = needed == null ? 0 : unreadBlocks(needed, supply, rows);
        progress.report(stage, number, rows, rows, best.inertia(), true, best.rowsSettled(), unread, tracks.size());
        return outcomes;
    }

    /**
     * The blocks that every start needing them fills from its held rows ({@code supplies}, null:
     * none), each start filling its own — a start never looks at rows it does not need; null if none.
     */
    private static BlockSupply supply(List<LongPredicate> needs, List<BlockSupply> supplies) {
        if (supplies.size() == 1 || supplies.stream().allMatch(Objects::isNull)) {
            return supplies.get(0);
        }
        return new BlockSupply() {
            @Override
            public boolean supplies(long block) {
                boolean any = false;
                for (int r = 0; r < supplies.size(); r++) {
                    boolean supplied = supplies.get(r) != null && supplies.get(r).supplies(block);
                    if (!supplied && needs.get(r).test(block)) {
                        return false;
                    }
                    any |= supplied;
                }
                return any;
            }

            @Override
            public void fill(long firstRow, int count, Rows rows, int at) {
                for (BlockSupply one : supplies) {
                    if (one != null && one.supplies(firstRow / PassRunner.BLOCK_ROWS)) {
                        one.fill(firstRow, count, rows, at);
                    }
                }
            }
        };
    }

    /** Blocks the pass did not read from the source: not needed, or filled from held rows. */
    private static long unreadBlocks(LongPredicate needed, BlockSupply supply, long rows) {
        long unread = 0;
        for (long b = 0; b * PassRunner.BLOCK_ROWS < rows; b++) {
            unread += !needed.test(b) || supply != null && supply.supplies(b) ? 1 : 0;
        }
        return unread;
    }

    @Override
    public Draw draw(double[][] centers, int count, long seed, Progress progress, int pass) throws IOException {
        if (nearest == null) {
            nearest = new NearestCenters(source, passes, kernels, summary, scratchBudgetBytes());
        }
        return nearest.draw(centers, count, seed, progress, pass);
    }

    @Override
    public void epoch(int epoch, Settings settings, Steps steps, Progress progress) throws IOException {
        // a window of sparse rows holds their non-zeros: sized as for rows of that many values (a few dozen), not d
        int window = settings.shuffleWindowRows(format == RowFormat.SPARSE ? Math.min(dimensions(), 64) : dimensions());
        BatchSource order = window > 1 ? new ShuffledSource(source, window, settings.seed() + epoch) : source;
        passes.forEachBatch(order, steps::take,
                rows -> progress.report(Stage.ITERATION, epoch, rows, summary.rows(), Double.NaN, false));
    }

    /** The rows of a stochastic batch that fit the heap: a batch is the unit of update, never shrunk silently. */
    int batchRowsThatFit() {
        return passes.batchFor(format, dimensions(), summary.rows());
    }

    @Override
    public PassOutcome measure(double[][] centers, int[] labelsOut, Stage stage, Progress progress) throws IOException {
        ClusterStatistics stats = LloydTask.pass(passes, source, kernels.create(centers), labelsOut,
                rows -> progress.report(stage, 1, rows, summary.rows(), Double.NaN, false));
        progress.report(stage, 1, summary.rows(), summary.rows(), stats.inertia(), true);
        return new PassOutcome(centers, stats.weights(), stats.inertia(), 0, 0, 0);
    }

    @Override
    public List<ClusterSpread> spread(List<double[][]> models, Progress progress) throws IOException {
        long rows = summary.rows();
        List<LloydTask> tasks = models.stream().map(centers -> new LloydTask(kernels.create(centers), null, true)).toList();
        Object[] folded = passes.run(source, new TaskGroup(tasks), done -> progress.report(Stage.SCORES, 1, done, rows, Double.NaN, false));
        progress.report(Stage.SCORES, 1, rows, rows, Double.NaN, true);
        List<ClusterSpread> spreads = new ArrayList<>(models.size());
        for (int m = 0; m < models.size(); m++) {
            spreads.add(ClusterSpread.of(LloydTask.statisticsOf(folded[m]), models.get(m)));
        }
        return spreads;
    }

    @Override
    public void stream(RowConsumer consumer) throws IOException {
        passes.forEachBatch(source, rows -> {
            for (int i = 0; i < rows.count(); i++) {
                consumer.accept(rows, i);
            }
            return true;
        }, null);
    }

    /** Streams every batch to {@code handler}, reporting progress as pass 1 of {@code stage}. */
    void forEachBatch(PassRunner.BatchHandler handler, Stage stage, Progress progress) throws IOException {
        long total = source.rows().orElse(-1);
        passes.forEachBatch(source, handler, done -> progress.report(stage, 1, done, total, Double.NaN, false));
    }

    @Override
    public void close() {
        if (nearest != null) {
            nearest.close();
        }
        if (source instanceof KeptRows parsed) {
            parsed.close();
        }
    }

    /** A track's pass: its task, the blocks it needs and fills from memory, and its outcome. */
    private interface LocalTrack extends Track {
        BlockTask<?> begin(double[][] centers);

        /** The blocks the pass must read for this track (null: all); after {@link #begin}. */
        LongPredicate needed();

        /** Of those, the blocks it fills from held rows (null: none); after {@link #begin}. */
        BlockSupply supply();

        /** The pass's outcome; clusters it left empty move onto far rows when {@code relocate}. */
        PassOutcome end(Object folded, double[][] centers, boolean relocate) throws IOException;
    }

    /** Plain Lloyd: every row scored in every pass; the labels of the last pass kept when asked. */
    private final class PlainTrack implements LocalTrack {
        private final int[] labels;

        PlainTrack(int[] labels) {
            this.labels = labels;
        }

        @Override
        public BlockTask<?> begin(double[][] centers) {
            return new LloydTask(kernels.create(centers), labels);
        }

        @Override
        public LongPredicate needed() {
            return null;
        }

        @Override
        public BlockSupply supply() {
            return null;
        }

        @Override
        public PassOutcome end(Object folded, double[][] centers, boolean relocate) throws IOException {
            ClusterStatistics stats = LloydTask.statisticsOf(folded);
            double inertia = stats.inertia();
            int relocated = 0;
            if (relocate && stats.anyEmpty()) { // rare: one more pass finds the far points scikit-learn relocates to
                relocated = stats.relocateEmptyClusters(FarthestTask.find(passes, source, kernels.create(centers),
                        stats.emptyCount() + centers.length));
            }
            return new PassOutcome(stats.means(centers), stats.weights(), inertia, 0, 0, relocated);
        }

        @Override
        public void labelsInto(int[] out) {
            System.arraycopy(labels, 0, out, 0, out.length);
        }

        @Override
        public void save(Checkpoint.Writer out) throws IOException {
            out.writeBoolean(false);
        }

        @Override
        public void restore(Checkpoint.Reader in) {
            if (in.readBoolean()) {
                throw in.invalid("written with pruning, resumed without");
            }
        }

        @Override
        public void close() {
        }
    }

    /** Exact Lloyd with bounds: most rows settled, most blocks unread after the first passes. */
    private static final class PrunedTrack implements LocalTrack {
        private final BoundedLloyd bounded;
        private BoundedLloyd.Plan plan;

        PrunedTrack(BoundedLloyd bounded) {
            this.bounded = bounded;
        }

        @Override
        public BlockTask<?> begin(double[][] centers) {
            plan = bounded.begin(centers);
            return plan.task();
        }

        @Override
        public LongPredicate needed() {
            return plan.needed();
        }

        @Override
        public BlockSupply supply() {
            return plan.supply();
        }

        @Override
        public PassOutcome end(Object folded, double[][] centers, boolean relocate) throws IOException {
            PassOutcome outcome = bounded.end(folded, plan, relocate);
            plan = null;
            return outcome;
        }

        @Override
        public void labelsInto(int[] out) {
            bounded.labels(out);
        }

        @Override
        public void save(Checkpoint.Writer out) throws IOException {
            out.writeBoolean(true);
            BoundedLloyd.Saved saved = bounded.save();
            double[][] moments = saved.moments();
            out.writeInt(moments.length);
            for (double[] part : moments) {
                out.writeDoubles(part);
            }
            out.writeMatrix(saved.previous());
            out.writeDouble(saved.largestRowNorm());
            out.writeInts(saved.labels());
        }

        @Override
        public void restore(Checkpoint.Reader in) {
            if (!in.readBoolean()) {
                throw in.invalid("written without pruning, resumed with");
            }
            double[][] moments = new double[in.readCount(Integer.BYTES, "the moments")][];
            for (int i = 0; i < moments.length; i++) {
                moments[i] = in.readDoubles();
            }
            double[][] previous = in.readMatrix();
            double largest = in.readDouble();
            int[] labels = in.readInts();
            try {
                bounded.restore(new BoundedLloyd.Saved(moments, previous, largest, labels));
            } catch (IllegalArgumentException e) {
                throw in.invalid("damaged checkpoint (" + e.getMessage() + ")");
            }
        }

        @Override
        public void close() {
            bounded.close();
        }
    }
}
