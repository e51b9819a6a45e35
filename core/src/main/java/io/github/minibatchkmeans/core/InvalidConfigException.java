package io.github.minibatchkmeans.core;

import java.util.Objects;

/**
 * A configuration value out of range, naming the {@link Parameter} so that a front door can point
 * at its own option (a command-line flag, a toolkit's parameter: {@link Parameter#nameIn}) without
 * parsing the message.
 */
public class InvalidConfigException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final transient Parameter<?> parameter;
    private final String reason;

    public InvalidConfigException(Parameter<?> parameter, String reason) {
        super(parameter.name() + ": " + reason);
        this.parameter = Objects.requireNonNull(parameter, "parameter");
        this.reason = reason;
    }

    /** {@code value}, or this exception for {@code parameter} if its constraint refuses the value. */
    public static <T> T check(Parameter<T> parameter, T value) {
        String problem = parameter.problem(value);
        if (problem != null) {
            throw new InvalidConfigException(parameter, problem);
        }
        return value;
    }

    /** The parameter that is wrong. */
    public Parameter<?> parameter() {
        return parameter;
    }

    /** Its name in the core, such as {@code "batchSize"}. */
    public String field() {
        return parameter.name();
    }

    /** What is wrong with it, such as {@code "must be an integer >= 1, got 0"}. */
    public String reason() {
        return reason;
    }
}
