package io.github.minibatchkmeans.elki;

import elki.clustering.kmeans.KMeans;
import elki.clustering.kmeans.initialization.KMeansInitialization;
import elki.data.NumberVector;
import elki.database.relation.Relation;
import elki.distance.NumberVectorDistance;
import elki.utilities.documentation.Reference;
import elki.utilities.optionhandling.OptionID;
import elki.utilities.optionhandling.Parameterizer;
import elki.utilities.optionhandling.parameterization.Parameterization;
import elki.utilities.optionhandling.parameters.IntParameter;
import elki.utilities.optionhandling.parameters.RandomParameter;
import elki.utilities.random.RandomFactory;
import io.github.minibatchkmeans.core.Initializers;
import io.github.minibatchkmeans.core.KMeansConfig;
import io.github.minibatchkmeans.core.Parameters;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * k-means|| (scalable k-means++) as an ELKI initialization, usable by every ELKI k-means: a
 * handful of oversampling passes over the relation, then weighted k-means++ on the candidates.
 * Runs core's implementation over the relation.
 */
@Reference(authors = "B. Bahmani, B. Moseley, A. Vattani, R. Kumar, S. Vassilvitskii", title = "Scalable k-means++",
        booktitle = "Proc. VLDB Endowment 5(7)", url = "https://doi.org/10.14778/2180912.2180915",
        bibkey = "DBLP:journals/pvldb/BahmaniMVKV12")
public class KMeansParallelInitialization implements KMeansInitialization {
    private final RandomFactory random;
    private final int oversampling;
    private final int rounds;

    /**
     * k-means|| with ELKI's random factory.
     *
     * @param random       the seed
     * @param oversampling candidates drawn per round (ℓ); 0 means 2k
     * @param rounds       oversampling passes over the data
     */
    public KMeansParallelInitialization(RandomFactory random, int oversampling, int rounds) {
        this.random = random;
        this.oversampling = oversampling;
        this.rounds = rounds;
    }

    @Override
    public double[][] chooseInitialMeans(Relation<? extends NumberVector> relation, int k, NumberVectorDistance<?> distance) {
        KMeansConfig config = KMeansConfig.builder(k).initializer(Initializers.kMeansParallel(oversampling, rounds))
                .seed(random.getSingleThreadedRandom().nextLong()).build();
        try {
            return new io.github.minibatchkmeans.core.MiniBatchKMeans(config).initialCenters(new RelationSource(relation));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parameterization: {@code kmeans.seed}, {@code kmeansparallel.oversampling}, {@code kmeansparallel.rounds}. */
    public static class Par implements Parameterizer {
        /** {@code kmeansparallel.oversampling}: candidates drawn per round. */
        public static final OptionID OVERSAMPLING_ID = MiniBatchKMeans.option(Parameters.INIT_OVERSAMPLING);
        /** {@code kmeansparallel.rounds}: oversampling passes. */
        public static final OptionID ROUNDS_ID = MiniBatchKMeans.option(Parameters.INIT_ROUNDS);

        /** The seed. */
        protected RandomFactory random;
        /** Candidates drawn per round; 0 means 2k. */
        protected int oversampling;
        /** Oversampling passes. */
        protected int rounds;

        @Override
        public void configure(Parameterization config) {
            new RandomParameter(KMeans.SEED_ID).grab(config, x -> random = x);
            new IntParameter(OVERSAMPLING_ID, MiniBatchKMeans.elkiDefault(Parameters.INIT_OVERSAMPLING))
                    .addConstraint(MiniBatchKMeans.constraint(Parameters.INIT_OVERSAMPLING)).grab(config, x -> oversampling = x);
            new IntParameter(ROUNDS_ID, MiniBatchKMeans.elkiDefault(Parameters.INIT_ROUNDS))
                    .addConstraint(MiniBatchKMeans.constraint(Parameters.INIT_ROUNDS)).grab(config, x -> rounds = x);
        }

        @Override
        public KMeansParallelInitialization make() {
            return new KMeansParallelInitialization(random, oversampling, rounds);
        }
    }
}
