package io.github.minibatchkmeans.examples.cli;

import io.github.minibatchkmeans.core.engine.ProgressListener;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/** How much a command tells while and after it works. */
final class ReportOptions {
    @Option(names = "--json", description = "Print the result as one JSON object on stdout.")
    boolean json;

    @Option(names = "--quiet", description = "No progress and no summary (errors still go to stderr).")
    boolean quiet;

    /** Progress for stderr: one line per finished pass, or nothing with {@code --quiet}. */
    ProgressListener progress(PrintWriter err) {
        return quiet ? ProgressListener.NONE : new ProgressLines(err);
    }
}
