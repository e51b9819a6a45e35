package io.github.minibatchkmeans.cli;

import io.github.minibatchkmeans.core.FrontDoor;
import io.github.minibatchkmeans.core.InvalidConfigException;
import io.github.minibatchkmeans.core.Parameters;

/** A bad option value found after parsing; the message names the option. */
public final class UsageException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }

    /** The configuration's complaint, told in terms of the option that sets the knob (the parameter table's name for it). */
    static UsageException of(InvalidConfigException e) {
        boolean range = e.parameter() == Parameters.K_MAX || e.parameter() == Parameters.K_STEP; // given as --k MIN:MAX:STEP
        return new UsageException((range ? "--k" : e.parameter().nameIn(FrontDoor.TOOL).orElse(e.field())) + ": " + e.reason());
    }
}
