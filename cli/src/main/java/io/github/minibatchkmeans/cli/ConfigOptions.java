package io.github.minibatchkmeans.cli;

import io.github.minibatchkmeans.core.FrontDoor;
import io.github.minibatchkmeans.core.Initializers;
import io.github.minibatchkmeans.core.InvalidConfigException;
import io.github.minibatchkmeans.core.KMeansConfig;
import io.github.minibatchkmeans.core.Parameter;
import io.github.minibatchkmeans.core.Parameters;
import io.github.minibatchkmeans.core.spi.Initializer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The k-means options of {@code fit}, made from the parameter table: every knob the table gives a
 * tool name, with the table's doc and default in the help, read back into a {@link KMeansConfig}
 * that the table validates. Nothing here restates a default or a range.
 */
final class ConfigOptions {
    private ConfigOptions() {
    }

    /** Adds the table's options to a command ({@code @Command(modelTransformer = ConfigOptions.AddTo.class)}). */
    static final class AddTo implements CommandLine.IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec command) {
            for (Parameter<?> parameter : Parameters.exposedIn(FrontDoor.TOOL)) {
                command.addOption(option(parameter));
            }
            return command;
        }
    }

    private static OptionSpec option(Parameter<?> parameter) {
        String name = parameter.nameIn(FrontDoor.TOOL).orElseThrow();
        boolean required = parameter.defaultIn(FrontDoor.TOOL).isEmpty() && parameter.defaultText().equals("required");
        Class<?> type = parameter.type().isEnum() || parameter == Parameters.K ? String.class : parameter.type();
        String shown = required ? "" : " Default: " + defaultShown(parameter) + ".";
        return OptionSpec.builder(name).type(type).required(required).paramLabel(label(parameter))
                .description(parameter.doc() + extra(parameter) + shown).build();
    }

    /** The default as the tool's user types it. */
    private static String defaultShown(Parameter<?> parameter) {
        return parameter.defaultIn(FrontDoor.TOOL).map(ConfigOptions::spelled).orElse(parameter.defaultText());
    }

    /** What the tool adds to the table's doc: its own ways of giving the value. */
    private static String extra(Parameter<?> parameter) {
        if (parameter == Parameters.K) {
            return " Or a range MIN:MAX[:STEP]: every k fitted in the same passes and scored (" + Parameters.K_MAX.doc() + ")";
        }
        return parameter == Parameters.INIT ? " Or a CSV file of starting centers (one per line, no header)." : "";
    }

    private static String label(Parameter<?> parameter) {
        if (parameter.type().isEnum()) {
            return String.join("|", parameter.probes().keySet().stream().map(ConfigOptions::spelled).toList());
        }
        if (parameter == Parameters.INIT) {
            return "random|k-means++|k-means|||CENTERS.csv";
        }
        if (parameter == Parameters.K) {
            return "K|MIN:MAX[:STEP]";
        }
        return parameter.type() == Double.class ? "X" : "N";
    }

    /** A value as the tool spells it: enums in lower case with dashes ({@code one-pass}). */
    private static String spelled(Object value) {
        return value instanceof Enum<?> e ? e.name().toLowerCase(Locale.ROOT).replace('_', '-') : String.valueOf(value);
    }

    /** The value given for {@code parameter}'s option, or null. */
    private static <T> T given(CommandSpec spec, Parameter<?> parameter) {
        OptionSpec option = spec.findOption(parameter.nameIn(FrontDoor.TOOL).orElseThrow());
        return option == null ? null : option.getValue();
    }

    /** The centers file of {@code --init}, or null for a named initializer. */
    static Path initFile(CommandSpec spec) {
        String init = given(spec, Parameters.INIT);
        return init == null || Parameters.INIT.accepts(init) ? null : Path.of(init);
    }

    /** The options given, as a configuration: unset ones take the table's defaults. */
    static KMeansConfig toConfig(CommandSpec spec) throws IOException {
        try {
            int[] k = parseK(given(spec, Parameters.K));
            KMeansConfig.Builder b = KMeansConfig.builder(k[0]).kMax(k[1]).kStep(k[2]);
            Integer silhouette = given(spec, Parameters.SILHOUETTE_SAMPLE);
            if (silhouette != null) {
                b.silhouetteSample(silhouette);
            }
            String mode = given(spec, Parameters.MODE);
            if (mode != null) {
                b.mode(parseChoice(Parameters.MODE, mode));
            }
            String metric = given(spec, Parameters.METRIC);
            if (metric != null) {
                b.metric(parseChoice(Parameters.METRIC, metric));
            }
            String missing = given(spec, Parameters.MISSING);
            if (missing != null) {
                b.missing(parseChoice(Parameters.MISSING, missing));
            }
            String nominal = given(spec, Parameters.NOMINAL);
            if (nominal != null) {
                b.nominal(parseChoice(Parameters.NOMINAL, nominal));
            }
            Double nominalWeight = given(spec, Parameters.NOMINAL_WEIGHT);
            if (nominalWeight != null) {
                b.nominalWeight(nominalWeight);
            }
            String init = given(spec, Parameters.INIT);
            if (init != null) {
                b.initializer(parseInit(init));
            }
            Integer maxIterations = given(spec, Parameters.MAX_ITERATIONS);
            if (maxIterations != null) {
                b.maxIterations(maxIterations);
            }
            Double tolerance = given(spec, Parameters.TOLERANCE);
            if (tolerance != null) {
                b.tolerance(tolerance);
            }
            Integer batchSize = given(spec, Parameters.BATCH_SIZE);
            if (batchSize != null) {
                b.batchSize(batchSize);
            }
            Integer threads = given(spec, Parameters.THREADS);
            if (threads != null) {
                b.threads(threads);
            }
            Long seed = given(spec, Parameters.SEED);
            if (seed != null) {
                b.seed(seed);
            }
            Integer sampleSize = given(spec, Parameters.SAMPLE_SIZE);
            if (sampleSize != null) {
                b.sampleSize(sampleSize);
            }
            Integer nInit = given(spec, Parameters.N_INIT);
            if (nInit != null) {
                b.nInit(nInit);
            }
            Double ratio = given(spec, Parameters.REASSIGNMENT_RATIO);
            if (ratio != null) {
                b.reassignmentRatio(ratio);
            }
            Integer maxNoImprovement = given(spec, Parameters.MAX_NO_IMPROVEMENT);
            if (maxNoImprovement != null) {
                b.maxNoImprovement(maxNoImprovement);
            }
            return b.build();
        } catch (InvalidConfigException e) {
            throw UsageException.of(e);
        }
    }

    /** The value of an enum knob the tool offers, as spelled in {@code text} (any case); else a usage error listing them. */
    static <T> T parseChoice(Parameter<T> parameter, String text) {
        List<T> offered = parameter.probes().keySet().stream().filter(v -> parameter.acceptsIn(FrontDoor.TOOL, v)).toList();
        List<String> names = offered.stream().map(ConfigOptions::spelled).toList();
        return offered.stream().filter(v -> spelled(v).equals(text.toLowerCase(Locale.ROOT))).findFirst()
                .orElseThrow(() -> new UsageException(parameter.nameIn(FrontDoor.TOOL).orElseThrow() + ": expected "
                        + String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1)
                        + ", got '" + text + "'"));
    }

    /** {@code --k}: K, or MIN:MAX[:STEP], as {k, kMax, kStep} (kMax 0 for one k). */
    static int[] parseK(String text) {
        String[] parts = text.trim().split(":", -1);
        try {
            if (parts.length == 1) {
                return new int[] {Integer.parseInt(parts[0].trim()), 0, 1};
            }
            if (parts.length <= 3) {
                int step = parts.length == 3 ? Integer.parseInt(parts[2].trim()) : 1;
                return new int[] {Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()), step};
            }
        } catch (NumberFormatException e) {
            // told below
        }
        throw new UsageException("--k: expected a number of clusters or a range MIN:MAX[:STEP] (such as 2:20), got '" + text + "'");
    }

    private static Initializer parseInit(String init) throws IOException {
        if (Parameters.INIT.accepts(init)) {
            return Initializers.named(init);
        }
        Path file = Path.of(init);
        if (!Files.exists(file) && !init.toLowerCase(Locale.ROOT).endsWith(".csv")) {
            throw new UsageException("--init: expected random, k-means++, k-means|| or a CSV file of centers, got '" + init + "'");
        }
        return Initializers.explicit(CentersFile.read(file));
    }
}
