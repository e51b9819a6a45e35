package io.github.minibatchkmeans.core.internal.kernel;

/** Makes the kernel of a pass for its centers: the rows' representation, metric and origin already chosen ({@link Kernels}). */
@FunctionalInterface
public interface KernelFactory {
    Kernel create(double[][] centers);
}
