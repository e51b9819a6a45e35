package io.github.minibatchkmeans.cli;

import io.github.minibatchkmeans.core.FrontDoor;
import io.github.minibatchkmeans.core.InvalidConfigException;

/** A bad option value found after parsing; the message names the option. */
public final class UsageException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }

    /** The configuration's complaint, told in terms of the option that sets the knob (the parameter table's name for it). */
    static UsageException of(InvalidConfigException e) {
        return new UsageException(e.parameter().nameIn(FrontDoor.TOOL).orElse(e.field()) + ": " + e.reason());
    }
}
