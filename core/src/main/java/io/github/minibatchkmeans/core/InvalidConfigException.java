package io.github.minibatchkmeans.core;

/**
 * A configuration value out of range, naming the field so that a caller can point at its own
 * option (a command-line flag, a toolkit's parameter) without parsing the message.
 */
public class InvalidConfigException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String field;
    private final String reason;

    public InvalidConfigException(String field, String reason) {
        super(field + ": " + reason);
        this.field = field;
        this.reason = reason;
    }

    /** The field of {@link KMeansConfig} (or initializer parameter) that is wrong, such as {@code "batchSize"}. */
    public String field() {
        return field;
    }

    /** What is wrong with it, such as {@code "must be >= 1, got 0"}. */
    public String reason() {
        return reason;
    }
}
