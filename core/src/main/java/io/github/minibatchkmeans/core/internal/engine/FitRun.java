package io.github.minibatchkmeans.core.internal.engine;

import io.github.minibatchkmeans.core.internal.stats.DataSummary;
import io.github.minibatchkmeans.core.spi.InvalidInputException;
import java.io.IOException;
import java.util.Arrays;

/**
 * One fit, whatever holds the data: the <em>statistics pass</em> (rows, weight, per-feature means
 * and variances — the scale of the tolerance — and a uniform sample), the initializer (with its
 * restarts), then the mode's loop — {@link ExactLloyd} or {@link StochasticLoop} — every pass run
 * by the fit's {@link DataPasses}. The algorithm is here once; where the rows are is the passes'
 * business.
 */
public final class FitRun {
    /** Identifies the payload a checkpoint holds. */
    private static final String CHECKPOINT_KIND = "exact-fit";

    private final FitContext fit;
    private final CheckpointSink checkpoints;

    /** Receives the checkpoint payload after every exact pass. */
    @FunctionalInterface
    public interface CheckpointSink {
        void accept(byte[] payload, int iterations) throws IOException;
    }

    private FitRun(FitContext fit, CheckpointSink checkpoints) {
        this.fit = fit;
        this.checkpoints = checkpoints;
    }

    /**
     * An EXACT fit: restarts from the initializer, iterated to convergence; {@code labelsOut}
     * (may be null) receives the winner's labels; {@code resume} (may be null) is a checkpoint
     * payload to continue from; {@code checkpoints} (may be null) hears one after every pass.
     */
    public static FitResult exact(DataPasses passes, Settings settings, Progress progress, int[] labelsOut, byte[] resume,
                                  String resumeName, CheckpointSink checkpoints) throws IOException {
        FitRun run = new FitRun(Initialization.summarize(passes, settings, progress), checkpoints);
        checkLabels(labelsOut, run.fit);
        ExactLloyd lloyd = new ExactLloyd(run.fit, checkpoints == null ? null : run::checkpoint);
        if (resume != null) {
            Checkpoint.Reader in = new Checkpoint.Reader(resume, resumeName);
            run.checkHeader(in, resumeName);
            return lloyd.run(ExactLloyd.readStarts(in, settings.k(), passes.dimensions()), labelsOut, in);
        }
        return lloyd.run(Initialization.starts(run.fit), labelsOut, null);
    }

    /** A STOCHASTIC fit from the best start on the sample; {@code labelsOut} (may be null) gets the final labels. */
    public static FitResult stochastic(DataPasses passes, Settings settings, Progress progress, int[] labelsOut) throws IOException {
        FitContext fit = Initialization.summarize(passes, settings, progress);
        checkLabels(labelsOut, fit);
        return new StochasticLoop(fit).run(Initialization.bestStartOnSample(fit, false), labelsOut);
    }

    /** Labels are asked for by a caller that took the row count from the source: the statistics pass must have read as many. */
    private static void checkLabels(int[] labelsOut, FitContext fit) {
        if (labelsOut != null && labelsOut.length != fit.summary().rows()) {
            throw new InvalidInputException(fit.passes().name() + ": the source said it has " + labelsOut.length
                    + " rows, and its first pass read " + fit.summary().rows());
        }
    }

    /**
     * The centers a fit would start from (the statistics pass and the initializer, with its
     * restarts: the start whose inertia on the sample is lowest), without iterating.
     */
    public static double[][] initialCenters(DataPasses passes, Settings settings, Progress progress, boolean exact)
            throws IOException {
        return Initialization.initialCenters(passes, settings, progress, exact);
    }

    // ---- checkpoints ----

    /** Hands the state after a pass to the checkpoint sink: the header, then {@code body}. */
    private void checkpoint(ExactLloyd.Body body) throws IOException {
        Checkpoint.Writer out = new Checkpoint.Writer();
        out.writeString(CHECKPOINT_KIND);
        out.writeString(options());
        out.writeString(fit.passes().name());
        out.writeDoubles(fingerprint());
        body.write(out);
        byte[] payload = out.toByteArray();
        checkpoints.accept(payload, iterationsIn(payload, fit.passes().name()));
    }

    /** The settings a checkpoint must find again: those that decide the result (not threads, batch size or memory). */
    private String options() {
        Settings settings = fit.settings();
        return "k=" + settings.k() + ", init=" + settings.initializer().name() + ", restarts=" + Initialization.restarts(fit, true)
                + ", max-iter="
                + settings.maxIterations() + ", tol=" + settings.tolerance() + ", seed=" + settings.seed() + ", sample-size="
                + settings.sampleSize() + ", pruning=" + (settings.bounds() == Settings.Bounds.OFF ? "off" : "on");
    }

    /** The statistics pass's figures of the data: a fingerprint of its content. */
    private double[] fingerprint() {
        DataSummary summary = fit.summary();
        int d = summary.dims();
        double[] f = new double[3 + 4 * d];
        f[0] = summary.rows();
        f[1] = summary.positiveRows();
        f[2] = summary.totalWeight();
        System.arraycopy(summary.mean(), 0, f, 3, d);
        System.arraycopy(summary.variance(), 0, f, 3 + d, d);
        System.arraycopy(summary.min(), 0, f, 3 + 2 * d, d);
        System.arraycopy(summary.max(), 0, f, 3 + 3 * d, d);
        return f;
    }

    /** Fails unless this fit may continue from the checkpoint {@code in} holds, naming what differs. */
    private void checkHeader(Checkpoint.Reader in, String name) {
        if (!CHECKPOINT_KIND.equals(in.readString())) {
            throw in.invalid("not a checkpoint of an exact fit");
        }
        String then = in.readString();
        String now = options();
        if (!then.equals(now)) {
            throw in.invalid("written with other options: " + difference(then, now));
        }
        String source = in.readString();
        double[] fingerprint = in.readDoubles();
        if (!Arrays.equals(fingerprint, fingerprint())) {
            long rows = fingerprint.length > 0 ? (long) fingerprint[0] : -1;
            long rowsNow = fit.summary().rows();
            throw new InvalidInputException(fit.passes().name() + ": the data differs from the checkpoint's ("
                    + (rows == rowsNow ? "same row count, other values" : rows + " rows then, " + rowsNow + " now")
                    + "; " + name + " was written for " + source + ")");
        }
    }

    /** The first setting that differs, as "k=5 then, k=6 now". */
    private static String difference(String then, String now) {
        String[] a = then.split(", ");
        String[] b = now.split(", ");
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            if (!a[i].equals(b[i])) {
                return a[i] + " then, " + b[i] + " now";
            }
        }
        return then + " then, " + now + " now";
    }

    /** The iterations a checkpoint payload records (of the start furthest along). */
    public static int iterationsIn(byte[] payload, String name) {
        Checkpoint.Reader in = new Checkpoint.Reader(payload, name);
        if (!CHECKPOINT_KIND.equals(in.readString())) {
            throw in.invalid("not a checkpoint of an exact fit");
        }
        in.readString();
        in.readString();
        in.readDoubles();
        int starts = in.readCount(8, "the starts");
        for (int r = 0; r < starts; r++) {
            in.readMatrix();
        }
        return in.readInt();
    }
}
