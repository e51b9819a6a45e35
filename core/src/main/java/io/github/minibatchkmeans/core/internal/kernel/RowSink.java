package io.github.minibatchkmeans.core.internal.kernel;

/**
 * Hears each row of a {@link Kernel#nearest} call as soon as its tile is scored, while the centred
 * row is still in the L1 cache: adding it into cluster sums then costs no second read of the data.
 */
@FunctionalInterface
public interface RowSink {
    /**
     * @param i        the row's position in the call
     * @param label    its nearest centroid
     * @param centred  buffer holding the row minus the kernel's origin, at {@code offset}, when the kernel made a dense
     *                 copy of it (the dense kernels do); null when it did not, or when the row has missing values (NaN,
     *                 left out) — then read the row itself
     * @param squared  its squared distance to that centroid, from the kernel's score
     */
    void accept(int i, int label, double[] centred, int offset, double squared);
}
