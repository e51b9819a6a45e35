package io.github.minibatchkmeans.core;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One knob of the estimator, declared once in {@link Parameters}: its name, type, default (per
 * mode where it differs), constraint and one-line doc, and how each {@link FrontDoor} exposes it —
 * under which name, and, where a toolkit's own k-means has a convention its users rely on, with
 * which default or values instead (and why). {@link KMeansConfig.Builder} validates with it; the
 * front doors read names, docs, defaults and constraints from it, so they cannot drift apart.
 *
 * @param <T> the value type ({@code Integer}, {@code Double}, {@code Long}, an enum or {@code String})
 */
public final class Parameter<T> {
    private final String name;
    private final Class<T> type;
    private final String doc;
    private final Function<Mode, T> defaults;
    private final String defaultText;
    private final Constraint<T> constraint;
    private final Map<FrontDoor, Exposure<T>> exposures;

    private Parameter(Definition<T> d) {
        this.name = d.name;
        this.type = d.type;
        this.doc = d.doc;
        this.defaults = d.defaults;
        this.defaultText = d.defaultText;
        this.constraint = d.constraint;
        this.exposures = Collections.unmodifiableMap(new EnumMap<>(d.exposures));
    }

    /**
     * The name in the core: {@link KMeansConfig.Builder}'s method, {@link InvalidConfigException#field()}.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * The type of its values.
     *
     * @return the type
     */
    public Class<T> type() {
        return type;
    }

    /**
     * One line on what it does.
     *
     * @return the doc
     */
    public String doc() {
        return doc;
    }

    /**
     * The core's default in {@code mode}; empty when there is none (a required value) or it is chosen at run time.
     *
     * @param mode the mode
     * @return the default, or empty
     */
    public Optional<T> defaultValue(Mode mode) {
        return Optional.ofNullable(defaults.apply(mode));
    }

    /**
     * The default as a reader is told it: a value, a rule ("all processors"), or "required".
     *
     * @return the default in words
     */
    public String defaultText() {
        return defaultText;
    }

    /**
     * The values it takes, in words ("an integer >= 1").
     *
     * @return the constraint in words
     */
    public String constraintText() {
        return constraint.text;
    }

    /**
     * True if {@code value} satisfies the core's constraint.
     *
     * @param value a value
     * @return whether the constraint accepts it
     */
    public boolean accepts(T value) {
        return value != null && constraint.test.test(value);
    }

    /**
     * What is wrong with {@code value} ("must be an integer >= 1, got 0"), or null if the constraint accepts it.
     *
     * @param value a value
     * @return the problem, or null
     */
    public String problem(T value) {
        return accepts(value) ? null : "must be " + constraint.text + ", got " + value;
    }

    /**
     * Values at the edges of the core's constraint, with the verdict for each: what a test of a front door tries.
     *
     * @return values and whether each is accepted
     */
    public Map<T, Boolean> probes() {
        return constraint.probes;
    }

    /**
     * How {@code door} exposes this knob; empty if it does not (the core's default applies there).
     *
     * @param door the front door
     * @return the exposure, or empty
     */
    public Optional<Exposure<T>> in(FrontDoor door) {
        return Optional.ofNullable(exposures.get(door));
    }

    /**
     * The name {@code door} gives this knob, if it exposes it.
     *
     * @param door the front door
     * @return the name there, or empty
     */
    public Optional<String> nameIn(FrontDoor door) {
        return in(door).map(Exposure::name);
    }

    /**
     * True if {@code door} takes {@code value}: the core's constraint and the front door's own
     * list of values, or the front door's sentinel.
     *
     * @param door the front door
     * @param value a value
     * @return whether the front door takes it
     */
    public boolean acceptsIn(FrontDoor door, T value) {
        Exposure<T> exposure = exposures.get(door);
        if (exposure == null) {
            return accepts(value);
        }
        return value != null && value.equals(exposure.sentinel()) || accepts(value) && exposure.offers(value);
    }

    /**
     * The default {@code door} uses in {@code mode}: its recorded override, else the core's (empty
     * when required or chosen at run time).
     *
     * @param door the front door
     * @param mode the mode
     * @return the default, or empty
     */
    public Optional<T> defaultIn(FrontDoor door, Mode mode) {
        Exposure<T> exposure = exposures.get(door);
        if (exposure != null && exposure.required()) {
            return Optional.empty();
        }
        return exposure != null && exposure.defaultValue() != null ? Optional.of(exposure.defaultValue()) : defaultValue(mode);
    }

    /**
     * As {@link #defaultIn(FrontDoor, Mode)} in {@link Mode#EXACT}, the one mode every front door has.
     *
     * @param door the front door
     * @return the default, or empty
     */
    public Optional<T> defaultIn(FrontDoor door) {
        return defaultIn(door, Mode.EXACT);
    }

    @Override
    public String toString() {
        return name;
    }

    /**
     * How one front door exposes a knob. Every field but {@code name} is null when the front door
     * follows the core; an override always says {@code why}.
     *
     * @param name         the name there ({@code "-I"}, {@code "maxIter"}, …); null when the front door
     *                     does not expose the knob but fixes its value ({@code defaultValue})
     * @param defaultValue the front door's own default, or null for the core's
     * @param defaultText  the front door's default in words when it is no single value (an unseeded
     *                     generator, say), or null
     * @param values       the values it offers, when they are fewer than the core's (the modes a
     *                     toolkit has); null: all
     * @param sentinel     a value outside the core's constraint that the front door takes to mean the
     *                     core's default or rule (ELKI's "0 = no limit / all processors"), or null
     * @param required     true if the front door insists on a value (an OLCUT mandatory field)
     * @param narrower     a narrower range of the front door's own (Weka's seeds are ints), or null
     * @param toolkits     true if the option is the toolkit's own (ELKI's {@code kmeans.k}, Weka's {@code -S}): its doc
     *                     is the toolkit's, and the table records how it maps onto the knob
     * @param why          the toolkit convention behind any of the above
     * @param <T>          the type of the knob's values
     */
    public record Exposure<T>(String name, T defaultValue, String defaultText, List<T> values, T sentinel, Predicate<T> narrower,
                              boolean required, boolean toolkits, String why) {
        /**
         * An exposure; {@code values} is copied.
         *
         * @param name         the name there
         * @param defaultValue the front door's own default, or null
         * @param defaultText  its default in words, or null
         * @param values       the values it offers, or null for all
         * @param sentinel     its value for the core's default or rule, or null
         * @param narrower     its narrower range, or null
         * @param required     whether it insists on a value
         * @param toolkits     whether the option is the toolkit's own
         * @param why          the convention behind any override
         */
        public Exposure {
            values = values == null ? null : List.copyOf(values);
        }

        /**
         * True if the front door takes {@code value}: within its own list of values and range, when it has them.
         *
         * @param value a value
         * @return whether the front door offers it
         */
        public boolean offers(T value) {
            return (values == null || values.contains(value)) && (narrower == null || narrower.test(value));
        }
    }

    /** A constraint: the test, its words, and values at its edges with their verdicts. */
    record Constraint<T>(Predicate<T> test, String text, Map<T, Boolean> probes) {
        static Constraint<Integer> atLeast(int min) {
            return new Constraint<>(v -> v >= min, "an integer >= " + min, Map.of(min, true, min - 1, false));
        }

        /** An integer from {@code min} to {@code max}, both included: a count whose every larger value is a mistake or a crash. */
        static Constraint<Integer> within(int min, int max) {
            return new Constraint<>(v -> v >= min && v <= max, "an integer in [" + min + ", " + max + "]",
                    Map.of(min, true, min - 1, false, max, true, max + 1, false));
        }

        static Constraint<Long> anyLong() {
            return new Constraint<>(v -> true, "any integer", Map.of(Long.MIN_VALUE, true, Long.MAX_VALUE, true));
        }

        /** A finite number in the interval from {@code min} to {@code max}, each end included or not. */
        static Constraint<Double> between(double min, boolean minIncluded, double max, boolean maxIncluded) {
            String text = "a number in " + (minIncluded ? "[" : "(") + format(min) + ", " + format(max) + (maxIncluded ? "]" : ")");
            Map<Double, Boolean> probes = new java.util.LinkedHashMap<>();
            probes.put(min, minIncluded);
            probes.put(Math.nextDown(min), false);
            if (Double.isFinite(max)) {
                probes.put(max, maxIncluded);
                probes.put(Math.nextUp(max), false);
            }
            probes.put(Double.NaN, false);
            return new Constraint<>(v -> Double.isFinite(v) && (minIncluded ? v >= min : v > min) && (maxIncluded ? v <= max : v < max),
                    text, Collections.unmodifiableMap(probes));
        }

        @SafeVarargs
        static <T> Constraint<T> oneOf(T... values) {
            List<T> allowed = new java.util.ArrayList<>(values.length); // element by element: javac flags the array passed on
            for (T v : values) {
                allowed.add(v);
            }
            Map<T, Boolean> probes = new java.util.LinkedHashMap<>();
            for (T v : allowed) {
                probes.put(v, true);
            }
            return new Constraint<>(allowed::contains, "one of " + allowed, Collections.unmodifiableMap(probes));
        }

        private static String format(double v) {
            return Double.isInfinite(v) ? "∞" : v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
        }
    }

    /** How {@link Parameters} declares a knob. */
    static <T> Definition<T> define(String name, Class<T> type, String doc) {
        return new Definition<>(name, type, doc);
    }

    /** What a front door does differently, for {@link Definition#in}. */
    static final class Deviation<T> {
        private T defaultValue;
        private String defaultText;
        private List<T> values;
        private T sentinel;
        private Predicate<T> narrower;
        private boolean required;
        private boolean toolkits;
        private String why;

        Deviation<T> defaultValue(T value) {
            this.defaultValue = value;
            return this;
        }

        Deviation<T> defaultText(String text) {
            this.defaultText = text;
            return this;
        }

        @SafeVarargs
        final Deviation<T> values(T... offered) {
            List<T> list = new java.util.ArrayList<>(offered.length); // element by element: javac flags the array passed on
            for (T v : offered) {
                list.add(v);
            }
            this.values = Collections.unmodifiableList(list);
            return this;
        }

        Deviation<T> sentinel(T value) {
            this.sentinel = value;
            return this;
        }

        Deviation<T> narrower(Predicate<T> range) {
            this.narrower = range;
            return this;
        }

        Deviation<T> required() {
            this.required = true;
            return this;
        }

        /** The toolkit's own option, documented by the toolkit. */
        Deviation<T> toolkits() {
            this.toolkits = true;
            return this;
        }

        Deviation<T> why(String reason) {
            this.why = reason;
            return this;
        }
    }

    static final class Definition<T> {
        private final String name;
        private final Class<T> type;
        private final String doc;
        private Function<Mode, T> defaults = mode -> null;
        private String defaultText = "required";
        private Constraint<T> constraint;
        private final Map<FrontDoor, Exposure<T>> exposures = new EnumMap<>(FrontDoor.class);

        private Definition(String name, Class<T> type, String doc) {
            this.name = name;
            this.type = type;
            this.doc = doc;
        }

        Definition<T> byDefault(T value) {
            this.defaults = mode -> value;
            this.defaultText = String.valueOf(value);
            return this;
        }

        /** A default that differs by mode, told as {@code text}. */
        Definition<T> byDefault(Function<Mode, T> perMode, String text) {
            this.defaults = perMode;
            this.defaultText = text;
            return this;
        }

        /** No fixed default: chosen at run time by the rule {@code text}. */
        Definition<T> automatic(String text) {
            this.defaults = mode -> null;
            this.defaultText = text;
            return this;
        }

        Definition<T> constraint(Constraint<T> constraint) {
            this.constraint = constraint;
            return this;
        }

        /** Exposed by {@code door} as {@code frontName}, following the core. */
        Definition<T> in(FrontDoor door, String frontName) {
            return in(door, frontName, e -> { });
        }

        /** Exposed by {@code door} as {@code frontName}, with the overrides {@code spec} records (and their reason). */
        Definition<T> in(FrontDoor door, String frontName, java.util.function.Consumer<Deviation<T>> spec) {
            Deviation<T> o = new Deviation<>();
            spec.accept(o);
            boolean differs = o.defaultValue != null || o.defaultText != null || o.values != null || o.sentinel != null
                    || o.narrower != null || o.required || o.toolkits || frontName == null;
            if (differs && o.why == null) {
                throw new IllegalStateException(name + " in " + door + ": an override needs its reason");
            }
            exposures.put(door, new Exposure<>(frontName, o.defaultValue, o.defaultText, o.values, o.sentinel, o.narrower, o.required,
                    o.toolkits, o.why));
            return this;
        }

        /** Not exposed by {@code door}, which always uses {@code value}, for the reason {@code why}. */
        Definition<T> fixedIn(FrontDoor door, T value, String why) {
            return in(door, null, o -> o.defaultValue(value).why(why));
        }

        Parameter<T> build() {
            Objects.requireNonNull(constraint, "constraint of " + name);
            return new Parameter<>(this);
        }
    }
}
