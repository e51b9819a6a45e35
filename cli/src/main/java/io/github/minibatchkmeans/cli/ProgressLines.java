package io.github.minibatchkmeans.cli;

import io.github.minibatchkmeans.core.ProgressEvent;
import io.github.minibatchkmeans.core.ProgressListener;
import java.io.PrintWriter;
import java.util.Locale;

/** Plain progress: a line on stderr each time a pass ends, with its speed. */
final class ProgressLines implements ProgressListener {
    private final PrintWriter err;
    private long passStart = System.nanoTime();

    ProgressLines(PrintWriter err) {
        this.err = err;
    }

    @Override
    public void onProgress(ProgressEvent e) {
        if (!e.finished()) {
            return;
        }
        double seconds = (System.nanoTime() - passStart) / 1e9;
        passStart = System.nanoTime();
        String what = switch (e.stage()) {
            case SUMMARY -> "statistics pass";
            case INITIALIZATION -> "initialization pass " + e.pass();
            case ITERATION -> "iteration " + e.pass();
            case FINAL -> "final pass";
            case SCORES -> "scoring pass";
        };
        String inertia = Double.isNaN(e.inertia()) ? "" : ", " + inertia(e);
        err.printf(Locale.ROOT, "%s: %,d rows in %.2f s (%,.0f rows/s)%s%s%n", what, e.rowsDone(), seconds,
                e.rowsDone() / Math.max(seconds, 1e-9), inertia, pruning(e));
        err.flush();
    }

    /** The inertia a finished pass reports: with several starts, the lowest any has reached. */
    static String inertia(ProgressEvent e) {
        return e.starts() > 1 ? String.format(Locale.ROOT, "lowest inertia of %d starts %.6g", e.starts(), e.inertia())
                : String.format(Locale.ROOT, "inertia %.6g", e.inertia());
    }

    /** What pruning saved in an exact iteration: rows whose distances it skipped, blocks it did not read. */
    static String pruning(ProgressEvent e) {
        if (e.pruned() == 0 && e.unread() == 0) {
            return "";
        }
        return String.format(Locale.ROOT, ", %.1f%% of rows pruned, %,d blocks unread", 100.0 * e.pruned() / e.totalRows(),
                e.unread());
    }
}
