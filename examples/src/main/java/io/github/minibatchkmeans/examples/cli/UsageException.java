package io.github.minibatchkmeans.examples.cli;

import io.github.minibatchkmeans.core.InvalidConfigException;
import java.util.Map;

/** A bad option value found after parsing; the message names the option. */
final class UsageException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** Config field → the option that sets it. */
    private static final Map<String, String> OPTION_OF_FIELD = Map.of("k", "--k", "maxIterations", "--max-iter",
            "tolerance", "--tol", "batchSize", "--batch-size", "threads", "--threads",
            "stochastic.reassignmentRatio", "--reassignment-ratio", "stochastic.maxNoImprovement", "--max-no-improvement",
            "nInit", "--n-init");

    UsageException(String message) {
        super(message);
    }

    /** The configuration's complaint, told in terms of the option that set the field. */
    static UsageException of(InvalidConfigException e) {
        return new UsageException(OPTION_OF_FIELD.getOrDefault(e.field(), e.field()) + ": " + e.reason());
    }
}
