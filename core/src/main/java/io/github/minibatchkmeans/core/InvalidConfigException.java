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
    /** What is wrong with the value. */
    private final String reason;

    /**
     * An exception naming {@code parameter} and what is wrong.
     *
     * @param parameter the knob
     * @param reason what is wrong with its value
     */
    public InvalidConfigException(Parameter<?> parameter, String reason) {
        super(parameter.name() + ": " + reason);
        this.parameter = Objects.requireNonNull(parameter, "parameter");
        this.reason = reason;
    }

    /**
     * {@code value}, or this exception for {@code parameter} if its constraint refuses the value.
     *
     * @param parameter the knob
     * @param value its value
     * @param <T> the type of its values
     * @return {@code value}
     */
    public static <T> T check(Parameter<T> parameter, T value) {
        String problem = parameter.problem(value);
        if (problem != null) {
            throw new InvalidConfigException(parameter, problem);
        }
        return value;
    }

    /**
     * The parameter that is wrong.
     *
     * @return the parameter
     */
    public Parameter<?> parameter() {
        return parameter;
    }

    /**
     * Its name in the core, such as {@code "batchSize"}.
     *
     * @return the name
     */
    public String field() {
        return parameter.name();
    }

    /**
     * What is wrong with it, such as {@code "must be an integer >= 1, got 0"}.
     *
     * @return the reason
     */
    public String reason() {
        return reason;
    }
}
