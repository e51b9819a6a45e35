package io.github.minibatchkmeans.cli;

import io.github.minibatchkmeans.core.ProgressListener;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/** How much a command tells while and after it works. */
final class ReportOptions {
    @Option(names = "--json", description = "Print the result as one JSON object on stdout.")
    boolean json;

    @Option(names = "--quiet", description = "No progress and no summary (errors still go to stderr).")
    boolean quiet;

    /**
     * Progress on stderr: a progress bar per pass on a terminal, one plain line per finished pass
     * otherwise (logs, pipes, tests), nothing with {@code --quiet}.
     */
    ProgressListener progress(PrintWriter err) {
        if (quiet) {
            return ProgressListener.NONE;
        }
        return onTerminal(err) ? new ProgressBars(System.err) : new ProgressLines(err);
    }

    /** True when {@code err} is the process's own stderr and the process runs on a terminal. */
    private static boolean onTerminal(PrintWriter err) {
        return System.console() != null && err == Main.STDERR;
    }
}
