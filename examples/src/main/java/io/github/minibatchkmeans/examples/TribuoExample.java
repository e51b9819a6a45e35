package io.github.minibatchkmeans.examples;

import io.github.minibatchkmeans.tribuo.MiniBatchKMeansModel;
import io.github.minibatchkmeans.tribuo.MiniBatchKMeansTrainer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tribuo.MutableDataset;
import org.tribuo.clustering.ClusterID;
import org.tribuo.clustering.ClusteringFactory;
import org.tribuo.clustering.evaluation.ClusteringEvaluation;
import org.tribuo.clustering.evaluation.ClusteringEvaluator;
import org.tribuo.data.columnar.FieldProcessor;
import org.tribuo.data.columnar.RowProcessor;
import org.tribuo.data.columnar.processors.field.DoubleFieldProcessor;
import org.tribuo.data.columnar.processors.response.FieldResponseProcessor;
import org.tribuo.data.csv.CSVDataSource;

/**
 * Tribuo: a {@code CSVDataSource} with a "cluster" column as ground truth, trained two ways —
 * from an in-memory {@code Dataset}, and streamed straight from the source — evaluated with
 * {@code ClusteringEvaluator}, and exported to ONNX.
 *
 * <pre>java -cp ... io.github.minibatchkmeans.examples.TribuoExample train.csv test.csv 4 model.onnx</pre>
 */
public final class TribuoExample {
    private TribuoExample() {
    }

    /** A CSV data source: every column but "cluster" is a numeric feature, "cluster" is the truth. */
    public static CSVDataSource<ClusterID> csv(Path file, List<String> featureColumns) {
        Map<String, FieldProcessor> fields = new HashMap<>();
        for (String column : featureColumns) {
            fields.put(column, new DoubleFieldProcessor(column));
        }
        RowProcessor<ClusterID> rows = new RowProcessor<>(new FieldResponseProcessor<>("cluster", "-1", new ClusteringFactory()),
                fields);
        return new CSVDataSource<>(file, rows, true);
    }

    /** Returns the NMI of the in-memory and the streamed model on the test file. */
    public static double[] run(Path train, Path test, List<String> features, int k, Path onnxOut) throws Exception {
        MutableDataset<ClusterID> testData = new MutableDataset<>(csv(test, features));
        ClusteringEvaluator evaluator = new ClusteringEvaluator();
        MiniBatchKMeansTrainer trainer = new MiniBatchKMeansTrainer(k, 100, 1);

        MiniBatchKMeansModel inMemory = trainer.train(new MutableDataset<>(csv(train, features)));
        ClusteringEvaluation a = evaluator.evaluate(inMemory, testData);
        System.out.printf("Dataset:    NMI %.4f, AMI %.4f%n", a.normalizedMI(), a.adjustedMI());

        MiniBatchKMeansModel streamed = trainer.train(csv(train, features), Map.of()); // never a Dataset
        ClusteringEvaluation b = evaluator.evaluate(streamed, testData);
        System.out.printf("DataSource: NMI %.4f, AMI %.4f%n", b.normalizedMI(), b.adjustedMI());

        streamed.saveONNXModel("io.github.minibatchkmeans", 1, onnxOut);
        System.out.println("ONNX model written to " + onnxOut);
        return new double[] {a.normalizedMI(), b.normalizedMI()};
    }

    public static void main(String[] args) throws Exception {
        if (Usage.wrong(TribuoExample.class, "TRAIN.csv TEST.csv K MODEL.onnx", args, 4, 4, System.err, 2)) {
            System.exit(2);
        }
        run(Path.of(args[0]), Path.of(args[1]), List.of("x0", "x1", "x2", "x3"), Integer.parseInt(args[2]), Path.of(args[3]));
    }
}
