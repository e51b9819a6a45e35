package io.github.minibatchkmeans.core.internal.engine;

import io.github.minibatchkmeans.core.internal.rows.Rows;
import io.github.minibatchkmeans.core.internal.stats.ClusterSpread;
import io.github.minibatchkmeans.core.internal.stats.DataSummary;
import io.github.minibatchkmeans.core.internal.stats.PassOutcome;
import java.io.IOException;
import java.util.List;

/**
 * Where the rows are and how a fit passes over them. Every algorithm of the engine — the
 * statistics pass, exact Lloyd with restarts ({@link ExactLloyd}), the initializers' passes
 * ({@link Seeding}), stochastic steps ({@link StochasticLoop}), one-pass ({@link OnePassLearner}) —
 * is written once against this. {@link LocalPasses} runs the passes over a source on this
 * machine's threads; {@link EnginePasses} hands each one to a {@code PassEngine} (Spark
 * partitions). What only some can offer is a capability the algorithms ask for: pruning bounds
 * and unread blocks ({@link #track}), every row's label, checkpoints ({@link Track#save}), reading
 * every row once in stream order ({@link #stream}).
 */
public interface DataPasses extends AutoCloseable {

    int dimensions();

    /** How many values the statistics pass found missing (and later passes fill in); 0 before it. */
    default long missingValues() {
        return 0;
    }

    /** The data's name, for messages. */
    String name();

    /** The statistics pass: counts, weight, per-feature mean, variance and range, a uniform sample. */
    DataSummary summarize(int sampleSize, long seed, Progress progress) throws IOException;

    /**
     * The state one start of an exact fit keeps between passes — pruning bounds where these passes
     * prune, this start's labels when {@code labels} and they can be kept.
     *
     * @param starts how many starts share the passes (they share the memory budget too)
     */
    Track track(Settings settings, DataSummary summary, int starts, boolean labels);

    /**
     * One assignment pass serving every track with its centers (one read of the data): for each,
     * the new means — clusters left empty moved onto far rows (scikit-learn's rule), except in the
     * {@link Stage#FINAL} pass, which measures the centers as they are, so its sizes agree with its
     * labels — with the weights, inertia and work saved, reported as pass {@code number} of {@code stage}.
     */
    List<PassOutcome> lloyd(List<Track> tracks, List<double[][]> centers, Stage stage, int number, Progress progress)
            throws IOException;

    /**
     * A D² pass over every row: each row's squared distance D² to the nearest of {@code centers};
     * draws {@code count} distinct rows with probability ∝ weight × D² (keys a pure function of
     * {@code seed} and the row), sums the cost Σ w·D² and weighs each center by its nearest rows.
     */
    Draw draw(double[][] centers, int count, long seed, Progress progress, int pass) throws IOException;

    /** Rows drawn ∝ w·D² (the first drawn first), each center's weight of nearest rows, and the cost Σ w·D². */
    record Draw(double[][] rows, double[] weights, double cost) {
    }

    /**
     * One epoch of stochastic steps, each handed to {@code steps} until it says stop: the batches
     * of the stream (in a shuffled window), or, where the rows are not streamed here, passes over
     * Bernoulli samples of about a batch of rows each.
     */
    void epoch(int epoch, Settings settings, Steps steps, Progress progress) throws IOException;

    /** Takes stochastic steps: a batch of rows, or a batch's statistics gathered elsewhere. */
    interface Steps {
        /** The centers the next step assigns to. */
        double[][] centers();

        /** One step over the rows of {@code batch}; false to stop. */
        boolean take(Rows batch) throws IOException;

        /** One step from statistics gathered against {@link #centers()}; false to stop. */
        boolean take(GatheredStatistics batch);
    }

    /**
     * The weights and inertia of {@code centers} over every row, reported as the one pass of
     * {@code stage}; each row's label into {@code labelsOut} when given (only where rows are local).
     */
    PassOutcome measure(double[][] centers, int[] labelsOut, Stage stage, Progress progress) throws IOException;

    /**
     * One pass measuring several fitted models at once (a sweep over k): for each, its clusters'
     * weights, the means of their rows, their distance sums and the inertia, reported as {@link Stage#SCORES}.
     */
    List<ClusterSpread> spread(List<double[][]> models, Progress progress) throws IOException;

    /** Every row once, in stream order, to {@code rows}; where rows are not streamed here, refused. */
    void stream(RowConsumer rows) throws IOException;

    /** Receives rows one at a time: row {@code i} of {@code rows}, valid during the call. */
    @FunctionalInterface
    interface RowConsumer {
        void accept(Rows rows, int i);
    }

    /** Frees what the passes kept (spill files, scratch bounds). */
    @Override
    void close();

    /** One start's state between passes. */
    interface Track extends AutoCloseable {
        /** This start's labels after its last pass, by row; only for tracks made with labels. */
        void labelsInto(int[] out);

        /** Writes what a checkpoint keeps of this track. */
        void save(Checkpoint.Writer out) throws IOException;

        /** Continues from what {@link #save} wrote. */
        void restore(Checkpoint.Reader in);

        @Override
        void close();
    }
}
