package io.github.minibatchkmeans.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every command on every input format, with --json, --plot and progress. */
class FormatsAndReportsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** The same 3-blob data in the requested format. */
    private Path data(String extension) throws IOException {
        Path npy = dir.resolve("blobs.npy");
        if (!Files.exists(npy)) {
            CliRun generated = CliRun.of("generate", "--rows", "3000", "--dims", "3", "--clusters", "3", "--seed", "4",
                    "--out", npy.toString(), "--json");
            assertEquals(0, generated.exitCode(), generated.err());
            JsonNode json = JSON.readTree(generated.out());
            assertEquals(3000, json.get("rows").asLong());
            assertEquals(Files.size(npy), json.get("bytes").asLong());
        }
        Path csv = dir.resolve("blobs.csv");
        if (!Files.exists(csv)) {
            assertEquals(0, CliRun.of("generate", "--rows", "3000", "--dims", "3", "--clusters", "3", "--seed", "4",
                    "--out", csv.toString()).exitCode());
        }
        return switch (extension) {
            case "npy" -> npy;
            case "csv" -> csv;
            case "tsv" -> convert(csv, "blobs.tsv", List.of(), l -> l.replace(',', '\t'));
            case "arff" -> convert(csv, "blobs.arff", List.of("@relation blobs", "@attribute x0 numeric",
                    "@attribute x1 numeric", "@attribute x2 numeric", "@data"), l -> l);
            case "svm" -> convert(csv, "blobs.svm", List.of("# the blobs, 0-based"), SVMLIGHT);
            default -> throw new IllegalArgumentException(extension);
        };
    }

    /** A CSV line of three values as an svmlight line: label 0, the values at 0-based indices. */
    private static final java.util.function.UnaryOperator<String> SVMLIGHT = l -> {
        String[] v = l.split(",");
        return "0 0:" + v[0] + " 1:" + v[1] + " 2:" + v[2];
    };

    private Path convert(Path csv, String name, List<String> header, java.util.function.UnaryOperator<String> line)
            throws IOException {
        List<String> lines = Files.readAllLines(csv);
        List<String> out = new java.util.ArrayList<>(header);
        for (int i = header.isEmpty() ? 0 : 1; i < lines.size(); i++) {
            out.add(line.apply(lines.get(i)));
        }
        return Files.write(dir.resolve(name), out);
    }

    @ParameterizedTest
    @ValueSource(strings = {"csv", "tsv", "npy", "arff", "svm"})
    void fitWithPlotAndJsonThenPredictOnEachFormat(String format) throws IOException {
        Path input = data(format);
        Path plot = dir.resolve("fit-" + format + ".png");
        Path model = dir.resolve("model-" + format + ".json");
        CliRun fit = CliRun.of("fit", "--input", input.toString(), "--k", "3", "--json", "--plot", plot.toString(),
                "--model-out", model.toString(), "--quiet");
        assertEquals(0, fit.exitCode(), fit.err());
        JsonNode json = JSON.readTree(fit.out());
        assertEquals(3000, json.get("rows").asLong());
        assertEquals(3, json.get("centroids").size());
        BufferedImage image = ImageIO.read(plot.toFile());
        assertEquals(FitPlot.WIDTH, image.getWidth());
        assertEquals(FitPlot.HEIGHT, image.getHeight());

        Path labels = dir.resolve("labels-" + format + ".txt");
        CliRun predict = CliRun.of("predict", "--model", model.toString(), "--input", input.toString(), "--labels-out",
                labels.toString(), "--json");
        assertEquals(0, predict.exitCode(), predict.err());
        assertEquals(3000, JSON.readTree(predict.out()).get("rows").asLong());
        assertEquals(3000, Files.readAllLines(labels).size());
    }

    @Test
    void aSweepOverKReportsItsScoresPlotsThemAndSavesEveryModel() throws IOException {
        Path input = data("csv");
        Path plot = dir.resolve("sweep.png");
        CliRun sweep = CliRun.of("fit", "--input", input.toString(), "--k", "2:6", "--seed", "3", "--json", "--plot", plot.toString(),
                "--model-out", dir.resolve("model-k{k}.json").toString(), "--quiet");
        assertEquals(0, sweep.exitCode(), sweep.err());
        JsonNode json = JSON.readTree(sweep.out());
        assertEquals(3, json.get("k").asInt(), "three blobs");
        assertEquals(3, json.get("sweep").get("recommendedK").asInt());
        assertEquals(3000, json.get("sweep").get("silhouetteRows").asInt());
        assertEquals(5, json.get("sweep").get("scores").size());
        assertEquals(FitPlot.WIDTH, ImageIO.read(plot.toFile()).getWidth());
        for (int k = 2; k <= 6; k++) {
            JsonNode alone = JSON.readTree(CliRun.of("fit", "--input", input.toString(), "--k", Integer.toString(k), "--seed", "3",
                    "--sample-size", "10000", "--json", "--quiet").out());
            JsonNode score = json.get("sweep").get("scores").get(k - 2);
            assertEquals(k, score.get("k").asInt());
            assertEquals(alone.get("inertia").asDouble(), score.get("inertia").asDouble(), "k = " + k + " as fitted alone");
            JsonNode saved = JSON.readTree(dir.resolve("model-k" + k + ".json").toFile());
            assertEquals(alone.get("centroids").toString(), saved.get("centroids").toString(), "k = " + k);
        }
        CliRun table = CliRun.of("fit", "--input", input.toString(), "--k", "2:6:2");
        assertEquals(0, table.exitCode(), table.err());
        assertTrue(table.err().contains("calinski-harabasz") && table.err().contains("recommended k = "), table.err());
    }

    @Test
    void badRangesAndSweepOptionsAreOneLineErrors() throws IOException {
        Path input = data("csv");
        for (String[] bad : new String[][] {{"--k", "5:3"}, {"--k", "2:x"}, {"--k", "2:6:0"}, {"--k", "1:2:3:4"},
            {"--k", "2", "--model-out", dir.resolve("m{k}.json").toString()},
            {"--k", "2:4", "--checkpoint", dir.resolve("c.ckpt").toString()}, {"--k", "2:4", "--mode", "stochastic"},
            {"--k", "2:4", "--silhouette-sample", "1"}}) {
            List<String> args = new java.util.ArrayList<>(List.of("fit", "--input", input.toString()));
            args.addAll(List.of(bad));
            CliRun run = CliRun.of(args.toArray(String[]::new));
            assertTrue(run.exitCode() != 0, String.join(" ", bad));
            assertEquals(1, run.err().strip().lines().count(), run.err());
            assertTrue(run.err().contains(bad.length == 2 || bad[2].equals("--mode") ? "--k" : bad[2]), run.err());
        }
        CliRun stdin = CliRun.withInput(Files.readString(input), "fit", "--input", "-", "--k", "2:4");
        assertEquals(2, stdin.exitCode());
        assertEquals("minibatch-kmeans: --k: a sweep over k (MIN:MAX) passes over the data several times, and --input - is read once",
                stdin.err().strip());
        assertFalse(Files.exists(dir.resolve("c.ckpt")));
    }

    @Test
    void sameDataGivesTheSameCentroidsInEveryFormat() throws IOException {
        JsonNode reference = null;
        for (String format : List.of("csv", "tsv", "npy", "arff")) {
            JsonNode json = JSON.readTree(CliRun.of("fit", "--input", data(format).toString(), "--k", "3", "--json",
                    "--quiet").out());
            if (reference == null) {
                reference = json.get("centroids");
            }
            assertEquals(reference, json.get("centroids"), format);
        }
    }

    @Test
    void anSvmlightFileIsClusteredAsTheSameRowsDenseAndRefusedWithItsLine() throws IOException {
        JsonNode dense = JSON.readTree(CliRun.of("fit", "--input", data("csv").toString(), "--k", "3", "--json", "--quiet").out());
        JsonNode sparse = JSON.readTree(CliRun.of("fit", "--input", data("svm").toString(), "--k", "3", "--json", "--quiet").out());
        assertEquals(dense.get("iterations"), sparse.get("iterations"));
        assertEquals(3, sparse.get("dimensions").asInt());
        for (int c = 0; c < 3; c++) {
            for (int j = 0; j < 3; j++) {
                double expected = dense.get("centroids").get(c).get(j).asDouble();
                assertEquals(expected, sparse.get("centroids").get(c).get(j).asDouble(), 1e-12 * Math.max(1, Math.abs(expected)));
            }
        }
        assertEquals("label", sparse.get("labelColumn").asText());

        Path model = dir.resolve("svm-model.json");
        assertEquals(0, CliRun.of("fit", "--input", data("svm").toString(), "--k", "3", "--model-out", model.toString(),
                "--quiet").exitCode());
        Path narrow = Files.writeString(dir.resolve("narrow.svm"), "1 0:1.5\n2 1:-2\n"); // 2 features: as wide as the model
        CliRun predict = CliRun.of("predict", "--model", model.toString(), "--input", narrow.toString(), "--index-base", "0",
                "--json");
        assertEquals(0, predict.exitCode(), predict.err());
        assertEquals(2, JSON.readTree(predict.out()).get("rows").asLong());

        Path unsorted = Files.writeString(dir.resolve("bad.svm"), "1 1:1 2:2\n1 3:1 2:2\n");
        CliRun refused = CliRun.of("fit", "--input", unsorted.toString(), "--k", "2");
        assertEquals(1, refused.exitCode());
        assertEquals("minibatch-kmeans: " + unsorted + ":2: index 2 after 3: indices must increase within a line\n",
                refused.err());
        CliRun misplaced = CliRun.of("fit", "--input", data("csv").toString(), "--k", "2", "--index-base", "0");
        assertEquals(1, misplaced.exitCode());
        assertTrue(misplaced.err().contains("--index-base and --features apply to svmlight input only"), misplaced.err());
    }

    @Test
    void aScipyNpzMatrixIsFittedAndPredicted() throws IOException {
        Path npz = dir.resolve("tfidf.npz");
        try (java.io.InputStream in = getClass().getResourceAsStream("/scipy/tfidf-csr.npz")) { // the core's test files
            Files.copy(in, npz);
        }
        Path model = dir.resolve("npz-model.json");
        CliRun fit = CliRun.of("fit", "--input", npz.toString(), "--k", "3", "--metric", "cosine", "--model-out", model.toString(),
                "--json", "--quiet");
        assertEquals(0, fit.exitCode(), fit.err());
        JsonNode json = JSON.readTree(fit.out());
        assertEquals(240, json.get("rows").asLong());
        assertEquals(16, json.get("dimensions").asInt());
        CliRun predict = CliRun.of("predict", "--model", model.toString(), "--input", npz.toString(), "--json");
        assertEquals(0, predict.exitCode(), predict.err());
        assertEquals(240, JSON.readTree(predict.out()).get("rows").asLong());
    }

    @Test
    void benchReportsThroughputAsJson() throws IOException {
        CliRun bench = CliRun.of("bench", "--input", data("npy").toString(), "--k", "3", "--passes", "1", "--json");
        assertEquals(0, bench.exitCode(), bench.err());
        JsonNode json = JSON.readTree(bench.out());
        assertEquals(3000, json.get("rows").asLong());
        assertTrue(json.get("rowsPerSecond").asDouble() > 0);
        assertTrue(json.get("gflops").asDouble() > 0);
        assertTrue(json.get("firstPassSeconds").asDouble() <= json.get("coldFirstPassSeconds").asDouble(), "the fastest of the fits");
        assertTrue(json.get("firstPassMegabytesPerSecond").asDouble() > 0);
    }

    @Test
    void benchTimesASweepAgainstSeparateFitsAndCountsTheirReads() throws IOException {
        CliRun bench = CliRun.of("bench", "--input", data("npy").toString(), "--k", "2:5", "--repeat", "1", "--json");
        assertEquals(0, bench.exitCode(), bench.err());
        JsonNode json = JSON.readTree(bench.out());
        assertEquals(3, json.get("recommendedK").asInt());
        assertEquals(4, json.get("scores").size());
        assertEquals(json.get("longestFitReads").asInt() + 1, json.get("sweepReads").asInt(), "the longest fit's and the scoring pass");
        assertTrue(json.get("separateReads").asInt() > json.get("sweepReads").asInt());
        assertTrue(json.get("sweepSeconds").asDouble() > 0 && json.get("separateSeconds").asDouble() > 0);
    }

    @Test
    void progressLinesWhenNotOnATerminalAndSilenceWithQuiet() throws IOException {
        CliRun loud = CliRun.of("fit", "--input", data("npy").toString(), "--k", "3");
        assertEquals(0, loud.exitCode(), loud.err());
        assertTrue(loud.err().contains("statistics pass: 3,000 rows"), loud.err());
        assertTrue(loud.err().contains("iteration 1: 3,000 rows"), loud.err());
        assertTrue(loud.err().contains("inertia"), loud.err());
        assertTrue(loud.out().contains("converged after"), loud.out());
        CliRun quiet = CliRun.of("fit", "--input", data("npy").toString(), "--k", "3", "--quiet");
        assertEquals("", quiet.err());
        assertEquals("", quiet.out());
    }

    /**
     * A CSV large enough to be parsed in parallel ranges (8 MB of one-digit values, which parse into
     * four times their bytes of doubles) fits a 64 MB heap on 2 threads, as doubles and as float32.
     */
    @Test
    void wideTextParsedInParallelFitsASmallHeap() throws Exception {
        Path csv = dir.resolve("wide.csv");
        StringBuilder text = new StringBuilder();
        java.util.Random random = new java.util.Random(5);
        try (java.io.Writer out = Files.newBufferedWriter(csv)) {
            for (int i = 0; i < 6000; i++) {
                text.setLength(0);
                for (int j = 0; j < 700; j++) {
                    text.append(j == 0 ? "" : ",").append((i % 3) * 3 + random.nextInt(3));
                }
                out.write(text.append('\n').toString());
            }
        }
        assertTrue(Files.size(csv) > 8 << 20, "parsed in parallel ranges");
        for (String dtype : List.of("float64", "float32")) {
            Process process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx64m", "-cp", System.getProperty("java.class.path"), Main.class.getName(), "fit", "--input", csv.toString(),
                    "--no-header", "--k", "3", "--threads", "2", "--dtype", dtype, "--json", "--quiet"))
                    .redirectError(dir.resolve("wide-stderr.txt").toFile()).start();
            String out;
            try (InputStream in = process.getInputStream()) {
                out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            assertTrue(process.waitFor(5, TimeUnit.MINUTES));
            assertEquals(0, process.exitValue(), dtype + ": " + out + Files.readString(dir.resolve("wide-stderr.txt")));
            assertEquals(6000, JSON.readTree(out).get("rows").asLong());
        }
    }

    @Test
    void demoRunsOutOfCoreInA64MbHeapOnTheVectorKernelAndLeavesOnlyItsPlot() throws Exception {
        Path plot = dir.resolve("demo.png");
        Process process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-cp", System.getProperty("java.class.path"), Main.class.getName(), "demo", "--json", "--quiet",
                "--plot", plot.toString())).redirectError(dir.resolve("stderr.txt").toFile()).start();
        String out;
        try (InputStream in = process.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(process.waitFor(5, TimeUnit.MINUTES));
        assertEquals(0, process.exitValue(), out);
        JsonNode json = JSON.readTree(out);
        assertTrue(json.get("dataBytes").asLong() > json.get("maxHeapBytes").asLong(), "data larger than the heap");
        assertTrue(json.get("adjustedRandIndex").asDouble() > 0.99, out);
        assertTrue(json.get("passes").asInt() >= 3);
        // started without the Vector API module, the tool relaunched itself with it, and kept its stderr clean
        assertEquals("vector", json.get("kernel").asText(), out);
        assertEquals("", Files.readString(dir.resolve("stderr.txt")));
        assertEquals(FitPlot.WIDTH, ImageIO.read(plot.toFile()).getWidth());
        try (var temp = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            assertFalse(temp.anyMatch(p -> p.getFileName().toString().startsWith("minibatch-kmeans-demo")
                    && new File(p.toString(), "blobs.npy").exists()), "the demo deletes its data");
        }
    }

    /**
     * float32 is how values are held, not what they are: CSV values held as float32 (--dtype float32),
     * a float32 .npy (held as float32 by default, as float64 with --dtype float64) and the same values
     * as float64 give the very same centroids when the values are float32 values.
     */
    @Test
    void float32AndFloat64HoldingsOfTheSameValuesGiveTheSameFit() throws IOException {
        java.util.Random random = new java.util.Random(3);
        int n = 2000;
        int d = 5;
        StringBuilder csv = new StringBuilder();
        java.nio.ByteBuffer npy = java.nio.ByteBuffer.allocate(n * d * 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                float v = (float) (random.nextGaussian() + 6 * (i % 3));
                csv.append(j == 0 ? "" : ",").append((double) v); // the float's exact value
                npy.putFloat(v);
            }
            csv.append('\n');
        }
        Path text = Files.writeString(dir.resolve("floats.csv"), csv);
        Path file = dir.resolve("floats.npy");
        byte[] header = io.github.minibatchkmeans.core.NpySource.header(n, d, true);
        Files.write(file, java.nio.ByteBuffer.allocate(header.length + npy.capacity()).put(header).put(npy.array()).array());
        JsonNode reference = null;
        for (List<String> input : List.of(List.of(text.toString(), "--no-header"), List.of(text.toString(), "--no-header", "--dtype",
                "float32"), List.of(file.toString()), List.of(file.toString(), "--dtype", "float64"))) {
            List<String> args = new java.util.ArrayList<>(List.of("fit", "--k", "3", "--seed", "2", "--json", "--quiet", "--input"));
            args.addAll(input);
            CliRun fit = CliRun.of(args.toArray(String[]::new));
            assertEquals(0, fit.exitCode(), fit.err());
            JsonNode json = JSON.readTree(fit.out());
            reference = reference == null ? json : reference;
            assertEquals(reference.get("centroids"), json.get("centroids"), input.toString());
            assertEquals(reference.get("inertia"), json.get("inertia"), input.toString());
        }
    }
}
