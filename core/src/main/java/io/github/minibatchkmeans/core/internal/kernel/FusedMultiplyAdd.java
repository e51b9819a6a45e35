package io.github.minibatchkmeans.core.internal.kernel;

import java.lang.management.ManagementFactory;
import java.lang.management.PlatformManagedObject;

/**
 * Whether {@code Math.fma} runs as the processor's instruction in this JVM: HotSpot says so in its
 * {@code UseFMA} option, read through its diagnostic bean by name (a JDK-specific interface the core
 * does not link against). Any other answer, or none, means no.
 */
final class FusedMultiplyAdd {
    static final boolean IN_HARDWARE = inHardware();

    private FusedMultiplyAdd() {
    }

    /**
     * {@code a·b + sum}: one instruction, rounded once, where the JVM compiles {@code Math.fma} to
     * the processor's; elsewhere {@code Math.fma} is emulated in software, a hundred times slower
     * than a multiply and an add, which it then is. The choice is fixed per JVM, so every product of
     * a run rounds alike.
     */
    static double madd(double a, double b, double sum) {
        return IN_HARDWARE ? Math.fma(a, b, sum) : sum + a * b;
    }

    @SuppressWarnings("unchecked")
    private static boolean inHardware() {
        try {
            Class<? extends PlatformManagedObject> type = (Class<? extends PlatformManagedObject>)
                    Class.forName("com.sun.management.HotSpotDiagnosticMXBean");
            Object bean = ManagementFactory.getPlatformMXBean(type);
            Object option = type.getMethod("getVMOption", String.class).invoke(bean, "UseFMA");
            return "true".equals(option.getClass().getMethod("getValue").invoke(option));
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return false;
        }
    }
}
