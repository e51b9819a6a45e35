package io.github.minibatchkmeans.core.internal.kernel;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Locale;

/**
 * Chooses the kernel once per JVM: {@link VectorKernel} when the {@code jdk.incubator.vector}
 * module is in the boot layer (the JVM was started with {@code --add-modules jdk.incubator.vector}),
 * else {@link ScalarKernel}. The vector class is reached only through a method handle, so a JVM
 * without the module never loads it. The system property {@code minibatchkmeans.kernel}
 * ({@code scalar} or {@code vector}) overrides the choice, for comparisons.
 */
public final class Kernels {
    /** The property that forces a kernel. */
    public static final String PROPERTY = "minibatchkmeans.kernel";
    private static final MethodHandle VECTOR = vectorConstructor();
    private static final boolean USE_VECTOR = VECTOR != null
            && !"scalar".equals(System.getProperty(PROPERTY, "").toLowerCase(Locale.ROOT));

    private Kernels() {
    }

    private static MethodHandle vectorConstructor() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            if ("vector".equalsIgnoreCase(System.getProperty(PROPERTY, ""))) {
                throw new IllegalStateException(PROPERTY + "=vector needs the JVM option --add-modules jdk.incubator.vector");
            }
            return null;
        }
        try {
            return MethodHandles.lookup().findConstructor(Class.forName(Kernels.class.getPackageName() + ".VectorKernel"),
                    MethodType.methodType(void.class, double[][].class, double[].class));
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }

    /** The feature loops: on the Vector API when the kernel is. */
    static Arithmetic arithmetic() {
        if (!USE_VECTOR) {
            return new Arithmetic();
        }
        try {
            return (Arithmetic) MethodHandles.lookup().findConstructor(
                    Class.forName(Kernels.class.getPackageName() + ".VectorArithmetic"), MethodType.methodType(void.class))
                    .invoke();
        } catch (Throwable e) {
            return new Arithmetic();
        }
    }

    /** The kernel for {@code centers}, measured from {@code origin}. */
    public static Kernel create(double[][] centers, double[] origin) {
        if (!USE_VECTOR) {
            return new ScalarKernel(centers, origin);
        }
        try {
            return (Kernel) VECTOR.invoke(centers, origin);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** The scalar kernel, whatever the JVM has (for tests and benchmarks). */
    public static Kernel scalar(double[][] centers, double[] origin) {
        return new ScalarKernel(centers, origin);
    }

    /** {@code "vector"} or {@code "scalar"}: what {@link #create} builds in this JVM. */
    public static String active() {
        return USE_VECTOR ? "vector" : "scalar";
    }
}
