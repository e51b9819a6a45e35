package io.github.minibatchkmeans.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What every front door owes the parameter table, checked the same way for each: every knob the
 * table gives the front door a name for is exposed under that name, with the table's doc; left
 * unset it has the table's default for that front door (its recorded toolkit convention, or the
 * core's); and it takes exactly the values the table's constraint (and the front door's own list
 * of values, and its sentinel) allows — tried at the constraint's edges. Each adapter's test
 * supplies a {@link Probe}: how to ask its front door.
 */
public final class FrontDoorContract {
    private FrontDoorContract() {
    }

    /** How to ask one front door about a knob, every value in the parameter table's terms. */
    public interface Probe {
        /** The names the front door shows for its options or parameters. */
        Set<String> names();

        /** The doc the front door shows for the option named {@code name}. */
        String doc(String name);

        /**
         * The value the front door ends up using for {@code parameter} when the user leaves it unset
         * (in {@code mode}), as it reaches the core ({@link #valueIn}); null if the front door
         * insists on a value.
         */
        Object effectiveDefault(Parameter<?> parameter, Mode mode) throws Exception;

        /** True if the front door takes {@code value} for {@code parameter} (spelled its own way). */
        boolean accepts(Parameter<?> parameter, Object value) throws Exception;
    }

    /** Checks {@code door} through {@code probe}, reporting every difference at once. */
    public static void check(FrontDoor door, Probe probe) throws Exception {
        List<String> problems = new ArrayList<>();
        for (Parameter<?> parameter : Parameters.all()) {
            Optional<? extends Parameter.Exposure<?>> exposure = parameter.in(door);
            if (exposure.isEmpty()) {
                continue;
            }
            String name = exposure.get().name();
            if (name != null) {
                if (!probe.names().contains(name)) {
                    problems.add(parameter + ": " + door + " shows no " + name + " (it shows " + probe.names() + ")");
                    continue;
                }
                if (!exposure.get().toolkits() && !probe.doc(name).contains(parameter.doc())) {
                    problems.add(parameter + ": " + name + "'s doc is not the table's: " + probe.doc(name));
                }
                check(door, probe, parameter, problems);
            }
            for (Mode mode : parameter == Parameters.MODE ? List.of(Mode.EXACT) : modes(door)) { // a mode set is no default
                Object expected = expectedDefault(parameter, door, mode);
                if (expected != SKIP && !equal(expected, probe.effectiveDefault(parameter, mode))) {
                    problems.add(parameter + " (" + mode + "): " + door + " uses " + probe.effectiveDefault(parameter, mode)
                            + " when unset, the table says " + expected);
                }
            }
        }
        assertEquals(List.of(), problems, door + " against the parameter table");
    }

    @SuppressWarnings("unchecked")
    private static <T> void check(FrontDoor door, Probe probe, Parameter<T> parameter, List<String> problems) throws Exception {
        for (var edge : parameter.probes().entrySet()) {
            T value = edge.getKey();
            boolean expected = parameter.acceptsIn(door, value);
            if (probe.accepts(parameter, value) != expected) {
                problems.add(parameter + ": " + door + (expected ? " refuses " : " takes ") + value);
            }
        }
        T sentinel = parameter.in(door).orElseThrow().sentinel();
        if (sentinel != null && !probe.accepts(parameter, sentinel)) {
            problems.add(parameter + ": " + door + " refuses its own sentinel " + sentinel);
        }
    }

    /** The modes a front door offers (where defaults may differ by mode). */
    private static List<Mode> modes(FrontDoor door) {
        return Parameters.MODE.in(door).map(e -> e.values() == null ? List.of(Mode.values()) : e.values())
                .orElse(List.of(Mode.EXACT)).stream().filter(m -> m != Mode.ONE_PASS).toList();
    }

    /** Marks a default told only in words (an unseeded generator): nothing to compare. */
    private static final Object SKIP = new Object();

    /** What the front door should use for {@code parameter} when unset, as it reaches the core. */
    private static <T> Object expectedDefault(Parameter<T> parameter, FrontDoor door, Mode mode) {
        Parameter.Exposure<T> exposure = parameter.in(door).orElseThrow();
        if (exposure.required()) {
            return null;
        }
        if (exposure.defaultText() != null) {
            return SKIP;
        }
        T value = exposure.defaultValue() != null && !exposure.defaultValue().equals(exposure.sentinel())
                ? exposure.defaultValue() : parameter.defaultValue(mode).orElse(null);
        if (value == null && parameter == Parameters.THREADS) {
            return Runtime.getRuntime().availableProcessors(); // the table's rule: all processors
        }
        if (value == null && parameter == Parameters.SAMPLE_SIZE) {
            return SKIP; // the table's rule depends on k, which the probe does not tell; KMeansConfig applies it for every door
        }
        return value;
    }

    private static boolean equal(Object expected, Object actual) {
        if (expected instanceof Number e && actual instanceof Number a) {
            return e.doubleValue() == a.doubleValue();
        }
        return java.util.Objects.equals(expected, actual);
    }

    /** {@code parameter}'s value in {@code config}, in the table's terms (the initializer by name). */
    public static Object valueIn(KMeansConfig config, Parameter<?> parameter) {
        return switch (parameter.name()) {
            case "k" -> config.k();
            case "kMax" -> config.kMax();
            case "kStep" -> config.kStep();
            case "silhouetteSample" -> config.silhouetteSample();
            case "mode" -> config.mode();
            case "init" -> config.initializer().name();
            case "maxIterations" -> config.maxIterations();
            case "tolerance" -> config.tolerance();
            case "batchSize" -> config.batchSize();
            case "threads" -> config.threads();
            case "seed" -> config.seed();
            case "sampleSize" -> config.sampleSize();
            case "nInit" -> config.nInit();
            case "pruning" -> config.pruning();
            case "heapFraction" -> config.heapFraction();
            case "reassignmentRatio" -> config.reassignmentRatio();
            case "maxNoImprovement" -> config.maxNoImprovement();
            case "shuffleWindow" -> config.shuffleWindow();
            case "metric" -> config.metric();
            case "nominal" -> config.nominal();
            case "nominalWeight" -> config.nominalWeight();
            case "missing" -> config.missing();
            default -> throw new IllegalArgumentException("no knob " + parameter + " in a configuration");
        };
    }

    /** Every knob of the table has a name in a configuration (so that no probe misses one). */
    static void assertEveryKnobReadable() {
        KMeansConfig config = KMeansConfig.builder(2).build();
        for (Parameter<?> parameter : Parameters.all()) {
            if (parameter != Parameters.INIT_ROUNDS && parameter != Parameters.INIT_OVERSAMPLING) {
                assertTrue(valueIn(config, parameter) != null, parameter.name());
            }
        }
    }
}
