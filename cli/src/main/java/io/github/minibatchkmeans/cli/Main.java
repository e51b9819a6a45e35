package io.github.minibatchkmeans.cli;

import io.github.minibatchkmeans.core.spi.InvalidInputException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.ScopeType;

/** {@code java -jar minibatch-kmeans.jar <command>}: k-means for data that does not fit in memory. */
@Command(name = "minibatch-kmeans", mixinStandardHelpOptions = true, version = "minibatch-kmeans 0.2.0",
        description = "Exact out-of-core and stochastic mini-batch k-means.",
        subcommands = {FitCommand.class, PredictCommand.class, GenerateCommand.class, DemoCommand.class, BenchCommand.class})
public final class Main implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Print stack traces with errors.")
    boolean debug;

    /** Exit code for bad data, bad files or failed work. */
    static final int EXIT_ERROR = 1;
    /** Exit code for a bad command line. */
    static final int EXIT_USAGE = 2;

    /** The process's stderr, as handed to commands by {@link #main}; progress bars draw only there. */
    static final PrintWriter STDERR = new PrintWriter(System.err, true);

    public static void main(String[] args) {
        Relaunch.watchParent();
        Optional<Integer> child = Relaunch.inChildJvm(args);
        System.exit(child.isPresent() ? child.get() : run(args, new PrintWriter(System.out, true), STDERR));
    }

    /** No command: the usage, on stderr, as a usage error. */
    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
        throw new UsageException("a command is needed: demo, fit, predict, generate or bench");
    }

    /** Runs the tool with the given streams and returns the exit code (used by tests). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        boolean debug = java.util.Arrays.asList(args).contains("--debug");
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((e, arguments) -> {
            String unknown = UnknownOptions.describe(e.getCommandLine(), arguments);
            err.println("minibatch-kmeans: " + (unknown != null ? unknown : e.getMessage()));
            return EXIT_USAGE;
        });
        cli.setExecutionExceptionHandler((e, command, parsed) -> {
            err.println("minibatch-kmeans: " + describe(e));
            if (debug) {
                e.printStackTrace(err);
            }
            err.flush();
            return e instanceof IllegalArgumentException && !(e instanceof InvalidInputException) ? EXIT_USAGE : EXIT_ERROR;
        });
        int code;
        try {
            code = cli.execute(args);
        } catch (OutOfMemoryError | StackOverflowError e) { // picocli hands only exceptions to the handler: errors end here
            err.println("minibatch-kmeans: " + describe(e));
            if (debug) {
                e.printStackTrace(err);
            }
            code = EXIT_ERROR;
        }
        out.flush();
        err.flush();
        return code;
    }

    /** One line for the user: our own messages as they are, a few JDK ones made readable. */
    private static String describe(Throwable e) {
        if (e instanceof InvalidInputException || e instanceof UsageException || e instanceof AtomicFile.OutputFailed) {
            return e.getMessage();
        }
        if (e instanceof io.github.minibatchkmeans.core.InvalidConfigException config) {
            return UsageException.of(config).getMessage(); // found during the fit: still told as the option
        }
        if (e instanceof NoSuchFileException missing) {
            return missing.getFile() + ": no such file";
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof OutOfMemoryError) {
                return "out of memory (max heap " + (Runtime.getRuntime().maxMemory() >> 20)
                        + " MB): give the JVM more with -Xmx, or try a smaller --batch-size";
            }
        }
        if (e instanceof StackOverflowError) {
            return "stack overflow: the input nests too deeply";
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
