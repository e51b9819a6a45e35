package io.github.minibatchkmeans.examples.cli;

import io.github.minibatchkmeans.core.engine.KMeansConfig;
import io.github.minibatchkmeans.core.engine.Mode;
import io.github.minibatchkmeans.core.init.Initializer;
import io.github.minibatchkmeans.core.init.Initializers;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Option;

/** The k-means options of {@code fit}, turned into a {@link KMeansConfig}. */
final class ConfigOptions {
    @Option(names = "--k", required = true, paramLabel = "K", description = "Number of clusters.")
    int k;

    @Option(names = "--mode", paramLabel = "exact|stochastic", defaultValue = "exact",
            description = "exact: full Lloyd passes (default); stochastic: Sculley's mini-batch updates.")
    String mode;

    @Option(names = "--init", paramLabel = "random|k-means++|k-means|||CENTERS.csv", defaultValue = "k-means++",
            description = "Initialization, or a CSV file of starting centers (one per line, no header).")
    String init;

    @Option(names = "--max-iter", paramLabel = "N", description = "Maximum iterations (exact) or epochs (stochastic); default 300.")
    Integer maxIterations;

    @Option(names = "--tol", paramLabel = "T", description = "Tolerance relative to the mean feature variance; default 1e-4 (exact), 0 (stochastic).")
    Double tolerance;

    @Option(names = "--batch-size", paramLabel = "B", description = "Rows per batch; default 4096.")
    Integer batchSize;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads; default: all processors.")
    Integer threads;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Random seed; default 0.")
    long seed;

    @Option(names = "--reassignment-ratio", paramLabel = "R", description = "Stochastic: reassign centers lighter than R × the heaviest; default 0.01.")
    Double reassignmentRatio;

    @Option(names = "--max-no-improvement", paramLabel = "N", description = "Stochastic: stop after N batches without improvement; default 10.")
    Integer maxNoImprovement;

    @Option(names = "--n-init", paramLabel = "N", description = "Initializations to try on the sample; default 3 for random, else 1.")
    Integer nInit;

    /** Config field → the option that sets it, for error messages. */
    private static final Map<String, String> OPTION_OF_FIELD = Map.of("k", "--k", "maxIterations", "--max-iter",
            "tolerance", "--tol", "batchSize", "--batch-size", "threads", "--threads",
            "reassignmentRatio", "--reassignment-ratio", "maxNoImprovement", "--max-no-improvement", "nInit", "--n-init");

    KMeansConfig toConfig() throws IOException {
        KMeansConfig.Builder b = KMeansConfig.builder(k).mode(parseMode()).initializer(parseInit()).seed(seed);
        if (maxIterations != null) {
            b.maxIterations(maxIterations);
        }
        if (tolerance != null) {
            b.tolerance(tolerance);
        }
        if (batchSize != null) {
            b.batchSize(batchSize);
        }
        if (threads != null) {
            b.threads(threads);
        }
        if (reassignmentRatio != null) {
            b.reassignmentRatio(reassignmentRatio);
        }
        if (maxNoImprovement != null) {
            b.maxNoImprovement(maxNoImprovement);
        }
        if (nInit != null) {
            b.nInit(nInit);
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            int space = message.indexOf(' ');
            String option = OPTION_OF_FIELD.get(message.substring(0, space));
            throw new UsageException(option == null ? message : option + ": " + message.substring(space + 1));
        }
    }

    private Mode parseMode() {
        return switch (mode.toLowerCase(Locale.ROOT)) {
            case "exact" -> Mode.EXACT;
            case "stochastic" -> Mode.STOCHASTIC;
            default -> throw new UsageException("--mode: expected exact or stochastic, got '" + mode + "'");
        };
    }

    private Initializer parseInit() throws IOException {
        return switch (init) {
            case "random" -> Initializers.random();
            case "k-means++" -> Initializers.kMeansPlusPlus();
            case "k-means||" -> Initializers.kMeansParallel();
            default -> Initializers.explicit(CentersFile.read(Path.of(init)));
        };
    }
}
