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
    public MiniBatchKMeans(int k, int maxiter, KMeansInitialization initializer, Mode mode, int batchSize, int threads,
                           Double tolerance, RandomFactory random) {
        super(k, maxiter, initializer, mode, batchSize, threads, tolerance, random);
    }

    /** The same parameters, making this class. */
    public static class Par<V extends NumberVector> extends io.github.minibatchkmeans.elki.MiniBatchKMeans.Par<V> {
        @Override
        public MiniBatchKMeans<V> make() {
            return new MiniBatchKMeans<>(k, maxiter, initializer, mode, batchSize, threads, tolerance, random);
        }
    }
}
