/**
 * Exact out-of-core and stochastic mini-batch k-means. Users meet the API package
 * ({@code MiniBatchKMeans}, its config, its model); extenders implement the SPI (sources,
 * initializers). Everything under {@code internal} is not exported.
 */
module io.github.minibatchkmeans.core {
    exports io.github.minibatchkmeans.core;
    exports io.github.minibatchkmeans.core.spi;
}
