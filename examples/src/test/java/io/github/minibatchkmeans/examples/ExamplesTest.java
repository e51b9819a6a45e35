package io.github.minibatchkmeans.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.minibatchkmeans.core.KMeansModel;
import io.github.minibatchkmeans.io.ModelJson;
import io.github.minibatchkmeans.cli.Main;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import weka.clusterers.ClusterEvaluation;

/** Every example program runs and does what its documentation says. */
class ExamplesTest {
    @TempDir
    Path dir;

    /** Four well-separated blobs in x0..x3 with their "cluster" as the last column (CSV) or class (ARFF). */
    static void writeBlobs(Path file, int rows, long seed, boolean arff) throws IOException {
        Random random = new Random(seed);
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            out.write(arff ? "@relation blobs\n@attribute x0 numeric\n@attribute x1 numeric\n@attribute x2 numeric\n"
                    + "@attribute x3 numeric\n@attribute cluster {0,1,2,3}\n@data\n" : "x0,x1,x2,x3,cluster\n");
            for (int i = 0; i < rows; i++) {
                int c = i % 4;
                for (int j = 0; j < 4; j++) {
                    out.write((j == c ? 10.0 : 0.0) + random.nextGaussian() + ",");
                }
                out.write(c + "\n");
            }
        }
    }

    @Test
    void coreExampleFitsANpyFileOutOfCore() throws IOException {
        Path npy = dir.resolve("blobs.npy");
        assertEquals(0, Main.run(new String[] {"generate", "--rows", "20000", "--dims", "8", "--clusters", "5", "--out",
                npy.toString()}, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())));
        Path model = dir.resolve("model.json");
        KMeansModel fitted = CoreExample.run(npy, 5, model);
        assertTrue(fitted.converged());
        assertEquals(5, ModelJson.read(model).k());
    }

    @Test
    void wekaExampleEvaluatesClassesToClusters() throws Exception {
        Path arff = dir.resolve("blobs.arff");
        writeBlobs(arff, 800, 1, true);
        ClusterEvaluation evaluation = WekaExample.run(arff.toString(), 4);
        assertTrue(evaluation.clusterResultsToString().contains("Classes to Clusters"));
        assertTrue(evaluation.clusterResultsToString().contains("Incorrectly clustered instances :\t0.0"),
                evaluation.clusterResultsToString());
    }

    @Test
    void tribuoExampleTrainsFromDatasetAndStreamAndExportsOnnx() throws Exception {
        Path train = dir.resolve("train.csv");
        Path test = dir.resolve("test.csv");
        writeBlobs(train, 4000, 2, false);
        writeBlobs(test, 1000, 3, false);
        Path onnx = dir.resolve("model.onnx");
        double[] nmi = TribuoExample.run(train, test, List.of("x0", "x1", "x2", "x3"), 4, onnx);
        assertTrue(nmi[0] > 0.99 && nmi[1] > 0.99, nmi[0] + " " + nmi[1]);
        assertTrue(Files.size(onnx) > 0);
    }

    @Test
    void elkiExampleMatchesTheLabels() {
        double f1 = ElkiExample.run("../elki-adapter/src/test/resources/different-densities-2d-no-noise.ascii", 5);
        assertTrue(f1 > 0.99, "F1 " + f1);
    }

    @Test
    void sparkExampleFitsACsvAndSavesTheModel() throws Exception {
        Path csv = dir.resolve("blobs.csv");
        writeBlobs(csv, 2000, 4, false);
        Path model = dir.resolve("model");
        double cost = SparkExample.run(csv.toString(), 4, model.toString());
        assertTrue(cost > 0 && cost < 2000 * 4 * 1.5, "cost " + cost);  // unit-variance blobs: about 4 per row
        assertTrue(Files.isDirectory(model.resolve("metadata")));
    }

    /** Called wrong, an example prints its usage instead of throwing (ArrayIndexOutOfBounds, NumberFormat). */
    @Test
    void examplesCalledWrongPrintTheirUsage() {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        java.io.PrintStream err = new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(Usage.wrong(CoreExample.class, "DATA.npy K [MODEL.json]", new String[0], 2, 3, err, 1));
        assertEquals("usage: java -cp <the examples' class path> io.github.minibatchkmeans.examples.CoreExample DATA.npy K "
                + "[MODEL.json]", bytes.toString(java.nio.charset.StandardCharsets.UTF_8).strip());
        assertTrue(Usage.wrong(WekaExample.class, "DATA.arff K", new String[] {"a.arff", "three"}, 2, 2, err, 1));
        assertTrue(Usage.wrong(WekaExample.class, "DATA.arff K", new String[] {"a.arff", "3", "extra"}, 2, 2, err, 1));
        bytes.reset();
        assertTrue(!Usage.wrong(WekaExample.class, "DATA.arff K", new String[] {"a.arff", "3"}, 2, 2, err, 1));
        assertEquals("", bytes.toString(java.nio.charset.StandardCharsets.UTF_8), "nothing said when called right");
    }
}
