package io.github.minibatchkmeans.examples;

import elki.clustering.kmeans.KMeans;
import elki.data.Clustering;
import elki.data.NumberVector;
import elki.data.model.KMeansModel;
import elki.database.Database;
import elki.database.StaticArrayDatabase;
import elki.datasource.FileBasedDatabaseConnection;
import elki.evaluation.clustering.EvaluateClustering;
import elki.result.ResultUtil;
import elki.clustering.trivial.ByLabelClustering;
import elki.utilities.ELKIBuilder;
import io.github.minibatchkmeans.elki.KMeansParallelInitialization;
import io.github.minibatchkmeans.elki.MiniBatchKMeans;

/**
 * ELKI: the Java API — a database from a file, our algorithm with k-means|| initialization,
 * evaluated against the labels in the file with {@code EvaluateClustering}. The same from the
 * command line:
 *
 * <pre>
 * java -cp elki-bundle.jar:minibatch-kmeans-elki-plugin.jar elki.application.KDDCLIApplication \
 *   -dbc.in data.csv -algorithm minibatch-kmeans -kmeans.k 5 -kmeans.initialization k-means|| \
 *   -evaluator clustering.EvaluateClustering -resulthandler ResultWriter
 * </pre>
 */
public final class ElkiExample {
    private ElkiExample() {
    }

    /** Returns the pair-counting F1 against the file's labels. */
    public static double run(String file, int k) {
        Database db = new StaticArrayDatabase(new ELKIBuilder<>(FileBasedDatabaseConnection.class)
                .with(FileBasedDatabaseConnection.Par.INPUT_ID, file).build(), null);
        db.initialize();
        MiniBatchKMeans<NumberVector> algorithm = new ELKIBuilder<MiniBatchKMeans<NumberVector>>(MiniBatchKMeans.class)
                .with(KMeans.K_ID, k)
                .with(KMeans.INIT_ID, KMeansParallelInitialization.class)
                .with(KMeans.SEED_ID, 7)
                .with(MiniBatchKMeans.Par.THREADS_ID, 2)
                .build();
        Clustering<KMeansModel> result = algorithm.autorun(db);
        ResultUtil.addChildResult(db, result); // where the CLI's workflow puts it, and where evaluators look

        // What "-evaluator clustering.EvaluateClustering" does: compare with the labels, attach the scores.
        new EvaluateClustering(new ByLabelClustering(), false, false).processNewResult(result);
        EvaluateClustering.ScoreResult scores = ResultUtil.filterResults(result, EvaluateClustering.ScoreResult.class).get(0);
        double f1 = scores.getContingencyTable().getPaircount().f1Measure();
        System.out.printf("%d clusters, pair-counting F1 %.6f%n", result.getAllClusters().size(), f1);
        result.getAllClusters().forEach(c -> System.out.println("  " + c.size() + " objects around "
                + java.util.Arrays.toString(c.getModel().getMean())));
        return f1;
    }

    public static void main(String[] args) {
        if (Usage.wrong(ElkiExample.class, "DATA.csv K", args, 2, 2, System.err, 1)) {
            System.exit(2);
        }
        run(args[0], Integer.parseInt(args[1]));
    }
}
