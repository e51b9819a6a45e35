package io.github.minibatchkmeans.core.internal.engine;

/**
 * A setting that turned out unworkable only once the data was seen (a stochastic batch larger
 * than the heap holds); the facade reports it as the public configuration error of that knob.
 */
public final class SettingRejected extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String parameter;
    private final String reason;

    SettingRejected(String parameter, String reason) {
        super(parameter + ": " + reason);
        this.parameter = parameter;
        this.reason = reason;
    }

    /** The knob's name in the parameter table. */
    public String parameter() {
        return parameter;
    }

    public String reason() {
        return reason;
    }
}
