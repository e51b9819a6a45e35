package io.github.minibatchkmeans.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code generate}, {@code fit} and {@code predict} end to end, on CSV and .npy. */
class FitCommandTest {
    @TempDir
    Path dir;

    private Path generate(String name, int rows) {
        Path file = dir.resolve(name);
        CliRun run = CliRun.of("generate", "--rows", "" + rows, "--dims", "3", "--clusters", "4", "--seed", "5", "--out", file.toString());
        assertEquals(0, run.exitCode(), run.err());
        return file;
    }

    @Test
    void fitOnCsvWritesLabelsCentroidsModelAndJson() throws IOException {
        Path data = generate("blobs.csv", 2000);
        Path labels = dir.resolve("labels.txt");
        Path centroids = dir.resolve("centroids.csv");
        Path model = dir.resolve("model.json");
        CliRun run = CliRun.of("fit", "--input", data.toString(), "--k", "4", "--seed", "3", "--json", "--quiet",
                "--labels-out", labels.toString(), "--centroids-out", centroids.toString(), "--model-out", model.toString());
        assertEquals(0, run.exitCode(), run.err());

        JsonNode json = new ObjectMapper().readTree(run.out());
        for (String field : List.of("k", "mode", "iterations", "converged", "inertia", "sizes", "centroids")) {
            assertTrue(json.has(field), field);
        }
        assertEquals(4, json.get("k").asInt());
        assertEquals("exact", json.get("mode").asText());
        assertEquals(4, json.get("centroids").size());
        assertEquals(3, json.get("centroids").get(0).size());
        double total = 0;
        for (JsonNode s : json.get("sizes")) {
            total += s.asDouble();
        }
        assertEquals(2000, total);

        List<String> labelLines = Files.readAllLines(labels);
        assertEquals(2000, labelLines.size());
        assertTrue(labelLines.stream().allMatch(l -> l.matches("[0-3]")));
        assertEquals(4, Files.readAllLines(centroids).size());
        assertEquals(json.get("centroids").get(0).get(0).asDouble(),
                Double.parseDouble(Files.readAllLines(centroids).get(0).split(",")[0]));

        // A saved model predicts the same labels, and its centroids restart fit where it stopped.
        Path predicted = dir.resolve("predicted.txt");
        CliRun predict = CliRun.of("predict", "--model", model.toString(), "--input", data.toString(),
                "--labels-out", predicted.toString(), "--quiet");
        assertEquals(0, predict.exitCode(), predict.err());
        assertEquals(labelLines, Files.readAllLines(predicted));
        CliRun again = CliRun.of("fit", "--input", data.toString(), "--k", "4", "--init", centroids.toString(), "--json");
        assertEquals(0, again.exitCode(), again.err());
        assertEquals(1, new ObjectMapper().readTree(again.out()).get("iterations").asInt());
    }

    @Test
    void fitOnNpyMatchesFitOnTheSameCsv() throws IOException {
        Path csv = generate("same.csv", 1500);
        Path npy = generate("same.npy", 1500);
        ObjectMapper mapper = new ObjectMapper();
        JsonNode a = mapper.readTree(CliRun.of("fit", "--input", csv.toString(), "--k", "4", "--json", "--quiet").out());
        JsonNode b = mapper.readTree(CliRun.of("fit", "--input", npy.toString(), "--k", "4", "--json", "--quiet",
                "--threads", "1", "--batch-size", "7").out());
        assertEquals(a.get("centroids"), b.get("centroids"), "CSV keeps full double precision, so both are bit-identical");
        assertEquals(a.get("inertia"), b.get("inertia"));
    }

    @Test
    void stochasticModeWithKMeansParallelAndItsOptions() throws IOException {
        Path data = generate("s.npy", 5000);
        CliRun run = CliRun.of("fit", "--input", data.toString(), "--k", "4", "--mode", "stochastic", "--init", "k-means||",
                "--batch-size", "256", "--reassignment-ratio", "0.05", "--max-no-improvement", "5", "--n-init", "2",
                "--max-iter", "3", "--json", "--quiet");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertEquals("stochastic", json.get("mode").asText());
        assertEquals("k-means||", json.get("init").asText());
        assertTrue(json.get("iterations").asInt() <= 3);
        assertEquals(5000, json.get("rows").asLong());
        CliRun bad = CliRun.of("fit", "--input", data.toString(), "--k", "4", "--reassignment-ratio", "2", "--quiet");
        assertEquals(2, bad.exitCode());
        assertEquals("minibatch-kmeans: --reassignment-ratio: must be a number in [0, 1], got 2.0", bad.err().strip());
    }

    @Test
    void weightColumnAndColumnSelectionApply() throws IOException {
        Path data = dir.resolve("w.csv");
        Files.writeString(data, "name,x,w\na,0,1\nb,1,3\nc,10,1\n");
        CliRun run = CliRun.of("fit", "--input", data.toString(), "--k", "1", "--columns", "x", "--weight-column", "w", "--json");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertArrayEquals(new double[] {13.0 / 5}, new double[] {json.get("centroids").get(0).get(0).asDouble()}, 1e-12);
    }

    @Test
    void predictWritesDistancesToEveryCentroid() throws IOException {
        Path data = generate("p.npy", 300);
        Path model = dir.resolve("m.json");
        assertEquals(0, CliRun.of("fit", "--input", data.toString(), "--k", "3", "--quiet", "--model-out", model.toString()).exitCode());
        Path distances = dir.resolve("d.csv");
        CliRun run = CliRun.of("predict", "--model", model.toString(), "--input", data.toString(), "--distances-out",
                distances.toString(), "--json");
        assertEquals(0, run.exitCode(), run.err());
        List<String> lines = Files.readAllLines(distances);
        assertEquals(300, lines.size());
        assertEquals(3, lines.get(0).split(",").length);
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertEquals(300, json.get("rows").asLong());
        long sized = 0;
        for (JsonNode size : json.get("sizes")) { // "sizes", as fit --json calls them
            sized += size.asLong();
        }
        assertEquals(300, sized);
    }

    /** Three blobs with a class name column between the features: "a,b,class,c". */
    private Path labelled(String name) throws IOException {
        java.util.Random random = new java.util.Random(8);
        StringBuilder csv = new StringBuilder("a,b,class,c\n");
        String[] classes = {"setosa", "versicolor", "virginica"};
        for (int i = 0; i < 900; i++) {
            int c = i % 3;
            csv.append(String.format(java.util.Locale.ROOT, "%.4f,%.4f,%s,%.4f%n", 10 * c + random.nextGaussian(),
                    random.nextGaussian(), classes[c], -5 * c + random.nextGaussian()));
        }
        Path file = dir.resolve(name);
        Files.writeString(file, csv);
        return file;
    }

    @Test
    void aLabelColumnStaysOutOfTheFeaturesAndMeasuresTheAgreement() throws IOException {
        Path data = labelled("labelled.csv");
        CliRun run = CliRun.of("fit", "--input", data.toString(), "--k", "3", "--label-column", "class", "--json", "--quiet");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertEquals(3, json.get("dimensions").asInt(), "a, b and c; not the class");
        assertEquals("class", json.get("labelColumn").asText());
        assertEquals(1.0, json.get("adjustedRandIndex").asDouble(), 1e-9);
        assertEquals(1.0, json.get("purity").asDouble(), 1e-9);
        CliRun text = CliRun.of("fit", "--input", data.toString(), "--k", "2", "--label-column", "2");
        assertTrue(text.out().contains("against label column class (3 classes): adjusted Rand index"), text.out());
        assertTrue(text.out().contains("purity 0.6667"), text.out());
    }

    @Test
    void aCsvLabelColumnIsNamedAsWekaUsersNameIt() throws IOException {
        Path data = labelled("labelled.csv");
        Path last = dir.resolve("last.csv"); // the class moved to the end, headerless too: first/last work without names
        List<String> lines = Files.readAllLines(data);
        StringBuilder moved = new StringBuilder();
        StringBuilder headerless = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",");
            String row = f[0] + "," + f[1] + "," + f[3] + "," + f[2] + "\n";
            moved.append(row);
            headerless.append(i == 0 ? "" : row);
        }
        Files.writeString(last, moved);
        Path noHeader = dir.resolve("noheader.csv");
        Files.writeString(noHeader, headerless);
        for (String[] args : new String[][] {{data.toString(), "CLASS"}, {last.toString(), "last"}, {last.toString(), "LAST"},
                {noHeader.toString(), "last"}}) {
            CliRun run = CliRun.of("fit", "--input", args[0], "--k", "3", "--label-column", args[1], "--json", "--quiet");
            assertEquals(0, run.exitCode(), run.err());
            JsonNode json = new ObjectMapper().readTree(run.out());
            assertEquals(3, json.get("dimensions").asInt(), String.join(" ", args));
            assertEquals(1.0, json.get("adjustedRandIndex").asDouble(), 1e-9, String.join(" ", args));
        }
        CliRun unknown = CliRun.of("fit", "--input", data.toString(), "--k", "3", "--label-column", "kind");
        assertEquals(1, unknown.exitCode());
        assertTrue(unknown.err().contains("label column 'kind' not found in header [a, b, class, c]; or first, last, or a "
                + "0-based index"), unknown.err());
    }

    @Test
    void predictMeasuresTheAgreementWithALabelColumn() throws IOException {
        Path data = labelled("labelled.csv");
        Path model = dir.resolve("model.json");
        assertEquals(0, CliRun.of("fit", "--input", data.toString(), "--k", "3", "--label-column", "class", "--model-out",
                model.toString(), "--quiet").exitCode());
        CliRun run = CliRun.of("predict", "--model", model.toString(), "--input", data.toString(), "--label-column", "class");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("against label column class (3 classes): adjusted Rand index 1.0000, purity 1.0000"),
                run.out());
        CliRun json = CliRun.of("predict", "--model", model.toString(), "--input", data.toString(), "--label-column", "class",
                "--json");
        assertEquals(1.0, new ObjectMapper().readTree(json.out()).get("adjustedRandIndex").asDouble(), 1e-9);
        CliRun stdin = CliRun.of("predict", "--model", model.toString(), "--input", "-", "--label-column", "class");
        assertEquals(2, stdin.exitCode());
        assertTrue(stdin.err().contains("--label-column: needs a second read of the input"), stdin.err());
    }

    @Test
    void missingValuesAreImputedByDefaultOrAnErrorAsTheUserChooses() throws IOException {
        StringBuilder text = new StringBuilder("a,b\n1,,\n".replace(",,", ","));
        java.util.Random random = new java.util.Random(6);
        for (int i = 0; i < 300; i++) {
            text.append(String.format(java.util.Locale.ROOT, "%.4f,%s%n", 10 * (i % 2) + random.nextGaussian(),
                    i % 50 == 7 ? "?" : String.format(java.util.Locale.ROOT, "%.4f", random.nextGaussian())));
        }
        Path csv = dir.resolve("missing.csv");
        Files.writeString(csv, text);
        CliRun refused = CliRun.of("fit", "--input", csv.toString(), "--k", "2", "--missing", "error");
        assertEquals(1, refused.exitCode());
        assertEquals("minibatch-kmeans: " + csv + ":2:2: missing value (empty field); --missing impute replaces missing values "
                + "with their column's mean", refused.err().strip());
        Path model = dir.resolve("model.json");
        CliRun imputed = CliRun.of("fit", "--input", csv.toString(), "--k", "2", "--model-out", model.toString(), "--quiet");
        assertEquals(0, imputed.exitCode(), imputed.err());
        assertTrue(imputed.err().contains(csv + ": 7 missing values (empty fields, NaN or ?, NA) replaced by their column's mean"),
                imputed.err());
        assertEquals(7, io.github.minibatchkmeans.io.ModelJson.load(model).model().missingValues(), "kept in the model file");
        Path sentinel = dir.resolve("sentinel.csv");
        Files.writeString(sentinel, "a,b\n1,2\n3,-999\n5,n/a\n7,8\n");
        CliRun marked = CliRun.of("fit", "--input", sentinel.toString(), "--k", "2", "--missing", "impute", "--na-values", "-999,N/A",
                "--json");
        assertEquals(0, marked.exitCode(), marked.err());
        assertTrue(marked.err().contains(sentinel + ": 2 missing values (empty fields, NaN or -999, N/A) replaced"), marked.err());
        assertEquals(2, new ObjectMapper().readTree(marked.out()).get("missingValues").asLong(), "the report says how many");
        CliRun unmarked = CliRun.of("fit", "--input", sentinel.toString(), "--k", "2", "--na-values", "-999", "--missing", "error");
        assertEquals("minibatch-kmeans: " + sentinel + ":3:2: missing value ('-999'); --missing impute replaces missing values "
                + "with their column's mean", unmarked.err().strip());
        CliRun notCsv = CliRun.of("fit", "--input", dir.resolve("x.npy").toString(), "--k", "2", "--na-values", "-1");
        assertTrue(notCsv.exitCode() != 0 && notCsv.err().contains("--na-values"), notCsv.err());
        CliRun predicted = CliRun.of("predict", "--model", model.toString(), "--input", csv.toString(), "--missing", "impute",
                "--json");
        assertEquals(0, predicted.exitCode(), predicted.err());
        assertEquals(301, new ObjectMapper().readTree(predicted.out()).get("rows").asLong());

        Path arff = dir.resolve("missing.arff");
        Files.writeString(arff, "@relation m\n@attribute a numeric\n@attribute b numeric\n@data\n1,2\n3,?\n5,6\n7,8\n");
        assertEquals(0, CliRun.of("fit", "--input", arff.toString(), "--k", "2", "--quiet").exitCode(), "ARFF: imputed, as Weka does");
        CliRun strict = CliRun.of("fit", "--input", arff.toString(), "--k", "2", "--missing", "error");
        assertEquals(1, strict.exitCode());
        assertTrue(strict.err().contains(arff + ": 1 missing values ('?' or NaN); --missing impute replaces them"), strict.err());
        Path npy = dir.resolve("gaps.npy");
        java.nio.ByteBuffer values = java.nio.ByteBuffer.allocate(8 * 2 * 6).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (double v : new double[] {0, 0, 0.1, Double.NaN, 0.2, 0.1, 9, 9, Double.NaN, 9.1, 9.2, 9}) {
            values.putDouble(v);
        }
        Files.write(npy, concat(io.github.minibatchkmeans.core.NpySource.header(6, 2, false), values.array()));
        CliRun gaps = CliRun.of("fit", "--input", npy.toString(), "--k", "2", "--json");
        assertEquals(0, gaps.exitCode(), gaps.err());
        assertEquals(2, new ObjectMapper().readTree(gaps.out()).get("missingValues").asLong(), "NaN in a .npy: missing");
    }

    @Test
    void missingValuesLeftOutMeasureRowsOverTheFeaturesTheyHaveInTheFitAndInPredict() throws IOException {
        StringBuilder text = new StringBuilder("a,b,c\n");
        java.util.Random random = new java.util.Random(7);
        double[][] rows = new double[400][3];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < 3; j++) {
                rows[i][j] = i % 9 == 4 && j == i % 3 ? Double.NaN : Math.round((8 * (i % 2) + random.nextGaussian()) * 1e4) / 1e4;
                text.append(j > 0 ? "," : "").append(Double.isNaN(rows[i][j]) ? "" : Double.toString(rows[i][j]));
            }
            text.append('\n');
        }
        Path csv = dir.resolve("gaps.csv");
        Files.writeString(csv, text);
        Path model = dir.resolve("ignored.json");
        CliRun fit = CliRun.of("fit", "--input", csv.toString(), "--k", "2", "--seed", "3", "--missing", "ignore",
                "--model-out", model.toString(), "--json");
        assertEquals(0, fit.exitCode(), fit.err());
        assertTrue(fit.err().contains(csv + ": 44 missing values (empty fields, NaN or ?, NA) left out: rows measured over the "
                + "features they have"), fit.err());
        assertEquals(44, new ObjectMapper().readTree(fit.out()).get("missingValues").asLong());
        assertTrue(Files.readString(model).contains("\"missing\" : \"IGNORE\""), "the model file says so");
        io.github.minibatchkmeans.core.KMeansModel stored = io.github.minibatchkmeans.io.ModelJson.load(model).model();
        io.github.minibatchkmeans.core.KMeansModel core = new io.github.minibatchkmeans.core.MiniBatchKMeans(
                io.github.minibatchkmeans.core.KMeansConfig.builder(2).seed(3)
                        .missing(io.github.minibatchkmeans.core.MissingValues.IGNORE).build()).fit(rows);
        assertArrayEquals(core.centroids(), stored.centroids(), "the core's fit of the same rows, bit for bit");
        Path labels = dir.resolve("ignored-labels.txt");
        CliRun predicted = CliRun.of("predict", "--model", model.toString(), "--input", csv.toString(), "--labels-out",
                labels.toString(), "--quiet");
        assertEquals(0, predicted.exitCode(), predicted.err());
        int[] expected = core.predict(rows);
        assertEquals(java.util.Arrays.stream(expected).mapToObj(Integer::toString).toList(), Files.readAllLines(labels));
        Path arff = dir.resolve("gaps.arff"); // the same rows as ARFF, '?' for a missing value: the same fit
        StringBuilder arffText = new StringBuilder("@relation gaps\n@attribute a numeric\n@attribute b numeric\n@attribute c numeric\n@data\n");
        for (String line : text.toString().split("\n")) {
            if (!line.startsWith("a,")) {
                arffText.append(String.join(",", java.util.Arrays.stream((line + ",end").split(",", -1)).limit(3)
                        .map(v -> v.isEmpty() ? "?" : v).toList())).append('\n');
            }
        }
        Files.writeString(arff, arffText);
        Path arffModel = dir.resolve("ignored-arff.json");
        CliRun fromArff = CliRun.of("fit", "--input", arff.toString(), "--k", "2", "--seed", "3", "--missing", "ignore",
                "--model-out", arffModel.toString(), "--quiet");
        assertEquals(0, fromArff.exitCode(), fromArff.err());
        assertTrue(fromArff.err().contains(arff + ": 44 missing values ('?' or NaN, which Weka reads as missing) left out"),
                fromArff.err());
        assertArrayEquals(core.centroids(), io.github.minibatchkmeans.io.ModelJson.load(arffModel).model().centroids(),
                "ARFF: the core's fit of the same rows");
        // the file's own means (8) would send its last row to the group at 8; left out, a = 3.5 puts it near 0
        Path fewer = dir.resolve("predict-gaps.arff");
        Files.writeString(fewer, "@relation gaps\n@attribute a numeric\n@attribute b numeric\n@attribute c numeric\n@data\n"
                + "8,8,8\n8,8,8\n8,8,8\n3.5,?,?\n");
        Path arffLabels = dir.resolve("ignored-arff-labels.txt");
        CliRun arffPredicted = CliRun.of("predict", "--model", model.toString(), "--input", fewer.toString(), "--labels-out",
                arffLabels.toString(), "--quiet");
        assertEquals(0, arffPredicted.exitCode(), arffPredicted.err());
        int[] left = core.predict(new double[][] {{8, 8, 8}, {8, 8, 8}, {8, 8, 8}, {3.5, Double.NaN, Double.NaN}});
        assertTrue(left[3] != left[0]);
        assertEquals(java.util.Arrays.stream(left).mapToObj(Integer::toString).toList(), Files.readAllLines(arffLabels),
                "predict reads an ARFF file's '?' as the model takes a missing value: left out");
        CliRun stochastic = CliRun.of("fit", "--input", csv.toString(), "--k", "2", "--missing", "ignore", "--mode", "stochastic");
        assertEquals(2, stochastic.exitCode());
        assertTrue(stochastic.err().contains("missing: ignore measures rows by partial Euclidean distances in exact passes"),
                stochastic.err());
    }

    @Test
    void predictReadsAnArffFilesNominalAttributesWithTheModelsWeight() throws IOException {
        // x near 0 and red, x near 1.8 and blue, and five rows near 0 but blue: with γ = 4 a colour mismatch
        // outweighs the numeric gap, so those five join the blue cluster; read with γ = 1 they would not
        StringBuilder text = new StringBuilder("@relation colours\n@attribute x numeric\n@attribute colour {red,blue}\n@data\n");
        java.util.Random random = new java.util.Random(4);
        for (int i = 0; i < 85; i++) {
            double x = (i < 40 || i >= 80 ? 0 : 1.8) + 0.05 * random.nextGaussian();
            text.append(String.format(java.util.Locale.ROOT, "%.4f,%s%n", x, i < 40 ? "red" : "blue"));
        }
        Path arff = dir.resolve("colours.arff");
        Files.writeString(arff, text);
        Path model = dir.resolve("colours.json");
        Path fitted = dir.resolve("colours-fit.txt");
        CliRun fit = CliRun.of("fit", "--input", arff.toString(), "--k", "2", "--seed", "1", "--nominal-weight", "4",
                "--model-out", model.toString(), "--labels-out", fitted.toString(), "--quiet");
        assertEquals(0, fit.exitCode(), fit.err());
        List<String> labels = Files.readAllLines(fitted);
        assertEquals(labels.get(50), labels.get(82), "a blue row near 0 is in the blue cluster");
        Path predicted = dir.resolve("colours-predict.txt");
        CliRun predict = CliRun.of("predict", "--model", model.toString(), "--input", arff.toString(), "--labels-out",
                predicted.toString(), "--quiet");
        assertEquals(0, predict.exitCode(), predict.err());
        assertEquals(labels, Files.readAllLines(predicted), "predict reads colour with the fit's γ");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    void cosineMetricClustersByDirectionAndPredictKeepsIt() throws IOException {
        StringBuilder text = new StringBuilder("a,b,c\n");
        java.util.Random random = new java.util.Random(12);
        for (int i = 0; i < 600; i++) { // two directions at lengths from 0.1 to 100: Euclidean k-means splits by length
            double length = Math.pow(10, -1 + 3 * random.nextDouble());
            double[] direction = i % 2 == 0 ? new double[] {1, 0.2, 0} : new double[] {0, 0.2, 1};
            text.append(String.format(java.util.Locale.ROOT, "%.6f,%.6f,%.6f%n", length * (direction[0] + 0.05 * random.nextGaussian()),
                    length * (direction[1] + 0.05 * random.nextGaussian()), length * (direction[2] + 0.05 * random.nextGaussian())));
        }
        Path csv = dir.resolve("directions.csv");
        Files.writeString(csv, text);
        Path model = dir.resolve("cosine.json");
        Path labels = dir.resolve("labels.txt");
        CliRun run = CliRun.of("fit", "--input", csv.toString(), "--k", "2", "--metric", "cosine", "--model-out", model.toString(),
                "--labels-out", labels.toString(), "--json", "--quiet");
        assertEquals(0, run.exitCode(), run.err());
        List<String> found = Files.readAllLines(labels);
        for (int i = 0; i < found.size(); i++) {
            assertEquals(found.get(i % 2), found.get(i), "row " + i + ": by direction, not length");
        }
        assertEquals("COSINE", new ObjectMapper().readTree(Files.readString(model)).get("metric").asText());
        CliRun predicted = CliRun.of("predict", "--model", model.toString(), "--input", csv.toString(), "--json");
        assertEquals(new ObjectMapper().readTree(run.out()).get("inertia").asDouble(),
                new ObjectMapper().readTree(predicted.out()).get("inertia").asDouble(), 1e-9, "1 - cos summed, as fit says");
        CliRun wrong = CliRun.of("fit", "--input", csv.toString(), "--k", "2", "--metric", "manhattan");
        assertEquals(2, wrong.exitCode());
        assertTrue(wrong.err().contains("--metric: expected euclidean or cosine, got 'manhattan'"), wrong.err());
    }

    @Test
    void restartsAreReportedAsTheBestOfTheirStarts() throws IOException {
        Path data = labelled("labelled.csv");
        CliRun run = CliRun.of("fit", "--input", data.toString(), "--k", "5", "--label-column", "class", "--n-init", "4");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.err().contains("iteration 1: 900 rows"), run.err());
        assertTrue(run.err().contains("lowest inertia of 4 starts"), run.err());
        assertTrue(run.out().contains("(the best of 4 starts, which shared "), run.out());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("lowest inertia of 4 starts ([0-9.e+]+)").matcher(run.err());
        double previous = Double.POSITIVE_INFINITY;
        while (m.find()) { // never back up: a start that converged keeps its inertia among the lowest
            double inertia = Double.parseDouble(m.group(1));
            assertTrue(inertia <= previous, run.err());
            previous = inertia;
        }
    }

    @Test
    void arffInputHonoursTheLabelColumnAndTheColumns() throws IOException {
        Path arff = dir.resolve("labelled.arff");
        StringBuilder text = new StringBuilder("@relation t\n@attribute a numeric\n@attribute b numeric\n"
                + "@attribute kind {x,y}\n@data\n");
        java.util.Random random = new java.util.Random(3);
        for (int i = 0; i < 400; i++) {
            text.append(String.format(java.util.Locale.ROOT, "%.4f,%.4f,%s%n", 8 * (i % 2) + random.nextGaussian(),
                    random.nextGaussian(), i % 2 == 0 ? "x" : "y"));
        }
        Files.writeString(arff, text);
        CliRun run = CliRun.of("fit", "--input", arff.toString(), "--k", "2", "--label-column", "kind", "--json", "--quiet");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertEquals(2, json.get("dimensions").asInt());
        assertEquals(1.0, json.get("adjustedRandIndex").asDouble(), 1e-9);
        CliRun one = CliRun.of("fit", "--input", arff.toString(), "--k", "2", "--columns", "a", "--label-column", "kind", "--json",
                "--quiet");
        assertEquals(1, new ObjectMapper().readTree(one.out()).get("dimensions").asInt());
        for (String spelled : new String[] {"last", "KIND", "2"}) { // as Weka users type it: -c last; names in any case
            CliRun label = CliRun.of("fit", "--input", arff.toString(), "--k", "2", "--label-column", spelled, "--json", "--quiet");
            assertEquals(0, label.exitCode(), label.err());
            assertEquals(2, new ObjectMapper().readTree(label.out()).get("dimensions").asInt(), spelled);
        }
        CliRun unknown = CliRun.of("fit", "--input", arff.toString(), "--k", "2", "--label-column", "type", "--quiet");
        assertEquals(1, unknown.exitCode());
        assertEquals("minibatch-kmeans: " + arff + ": label column 'type' is not an attribute of the file (its attributes: a, b, "
                + "kind; or first, last, or a 0-based index)", unknown.err().strip());
    }

    @Test
    void predictPicksTheColumnsTheModelWasFittedOn() throws IOException {
        Path data = labelled("more-columns.csv");
        Path model = dir.resolve("model.json");
        Path fitLabels = dir.resolve("fit-labels.txt");
        CliRun fit = CliRun.of("fit", "--input", data.toString(), "--k", "3", "--columns", "c,a", "--quiet", "--model-out",
                model.toString(), "--labels-out", fitLabels.toString());
        assertEquals(0, fit.exitCode(), fit.err());
        assertTrue(Files.readString(model).contains("\"columns\""), "the model file names its columns");
        Path predicted = dir.resolve("predicted.txt");
        CliRun predict = CliRun.of("predict", "--model", model.toString(), "--input", data.toString(), "--quiet", "--labels-out",
                predicted.toString());
        assertEquals(0, predict.exitCode(), predict.err());
        assertEquals(Files.readAllLines(fitLabels), Files.readAllLines(predicted), "no --columns needed to predict the same way");
    }

    /** Standard input with a header in another column order is mapped by name, as a file is; a missing column is refused. */
    @Test
    void predictFromStandardInputMapsTheHeaderByName() throws IOException {
        StringBuilder abc = new StringBuilder("a,b,c\n");
        StringBuilder cba = new StringBuilder("c,b,a\n");
        java.util.Random random = new java.util.Random(4);
        for (int i = 0; i < 300; i++) {
            double a = 10 * (i % 3) + random.nextGaussian();
            double b = random.nextGaussian();
            double c = -5 * (i % 3) + random.nextGaussian();
            abc.append(a).append(',').append(b).append(',').append(c).append('\n');
            cba.append(c).append(',').append(b).append(',').append(a).append('\n');
        }
        Path data = dir.resolve("abc.csv");
        Files.writeString(data, abc);
        Path model = dir.resolve("abc.json");
        Path fitLabels = dir.resolve("abc-labels.txt");
        assertEquals(0, CliRun.of("fit", "--input", data.toString(), "--k", "3", "--quiet", "--model-out", model.toString(),
                "--labels-out", fitLabels.toString()).exitCode());
        Path predicted = dir.resolve("cba-labels.txt");
        CliRun run = CliRun.withInput(cba.toString(), "predict", "--model", model.toString(), "--input", "-", "--quiet",
                "--labels-out", predicted.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(Files.readAllLines(fitLabels), Files.readAllLines(predicted));
        CliRun missing = CliRun.withInput(cba.toString().replaceFirst("c,b,a", "c,b,z"), "predict", "--model", model.toString(),
                "--input", "-", "--quiet");
        assertEquals(1, missing.exitCode());
        assertEquals("minibatch-kmeans: <stdin>: the model's column a is not in the input (its columns: c, b, z)", missing.err().strip());
    }

    /** An ARFF model names its columns (attribute, or attribute=value): a file declaring nominal values in another order predicts the same. */
    @Test
    void anArffModelMapsNominalValuesByNameNotByDeclarationOrder() throws IOException {
        StringBuilder rows = new StringBuilder();
        java.util.Random random = new java.util.Random(5);
        String[] colours = {"red", "green", "blue"};
        for (int i = 0; i < 300; i++) {
            rows.append(String.format(java.util.Locale.ROOT, "%.4f,%s%n", 3 * (i % 3) + 0.3 * random.nextGaussian(),
                    colours[(i + i / 7) % 3]));
        }
        Path fitted = dir.resolve("fit.arff");
        Files.writeString(fitted, "@relation c\n@attribute x numeric\n@attribute colour {red,green,blue}\n@data\n" + rows);
        Path reordered = dir.resolve("reordered.arff");
        Files.writeString(reordered, "@relation c\n@attribute x numeric\n@attribute colour {blue,red,green}\n@data\n" + rows);
        Path model = dir.resolve("arff.json");
        Path fitLabels = dir.resolve("arff-fit.txt");
        assertEquals(0, CliRun.of("fit", "--input", fitted.toString(), "--k", "4", "--quiet", "--model-out", model.toString(),
                "--labels-out", fitLabels.toString()).exitCode());
        assertTrue(Files.readString(model).contains("\"colour=green\""), "the model names each one-hot column");
        Path predicted = dir.resolve("arff-predicted.txt");
        CliRun run = CliRun.of("predict", "--model", model.toString(), "--input", reordered.toString(), "--quiet", "--labels-out",
                predicted.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(Files.readAllLines(fitLabels), Files.readAllLines(predicted));
    }

    @Test
    void standardInputIsClusteredInOnePass() throws IOException {
        String csv = Files.readString(labelled("stdin.csv")).replace(",setosa", "").replace(",versicolor", "")
                .replace(",virginica", "").replace("a,b,class,c", "a,b,c");
        CliRun run = CliRun.withInput(csv, "fit", "--input", "-", "--k", "3", "--json", "--quiet");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertEquals("one-pass", json.get("mode").asText());
        assertEquals(900, json.get("rows").asLong());
        assertEquals(900, json.get("sizes").get(0).asDouble() + json.get("sizes").get(1).asDouble()
                + json.get("sizes").get(2).asDouble(), 1e-9);
        CliRun labels = CliRun.withInput(csv, "fit", "--input", "-", "--k", "3", "--labels-out", dir.resolve("l.txt").toString());
        assertEquals(2, labels.exitCode());
        assertEquals("minibatch-kmeans: --labels-out: needs a second read of the input, and --input - is read once",
                labels.err().strip());
        CliRun told = CliRun.withInput(csv, "fit", "--input", "-", "--k", "3", "--json");
        assertEquals("standard input is read once: fitted in one pass (mode one-pass); exact Lloyd iterations need a file",
                told.err().lines().findFirst().orElse(""), "exact was asked for: the run says what it did instead");
    }

    /** Stochastic over standard input: one epoch, its rows and pass counted, its inertia the streamed estimate, and said so. */
    @Test
    void standardInputInStochasticModeReportsItsOneEpoch() throws IOException {
        String csv = Files.readString(labelled("stdin2.csv")).replace(",setosa", "").replace(",versicolor", "")
                .replace(",virginica", "").replace("a,b,class,c", "a,b,c");
        CliRun run = CliRun.withInput(csv, "fit", "--input", "-", "--k", "3", "--mode", "stochastic", "--json", "--batch-size", "100");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertEquals("stochastic", json.get("mode").asText());
        assertEquals(900, json.get("rows").asLong());
        assertEquals(1, json.get("passes").asInt());
        assertTrue(json.get("inertia").asDouble() > 0, run.out());
        assertTrue(run.err().contains("the inertia is the streamed estimate"), run.err());
    }
}
