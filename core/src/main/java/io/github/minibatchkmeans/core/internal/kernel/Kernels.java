package io.github.minibatchkmeans.core.internal.kernel;

import io.github.minibatchkmeans.core.internal.metric.Geometry;
import io.github.minibatchkmeans.core.internal.rows.RowFormat;
import io.github.minibatchkmeans.core.internal.rows.Simd;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * The one place a kernel is chosen, by the rows' representation × the metric × what the JVM
 * offers: for dense rows, {@link VectorKernel} when the Vector API runs ({@link Simd}), else
 * {@link ScalarKernel}; for sparse rows, {@link SparseKernel}. Every geometry ranks prepared rows by the squared Euclidean score, so each
 * takes the same kernel. The vector class is reached only through a method handle, so a JVM
 * without the module never loads it.
 */
public final class Kernels {
    /** The property that forces a kernel ({@code scalar} or {@code vector}). */
    public static final String PROPERTY = Simd.PROPERTY;
    private static final MethodHandle VECTOR = Simd.ENABLED ? vectorConstructor() : null;

    private Kernels() {
    }

    private static MethodHandle vectorConstructor() {
        try {
            return MethodHandles.lookup().findConstructor(Class.forName(Kernels.class.getPackageName() + ".VectorKernel"),
                    MethodType.methodType(void.class, double[][].class, double[].class));
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }

    /** The kernel for {@code centers}, measured from {@code origin}, for rows held as {@code format} and compared by {@code geometry}. */
    public static Kernel create(double[][] centers, double[] origin, RowFormat format, Geometry geometry) {
        return switch (format) {
            case DENSE, FLOAT32 -> switch (geometry) { // float32 rows are widened as the kernel centres them
                case EUCLIDEAN, COSINE -> dense(centers, origin); // cosine ranks unit rows by squared Euclidean distance
            };
            case SPARSE -> switch (geometry) {
                case EUCLIDEAN, COSINE -> new SparseKernel(centers); // measured from 0 whatever the origin: centring would fill the rows
            };
        };
    }

    /** The kernel for dense rows compared by squared Euclidean distance (the samples and in-memory rows). */
    public static Kernel create(double[][] centers, double[] origin) {
        return create(centers, origin, RowFormat.DENSE, Geometry.EUCLIDEAN);
    }

    private static Kernel dense(double[][] centers, double[] origin) {
        if (VECTOR == null) {
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

    /** {@code "vector"} or {@code "scalar"}: what {@link #create} builds for dense rows in this JVM. */
    public static String active() {
        return VECTOR != null ? "vector" : "scalar";
    }
}
