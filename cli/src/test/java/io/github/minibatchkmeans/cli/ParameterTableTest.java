package io.github.minibatchkmeans.cli;

import io.github.minibatchkmeans.core.FrontDoor;
import io.github.minibatchkmeans.core.FrontDoorContract;
import io.github.minibatchkmeans.core.Mode;
import io.github.minibatchkmeans.core.Parameter;
import io.github.minibatchkmeans.core.Parameters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** {@code fit}'s k-means options are the parameter table's: names, docs in the help, defaults and ranges. */
class ParameterTableTest {

    private static CommandSpec parsed(String... options) {
        CommandLine fit = new CommandLine(new FitCommand());
        List<String> args = new ArrayList<>(List.of("--input", "x.csv"));
        args.addAll(List.of(options));
        if (!args.contains("--k")) {
            args.addAll(List.of("--k", "3"));
        }
        fit.parseArgs(args.toArray(String[]::new));
        return fit.getCommandSpec();
    }

    private static String spelled(Object value) {
        return value instanceof Enum<?> e ? e.name().toLowerCase(Locale.ROOT).replace('_', '-') : String.valueOf(value);
    }

    @Test
    void theToolExposesEveryKnobAsTheTableSays() throws Exception {
        CommandSpec fit = new CommandLine(new FitCommand()).getCommandSpec();
        FrontDoorContract.check(FrontDoor.TOOL, new FrontDoorContract.Probe() {
            @Override
            public Set<String> names() {
                return fit.options().stream().map(OptionSpec::longestName).collect(Collectors.toSet());
            }

            @Override
            public String doc(String name) {
                return String.join(" ", fit.findOption(name).description());
            }

            @Override
            public Object effectiveDefault(Parameter<?> parameter, Mode mode) throws Exception {
                if (parameter == Parameters.K) {
                    return fit.findOption("--k").required() ? null : "optional";
                }
                return FrontDoorContract.valueIn(ConfigOptions.toConfig(parsed("--mode", spelled(mode))), parameter);
            }

            @Override
            public boolean accepts(Parameter<?> parameter, Object value) {
                try {
                    ConfigOptions.toConfig(parsed(parameter.nameIn(FrontDoor.TOOL).orElseThrow(), spelled(value)));
                    return true;
                } catch (CommandLine.ParameterException | UsageException | java.io.IOException e) {
                    return false;
                }
            }
        });
    }
}
