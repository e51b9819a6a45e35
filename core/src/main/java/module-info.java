/**
 * Exact out-of-core and stochastic mini-batch k-means. Users meet the API package
 * ({@code MiniBatchKMeans}, its config, its model); extenders implement the SPI (sources,
 * initializers). Everything under {@code internal} is not exported.
 */
module io.github.minibatchkmeans.core {
    exports io.github.minibatchkmeans.core;
    exports io.github.minibatchkmeans.core.spi;

    // The Vector API kernel is used only when the JVM is started with --add-modules jdk.incubator.vector.
    requires static jdk.incubator.vector;
    // The scalar kernel asks the platform bean whether Math.fma is an instruction here.
    requires java.management;
}
