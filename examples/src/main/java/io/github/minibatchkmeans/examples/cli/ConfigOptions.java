package io.github.minibatchkmeans.examples.cli;

import io.github.minibatchkmeans.core.Initializers;
import io.github.minibatchkmeans.core.InvalidConfigException;
import io.github.minibatchkmeans.core.KMeansConfig;
import io.github.minibatchkmeans.core.Mode;
import io.github.minibatchkmeans.core.spi.Initializer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/** The k-means options of {@code fit}, turned into a {@link KMeansConfig}. */
final class ConfigOptions {
    @Option(names = "--k", required = true, paramLabel = "K", description = "Number of clusters.")
    int k;

    @Option(names = "--mode", paramLabel = "exact|stochastic|one-pass", defaultValue = "exact",
            description = "exact: full Lloyd passes (default); stochastic: Sculley's mini-batch updates; one-pass: a streaming "
                    + "coreset, every row read once (what --input - gets).")
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

    @Option(names = "--max-no-improvement", paramLabel = "N", description = "Stochastic: stop after N batches without improvement; 0 never stops early; default 10.")
    Integer maxNoImprovement;

    @Option(names = "--n-init", paramLabel = "N",
            description = "Starts to try, each run to convergence, the lowest inertia kept; default: 10 on small data "
                    + "(rows × k × columns up to 2e7), else 3 for random and 1 otherwise.")
    Integer nInit;

    /** The centers file of {@code --init}, or null for a named initializer. */
    Path initFile() {
        return List.of("random", "k-means++", "k-means||").contains(init) ? null : Path.of(init);
    }

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
        if (nInit != null) {
            b.nInit(nInit);
        }
        try {
            KMeansConfig.Stochastic stochastic = KMeansConfig.Stochastic.defaults();
            if (reassignmentRatio != null) {
                stochastic = stochastic.withReassignmentRatio(reassignmentRatio);
            }
            if (maxNoImprovement != null) {
                stochastic = maxNoImprovement == 0 ? stochastic.withoutEarlyStopping() : stochastic.withMaxNoImprovement(maxNoImprovement);
            }
            return b.stochastic(stochastic).build();
        } catch (InvalidConfigException e) {
            throw UsageException.of(e);
        }
    }
    private Mode parseMode() {
        return switch (mode.toLowerCase(Locale.ROOT)) {
            case "exact" -> Mode.EXACT;
            case "stochastic" -> Mode.STOCHASTIC;
            case "one-pass" -> Mode.ONE_PASS;
            default -> throw new UsageException("--mode: expected exact, stochastic or one-pass, got '" + mode + "'");
        };
    }

    private Initializer parseInit() throws IOException {
        return switch (init) {
            case "random" -> Initializers.random();
            case "k-means++" -> Initializers.kMeansPlusPlus();
            case "k-means||" -> Initializers.kMeansParallel();
            default -> {
                Path file = Path.of(init);
                if (!java.nio.file.Files.exists(file) && !init.toLowerCase(Locale.ROOT).endsWith(".csv")) {
                    throw new UsageException("--init: expected random, k-means++, k-means|| or a CSV file of centers, got '"
                            + init + "'");
                }
                yield Initializers.explicit(CentersFile.read(file));
            }
        };
    }
}
