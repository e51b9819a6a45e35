package io.github.minibatchkmeans.core.internal.engine;

import io.github.minibatchkmeans.core.internal.stats.PassOutcome;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * EXACT mode (Lloyd 1982): each iteration is one full pass that folds every row into per-centroid
 * sums and weights, then divides — the same centroids in-memory Lloyd computes from the same start.
 * Where the passes prune, they skip the distances, and the blocks, that bounds prove unchanged, with
 * the same labels at every iteration. Convergence follows scikit-learn: stop when no centroid moved,
 * or when the total squared shift is at most {@code tol} × the mean feature variance; then, unless
 * the last pass already used the returned centroids, one more pass gives their sizes and inertia.
 *
 * <p>Restarts ({@code nInit} starts, scikit-learn's {@code KMeans} semantics) all run to
 * convergence and the lowest full-data inertia wins (the first on ties). Each pass serves every
 * start still running: r starts read the data once per iteration where the passes allow it.
 */
final class ExactLloyd {
    /** Relative inertia difference below which two starts count as the same optimum (sums in another order). */
    private static final double TIE = 1e-12;

    private final FitContext fit;
    /** Hears each pass's state, or null when the fit is not checkpointed. */
    private final Checkpointer checkpoints;

    /** Takes the state after a pass: what {@link Body} writes, behind the fit's header. */
    @FunctionalInterface
    interface Checkpointer {
        void save(Body body) throws IOException;
    }

    /** Writes the state of the starts after a pass. */
    @FunctionalInterface
    interface Body {
        void write(Checkpoint.Writer out) throws IOException;
    }

    ExactLloyd(FitContext fit, Checkpointer checkpoints) {
        this.fit = fit;
        this.checkpoints = checkpoints;
    }

    /**
     * Iterates every start in {@code starts} — continuing from {@code resume} (null: from the
     * start), positioned after the starts {@link #writeStarts} wrote; {@code labelsOut}, when
     * given, receives the winner's final labels.
     */
    FitResult run(List<double[][]> starts, int[] labelsOut, Checkpoint.Reader resume) throws IOException {
        List<Restart> runs = new ArrayList<>();
        try {
            for (double[][] start : starts) {
                runs.add(new Restart(start, fit.passes().track(fit.settings(), fit.summary(), starts.size(), labelsOut != null)));
            }
            int[] counters = {0, 0}; // iterations, final passes
            if (resume != null) {
                counters[0] = resume.readInt();
                counters[1] = resume.readInt();
                for (Restart run : runs) {
                    run.restore(resume);
                }
                resume.end();
            }
            iterate(runs, counters);
            Restart best = best(runs);
            if (labelsOut != null) {
                best.track.labelsInto(labelsOut);
            }
            return best.result();
        } finally {
            runs.forEach(r -> r.track.close());
        }
    }

    /**
     * Several fits at once — a sweep over k: {@code starts.get(f)} are the starts of the fit with
     * {@code settings.get(f)} (its k), each start run exactly as in {@link #run}, every pass serving
     * every start of every fit still running. Returns each fit's best start.
     */
    List<FitResult> runEach(List<Settings> settings, List<List<double[][]>> starts) throws IOException {
        int total = starts.stream().mapToInt(List::size).sum();
        List<List<Restart>> fits = new ArrayList<>();
        List<Restart> runs = new ArrayList<>();
        try {
            for (int f = 0; f < settings.size(); f++) {
                List<Restart> own = new ArrayList<>();
                for (double[][] start : starts.get(f)) {
                    own.add(new Restart(start, fit.passes().track(settings.get(f), fit.summary(), total, false)));
                }
                fits.add(own);
                runs.addAll(own);
            }
            iterate(runs, new int[] {0, 0});
            return fits.stream().map(own -> best(own).result()).toList();
        } finally {
            runs.forEach(r -> r.track.close());
        }
    }

    /** The start with the lowest inertia, better by more than rounding: starts that reach one optimum tie, the first wins. */
    private static Restart best(List<Restart> runs) {
        Restart best = runs.get(0);
        for (Restart run : runs) {
            best = run.result.inertia() < best.result.inertia() * (1 - TIE) ? run : best;
        }
        return best;
    }

    /** Passes until every start is done; each pass serves all starts still running. */
    private void iterate(List<Restart> runs, int[] counters) throws IOException {
        while (true) {
            List<Restart> active = runs.stream().filter(r -> r.phase != Phase.DONE).toList();
            if (active.isEmpty()) {
                return;
            }
            boolean iterating = active.stream().anyMatch(r -> r.phase == Phase.ITERATING);
            Stage stage = iterating ? Stage.ITERATION : Stage.FINAL;
            int number = iterating ? ++counters[0] : ++counters[1];
            // the pass reports the lowest inertia of the starts it serves; one that is done keeps its own: the lowest of all
            double done = runs.stream().filter(r -> r.phase == Phase.DONE).mapToDouble(r -> r.result.inertia()).min()
                    .orElse(Double.POSITIVE_INFINITY);
            Progress lowest = (s, pass, rows, total, inertia, finished, pruned, unread, starts) -> fit.progress().report(s, pass,
                    rows, total, finished ? Math.min(inertia, done) : inertia, finished, pruned, unread, runs.size());
            List<PassOutcome> outcomes = fit.passes().lloyd(active.stream().map(r -> r.track).toList(),
                    active.stream().map(r -> r.centers).toList(), stage, number, lowest);
            for (int t = 0; t < active.size(); t++) {
                active.get(t).finish(outcomes.get(t));
            }
            if (checkpoints == null) {
                continue;
            }
            checkpoints.save(w -> {
                writeStarts(w, runs.stream().map(r -> r.start).toList());
                w.writeInt(counters[0]);
                w.writeInt(counters[1]);
                for (Restart run : runs) {
                    run.save(w);
                }
            });
        }
    }

    /** A checkpoint's record of the starts: how many, and each. */
    static void writeStarts(Checkpoint.Writer out, List<double[][]> starts) throws IOException {
        out.writeInt(starts.size());
        for (double[][] start : starts) {
            out.writeMatrix(start);
        }
    }

    /** The starts {@link #writeStarts} wrote, each {@code k × dims}. */
    static List<double[][]> readStarts(Checkpoint.Reader in, int k, int dims) {
        int count = in.readCount(8, "the starts");
        if (count == 0) {
            throw in.invalid("damaged checkpoint (no starts)");
        }
        List<double[][]> starts = new ArrayList<>(count);
        for (int r = 0; r < count; r++) {
            starts.add(checkShape(in, in.readMatrix(), k, dims, "a start"));
        }
        return starts;
    }

    /** What an iteration's total squared centroid shift decides, by scikit-learn's rule: every exact loop asks here. */
    enum Verdict {
        /** Go on iterating. */
        CONTINUE,
        /** No centroid moved: the pass's labels, sizes and inertia are those of the returned centroids. */
        FIXED_POINT,
        /** Converged within the tolerance: one more pass measures the returned centroids. */
        CONVERGED,
        /** The iteration cap: one more pass measures the returned centroids. */
        LIMIT
    }

    static Verdict verdict(double shift, int iterations, Settings settings, double meanVariance) {
        if (shift == 0) {
            return Verdict.FIXED_POINT;
        }
        if (shift <= settings.tolerance() * meanVariance) {
            return Verdict.CONVERGED;
        }
        return iterations == settings.maxIterations() ? Verdict.LIMIT : Verdict.CONTINUE;
    }

    enum Phase { ITERATING, FINAL, DONE }

    /**
     * One start, iterated to convergence: its centroids, history and the passes' state for it. It
     * drops out when it converges, after one more pass for its returned centroids' sizes and
     * inertia when the last iteration did not already give them.
     */
    private final class Restart {
        final DataPasses.Track track;
        final double[][] start;
        double[][] centers;
        final List<Iteration> history = new ArrayList<>();
        int iterations;
        boolean converged;
        Phase phase = Phase.ITERATING;
        /** The pass of the returned centroids, once done. */
        PassOutcome result;

        Restart(double[][] start, DataPasses.Track track) {
            this.start = start;
            this.centers = start;
            this.track = track;
        }

        /** Takes a pass's outcome: an iteration's new centroids, or the final statistics. */
        void finish(PassOutcome pass) {
            if (phase == Phase.FINAL) {
                result = pass;
                phase = Phase.DONE;
                return;
            }
            iterations++;
            double[][] next = pass.means();
            fit.settings().geometry().finish(next); // the update's centroids from its weighted means
            fit.settings().nominal().finish(next);
            double shift = Matrices.squaredShift(centers, next);
            history.add(new Iteration(pass.inertia(), shift, pass.rowsSettled(), pass.blocksUnread()));
            centers = next;
            switch (verdict(shift, iterations, fit.settings(), fit.summary().meanVariance())) {
                case FIXED_POINT -> {
                    converged = true;
                    // a pass that moved clusters onto rows has sizes no nearest-centroid labelling gives
                    result = pass.relocated() == 0 ? pass : null;
                    phase = result == null ? Phase.FINAL : Phase.DONE;
                }
                case CONVERGED -> {
                    converged = true;
                    phase = Phase.FINAL;
                }
                case LIMIT -> phase = Phase.FINAL;
                case CONTINUE -> { }
            }
        }

        FitResult result() {
            return new FitResult(centers, result.weights(), result.inertia(), iterations, converged, history, start);
        }

        void save(Checkpoint.Writer out) throws IOException {
            out.writeMatrix(centers);
            out.writeInt(history.size());
            for (Iteration i : history) {
                out.writeDouble(i.inertia());
                out.writeDouble(i.shift());
                out.writeLong(i.rowsPruned());
                out.writeLong(i.blocksUnread());
            }
            out.writeInt(iterations);
            out.writeBoolean(converged);
            out.writeInt(phase.ordinal());
            out.writeBoolean(result != null);
            if (result != null) {
                out.writeMatrix(result.means());
                out.writeDoubles(result.weights());
                out.writeDouble(result.inertia());
                out.writeLong(result.rowsSettled());
                out.writeLong(result.blocksUnread());
            }
            track.save(out);
        }

        /** Continues as saved. */
        void restore(Checkpoint.Reader in) {
            int k = start.length;
            int dims = start[0].length;
            centers = checkShape(in, in.readMatrix(), k, dims, "centroids");
            int entries = in.readCount(32, "the history");
            for (int i = 0; i < entries; i++) {
                history.add(new Iteration(in.readDouble(), in.readDouble(), in.readLong(), in.readLong()));
            }
            iterations = in.readInt();
            if (iterations != entries) {
                throw in.invalid("damaged checkpoint (" + iterations + " iterations, " + entries + " in the history)");
            }
            converged = in.readBoolean();
            int ordinal = in.readInt();
            if (ordinal < 0 || ordinal >= Phase.values().length) {
                throw in.invalid("damaged checkpoint (phase " + ordinal + ")");
            }
            phase = Phase.values()[ordinal];
            if (in.readBoolean()) {
                double[][] means = checkShape(in, in.readMatrix(), k, dims, "result");
                double[] weights = in.readDoubles();
                if (weights.length != k) {
                    throw in.invalid("damaged checkpoint (" + weights.length + " weights for k = " + k + ")");
                }
                result = new PassOutcome(means, weights, in.readDouble(), in.readLong(), in.readLong(), 0);
            } else if (phase == Phase.DONE) {
                throw in.invalid("damaged checkpoint (a finished start without its result)");
            }
            try {
                track.restore(in);
            } catch (IllegalArgumentException e) {
                throw in.invalid("damaged checkpoint (" + e.getMessage() + ")");
            }
        }
    }

    /** {@code m}, if it is {@code k × dims} of finite numbers; else the checkpoint is damaged. */
    private static double[][] checkShape(Checkpoint.Reader in, double[][] m, int k, int dims, String what) {
        if (m.length != k || k > 0 && m[0].length != dims) {
            throw in.invalid("damaged checkpoint (" + what + " of " + m.length + " x " + (m.length == 0 ? 0 : m[0].length)
                    + ", expected " + k + " x " + dims + ")");
        }
        for (double[] row : m) {
            for (double v : row) {
                if (!Double.isFinite(v)) {
                    throw in.invalid("damaged checkpoint (" + what + " holds " + v + ")");
                }
            }
        }
        return m;
    }
}
