package io.github.minibatchkmeans.cli;

import io.github.minibatchkmeans.core.ProgressEvent;
import io.github.minibatchkmeans.core.ProgressListener;
import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A progress bar per pass on the terminal's stderr: rows, rows/s, pass, and the inertia when it ends. */
final class ProgressBars implements ProgressListener, AutoCloseable {
    private final PrintStream err;
    private ProgressBar bar;
    private LineEnding consumer;
    private ProgressEvent.Stage stage;
    private int pass;

    ProgressBars(PrintStream err) {
        this.err = err;
    }

    @Override
    public void onProgress(ProgressEvent e) {
        if (bar == null || e.stage() != stage || e.pass() != pass) {
            close();
            stage = e.stage();
            pass = e.pass();
            consumer = new LineEnding(err);
            bar = new ProgressBarBuilder().setTaskName(name(e)).setInitialMax(e.totalRows()).showSpeed()
                    .setUnit(" rows", 1).setStyle(ProgressBarStyle.ASCII).setConsumer(consumer)
                    .setUpdateIntervalMillis(250).build();
        }
        bar.stepTo(e.rowsDone());
        if (e.finished()) {
            if (!Double.isNaN(e.inertia())) {
                bar.setExtraMessage(ProgressLines.inertia(e) + ProgressLines.pruning(e));
            }
            close();
        }
    }

    private static String name(ProgressEvent e) {
        return switch (e.stage()) {
            case SUMMARY -> "statistics";
            case INITIALIZATION -> "init pass " + e.pass();
            case ITERATION -> "iteration " + e.pass();
            case FINAL -> "final pass";
            case SCORES -> "scoring pass";
        };
    }

    /** Ends the bar still drawn, if any, with its line: what is printed next starts on a line of its own. */
    public void close() {
        if (bar != null) {
            bar.close();
            consumer.close(); // the library skips it when the bar closes before its first refresh
            bar = null;
        }
    }

    /** The console consumer, ending its line exactly once. */
    private static final class LineEnding extends ConsoleProgressBarConsumer {
        private boolean ended;

        LineEnding(PrintStream out) {
            super(out);
        }

        @Override
        public synchronized void close() {
            if (!ended) {
                ended = true;
                super.close();
            }
        }
    }
}
