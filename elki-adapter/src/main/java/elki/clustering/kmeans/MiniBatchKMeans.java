package elki.clustering.kmeans;

import elki.clustering.kmeans.initialization.KMeansInitialization;
import elki.data.NumberVector;
import elki.utilities.random.RandomFactory;
import io.github.minibatchkmeans.core.Mode;

/**
 * Mini-batch k-means where ELKI users look for k-means: in the MiniGUI under clustering → kmeans
 * beside ELKI's own, and {@code -algorithm clustering.kmeans.MiniBatchKMeans} (or the alias
 * {@code minibatch-kmeans}) on the command line — as Weka's package puts its clusterer in
 * {@code weka.clusterers}. The algorithm is {@link io.github.minibatchkmeans.elki.MiniBatchKMeans}.
 */
public class MiniBatchKMeans<V extends NumberVector> extends io.github.minibatchkmeans.elki.MiniBatchKMeans<V> {
    /**
     * The algorithm, as {@link io.github.minibatchkmeans.elki.MiniBatchKMeans} is.
     *
     * @param k the number of clusters
     * @param maxiter maximum iterations (exact) or epochs (stochastic); 0 for the parameter table's default
     * @param initializer any ELKI k-means initialization
     * @param mode exact or stochastic
     * @param batchSize rows per mini-batch
     * @param threads worker threads; 0 for all processors
     * @param tolerance convergence tolerance relative to the mean feature variance; null for the mode's default
     * @param random the seed of the engine's own random choices
     */
    public MiniBatchKMeans(int k, int maxiter, KMeansInitialization initializer, Mode mode, int batchSize, int threads,
                           Double tolerance, RandomFactory random) {
        super(k, maxiter, initializer, mode, batchSize, threads, tolerance, random);
    }

    /**
     * The algorithm with ELKI's {@code distance}, as {@link io.github.minibatchkmeans.elki.MiniBatchKMeans} is.
     *
     * @param distance the squared Euclidean (or Euclidean) distance, or a cosine distance
     * @param k the number of clusters
     * @param maxiter maximum iterations (exact) or epochs (stochastic); 0 for the parameter table's default
     * @param initializer any ELKI k-means initialization
     * @param mode exact or stochastic
     * @param batchSize rows per mini-batch
     * @param threads worker threads; 0 for all processors
     * @param tolerance convergence tolerance relative to the mean feature variance; null for the mode's default
     * @param random the seed of the engine's own random choices
     */
    public MiniBatchKMeans(elki.distance.NumberVectorDistance<? super V> distance, int k, int maxiter,
                           KMeansInitialization initializer, Mode mode, int batchSize, int threads, Double tolerance,
                           RandomFactory random) {
        super(distance, k, maxiter, initializer, mode, batchSize, threads, tolerance, random);
    }

    /** The same parameters, making this class. */
    public static class Par<V extends NumberVector> extends io.github.minibatchkmeans.elki.MiniBatchKMeans.Par<V> {
        @Override
        public MiniBatchKMeans<V> make() {
            return new MiniBatchKMeans<>(distance, k, maxiter, initializer, mode, batchSize, threads, tolerance, random);
        }
    }
}
