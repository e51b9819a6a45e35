package io.github.minibatchkmeans.core.internal.rows;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Locale;

/**
 * Whether this JVM runs the Vector API code: the {@code jdk.incubator.vector} module is in the
 * boot layer (the JVM was started with {@code --add-modules jdk.incubator.vector}) and the system
 * property {@value #PROPERTY} does not say {@code scalar}. Decided once; the vector classes are
 * reached only through reflection, so a JVM without the module never loads them.
 */
public final class Simd {
    /** The property that forces the choice: {@code scalar} or {@code vector}. */
    public static final String PROPERTY = "minibatchkmeans.kernel";
    /** True if the Vector API code runs. */
    public static final boolean ENABLED = enabled();

    private Simd() {
    }

    private static boolean enabled() {
        String forced = System.getProperty(PROPERTY, "").toLowerCase(Locale.ROOT);
        boolean present = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        if (!present && forced.equals("vector")) {
            throw new IllegalStateException(PROPERTY + "=vector needs the JVM option --add-modules jdk.incubator.vector");
        }
        return present && !forced.equals("scalar");
    }

    /**
     * A new {@code simpleName} of {@code type}'s package, by its no-argument constructor, as a
     * {@code type}; null if it cannot be loaded (the caller falls back to plain Java).
     */
    public static <T> T create(Class<T> type, String simpleName) {
        try {
            return type.cast(MethodHandles.lookup().findConstructor(Class.forName(type.getPackageName() + "." + simpleName),
                    MethodType.methodType(void.class)).invoke());
        } catch (Throwable e) {
            return null;
        }
    }
}
