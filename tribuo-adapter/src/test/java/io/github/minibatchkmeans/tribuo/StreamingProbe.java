package io.github.minibatchkmeans.tribuo;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.tribuo.MutableDataset;
import org.tribuo.clustering.ClusterID;
import org.tribuo.clustering.ClusteringFactory;
import org.tribuo.clustering.evaluation.ClusteringEvaluator;
import org.tribuo.data.columnar.FieldProcessor;
import org.tribuo.data.columnar.RowProcessor;
import org.tribuo.data.columnar.processors.field.DoubleFieldProcessor;
import org.tribuo.data.columnar.processors.response.FieldResponseProcessor;
import org.tribuo.data.csv.CSVDataSource;

/**
 * Run in a forked, small-heap JVM by {@link StreamingTest}: trains from a {@code CSVDataSource}
 * larger than the heap, evaluates on a held-out file, prints the NMI.
 */
public final class StreamingProbe {
    static final int DIMS = 4;
    static final int CLUSTERS = 4;

    private StreamingProbe() {
    }

    /** Blobs with their cluster in a "cluster" column; the same seed gives the same centers. */
    static void writeCsv(Path file, int rows, long seed) throws IOException {
        Random centers = new Random(99);
        double[][] c = new double[CLUSTERS][DIMS];
        for (double[] row : c) {
            for (int j = 0; j < DIMS; j++) {
                row[j] = centers.nextDouble() * 40 - 20;
            }
        }
        Random random = new Random(seed);
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            out.write("x0,x1,x2,x3,cluster\n");
            for (int i = 0; i < rows; i++) {
                int k = random.nextInt(CLUSTERS);
                for (int j = 0; j < DIMS; j++) {
                    out.write(Double.toString(c[k][j] + random.nextGaussian()));
                    out.write(',');
                }
                out.write(Integer.toString(k));
                out.write('\n');
            }
        }
    }

    static CSVDataSource<ClusterID> source(Path file) {
        Map<String, FieldProcessor> fields = new HashMap<>();
        for (int j = 0; j < DIMS; j++) {
            fields.put("x" + j, new DoubleFieldProcessor("x" + j));
        }
        ClusteringFactory factory = new ClusteringFactory();
        RowProcessor<ClusterID> rows = new RowProcessor<>(new FieldResponseProcessor<>("cluster", "-1", factory), fields);
        return new CSVDataSource<>(file, rows, true);
    }

    public static void main(String[] args) {
        Path train = Path.of(args[0]);
        Path heldOut = Path.of(args[1]);
        MiniBatchKMeansTrainer trainer = new MiniBatchKMeansTrainer(CLUSTERS, 20, MiniBatchKMeansTrainer.Initialisation.PLUSPLUS,
                MiniBatchKMeansTrainer.Mode.EXACT, 2048, 2, 1e-4, 5);
        MiniBatchKMeansModel model = trainer.train(source(train), Map.of());
        MutableDataset<ClusterID> test = new MutableDataset<>(source(heldOut));
        double nmi = new ClusteringEvaluator().evaluate(model, test).normalizedMI();
        long heap = Runtime.getRuntime().maxMemory();
        System.out.println("NMI " + nmi + " iterations " + model.getIterations() + " maxHeap " + heap + " source "
                + model.getProvenance().getDatasetProvenance().getSourceProvenance().getClassName());
    }
}
