package io.github.minibatchkmeans.elki;

import elki.utilities.optionhandling.OptionID;
import elki.utilities.optionhandling.ParameterException;
import elki.utilities.optionhandling.WrongParameterValueException;
import elki.utilities.optionhandling.parameters.EnumParameter;
import io.github.minibatchkmeans.core.FrontDoor;
import io.github.minibatchkmeans.core.Mode;
import io.github.minibatchkmeans.core.Parameters;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * {@code minibatch.mode}: the modes the parameter table offers in ELKI ({@code exact},
 * {@code stochastic}), in lower case as the CLI spells them (any case accepted).
 */
final class ModeParameter extends EnumParameter<Mode> {
    /** The modes offered in ELKI. */
    private static final List<Mode> OFFERED = Parameters.MODE.in(FrontDoor.ELKI).orElseThrow().values();

    ModeParameter(OptionID optionID) {
        super(optionID, Mode.class, MiniBatchKMeans.elkiDefault(Parameters.MODE));
    }

    @Override
    public String getSyntax() {
        return "<" + String.join(" | ", getPossibleValues()) + ">";
    }

    @Override
    protected Mode parseValue(Object obj) throws ParameterException {
        Mode mode = obj instanceof String text ? OFFERED.stream().filter(m -> m.name().equalsIgnoreCase(text.trim())).findFirst()
                .orElse(null) : obj instanceof Mode given && OFFERED.contains(given) ? given : null;
        if (mode == null) {
            throw new WrongParameterValueException("Enum parameter " + getOptionID().getName() + " is invalid (must be one of "
                    + getPossibleValues() + "): " + obj);
        }
        return mode;
    }

    @Override
    public String getValueAsString() {
        return getValue().name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String getDefaultValueAsString() {
        return getDefaultValue().name().toLowerCase(Locale.ROOT);
    }

    @Override
    public Collection<String> getPossibleValues() {
        return OFFERED.stream().map(m -> m.name().toLowerCase(Locale.ROOT)).toList();
    }
}
