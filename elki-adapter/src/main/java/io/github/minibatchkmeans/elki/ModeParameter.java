package io.github.minibatchkmeans.elki;

import elki.utilities.optionhandling.OptionID;
import elki.utilities.optionhandling.ParameterException;
import elki.utilities.optionhandling.WrongParameterValueException;
import elki.utilities.optionhandling.parameters.EnumParameter;
import io.github.minibatchkmeans.core.Mode;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/** {@code minibatch.mode}: {@code exact} or {@code stochastic}, in lower case as the CLI spells them (any case accepted). */
final class ModeParameter extends EnumParameter<Mode> {

    ModeParameter(OptionID optionID) {
        super(optionID, Mode.class, Mode.EXACT);
    }

    @Override
    public String getSyntax() {
        return "<exact | stochastic>";
    }

    @Override
    protected Mode parseValue(Object obj) throws ParameterException {
        if (obj instanceof String text) {
            for (Mode mode : Mode.values()) {
                if (mode.name().equalsIgnoreCase(text.trim())) {
                    return mode;
                }
            }
            throw new WrongParameterValueException("Enum parameter " + getOptionID().getName()
                    + " is invalid (must be one of [exact, stochastic]): " + text);
        }
        return super.parseValue(obj);
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
        return List.copyOf(Arrays.stream(Mode.values()).map(m -> m.name().toLowerCase(Locale.ROOT)).toList());
    }
}
