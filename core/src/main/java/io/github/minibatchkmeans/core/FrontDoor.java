package io.github.minibatchkmeans.core;

/**
 * Where users meet the estimator: the command-line tool and the toolkits it plugs into. The
 * {@link Parameters parameter table} records each knob's name in each of them, and where a
 * toolkit's own k-means has a convention its users rely on, the default that front door uses.
 */
public enum FrontDoor {
    /** The command-line tool ({@code minibatch-kmeans.jar}): options such as {@code --max-iter}. */
    TOOL,
    /** {@code weka.clusterers.MiniBatchKMeans}: options such as {@code -I}, and bean properties. */
    WEKA,
    /** {@code MiniBatchKMeansTrainer}: {@code @Config} fields. */
    TRIBUO,
    /** The ELKI algorithm: parameters such as {@code kmeans.maxiter}. */
    ELKI,
    /** The Spark ML estimator: params such as {@code maxIter}. */
    SPARK
}
