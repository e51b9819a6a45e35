package io.github.minibatchkmeans.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.minibatchkmeans.core.KMeansConfig;
import io.github.minibatchkmeans.core.KMeansModel;
import io.github.minibatchkmeans.core.MiniBatchKMeans;
import io.github.minibatchkmeans.io.ModelJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CSV category columns ({@code --categorical}) as nominal attributes: fitted as k-prototypes, predicted by name. */
class CategoricalTest {
    private static final String[] COLOURS = {"red", "green", "blue"};
    private static final String[] SIZES = {"S", "M", "L"};

    @TempDir
    Path dir;

    /** Three groups: x around 0, 0.5, 1; colour and size their group's with probability 0.8. */
    private static String table(int rows, Random random, boolean reordered) {
        StringBuilder text = new StringBuilder(reordered ? "size,label,colour,x\n" : "x,colour,size,label\n");
        for (int i = 0; i < rows; i++) {
            int g = i % 3;
            String x = String.format(Locale.ROOT, "%.4f", 0.5 * g + 0.15 * random.nextGaussian());
            String colour = COLOURS[random.nextDouble() < 0.8 ? g : random.nextInt(3)];
            String size = SIZES[random.nextDouble() < 0.8 ? g : random.nextInt(3)];
            text.append(reordered ? size + "," + g + "," + colour + "," + x : x + "," + colour + "," + size + "," + g).append('\n');
        }
        return text.toString();
    }

    @Test
    void categoryColumnsAreNominalAttributesAndPredictMapsTheirValuesByName() throws IOException {
        String text = table(600, new Random(3), false);
        Path csv = dir.resolve("shop.csv");
        Files.writeString(csv, text);
        Path model = dir.resolve("model.json");
        Path labels = dir.resolve("labels.txt");
        CliRun fit = CliRun.of("fit", "--input", csv.toString(), "--k", "3", "--categorical", "colour,size", "--label-column",
                "label", "--seed", "2", "--model-out", model.toString(), "--labels-out", labels.toString(), "--json");
        assertEquals(0, fit.exitCode(), fit.err());
        ModelJson.Stored stored = ModelJson.load(model);
        assertEquals(List.of("x", "colour=blue", "colour=green", "colour=red", "size=L", "size=M", "size=S"), stored.columns(),
                "one column per value, sorted, named column=value");
        assertTrue(new ObjectMapper().readTree(fit.out()).get("adjustedRandIndex").asDouble() > 0.6, fit.out());

        // the same rows encoded here, fitted by the core with the columns declared: the same bits
        double one = Math.sqrt(0.5);
        String[] lines = text.split("\n");
        double[][] x = new double[lines.length - 1][7];
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].split(",");
            x[i - 1][0] = Double.parseDouble(f[0]);
            x[i - 1][1 + List.of("blue", "green", "red").indexOf(f[1])] = one;
            x[i - 1][4 + List.of("L", "M", "S").indexOf(f[2])] = one;
        }
        KMeansModel core = new MiniBatchKMeans(KMeansConfig.builder(3).seed(2).nominalColumns(1, 3).nominalColumns(4, 3).build())
                .fit(x);
        KMeansModel tool = stored.model();
        for (int c = 0; c < 3; c++) {
            assertArrayEquals(core.centroid(c), tool.centroid(c), 0.0, "centroid " + c);
            assertEquals(one, tool.centroid(c)[1] + tool.centroid(c)[2] + tool.centroid(c)[3], 0.0, "a mode: one value");
        }

        // another file: columns in another order, a colour the model never saw
        Path other = dir.resolve("other.csv");
        Files.writeString(other, table(600, new Random(3), true).replace("\nS,0,red,", "\nS,0,purple,"));
        Path predicted = dir.resolve("predicted.txt");
        CliRun predict = CliRun.of("predict", "--model", model.toString(), "--input", other.toString(), "--label-column", "label",
                "--labels-out", predicted.toString(), "--json");
        assertEquals(0, predict.exitCode(), predict.err());
        List<String> fitted = Files.readAllLines(labels);
        List<String> mapped = Files.readAllLines(predicted);
        int purple = table(600, new Random(3), true).indexOf("\nS,0,red,");
        long differing = java.util.stream.IntStream.range(0, fitted.size()).filter(i -> !fitted.get(i).equals(mapped.get(i))).count();
        assertTrue(purple >= 0 && differing <= 1, differing + " rows labelled otherwise: only the purple one may be");
    }

    @Test
    void aMissingCategoryIsAnErrorOrItsColumnsMode() throws IOException {
        Path csv = dir.resolve("gaps.csv");
        Files.writeString(csv, "x,colour\n0.1,red\n0.2,\n0.9,blue\n1.0,blue\n0.0,red\n0.95,?\n");
        CliRun refused = CliRun.of("fit", "--input", csv.toString(), "--k", "2", "--categorical", "colour", "--missing", "error");
        assertEquals(1, refused.exitCode());
        assertEquals("minibatch-kmeans: " + csv + ":3:2: missing value (empty field); --missing impute replaces missing values "
                + "with their column's most frequent value", refused.err().strip());
        CliRun imputed = CliRun.of("fit", "--input", csv.toString(), "--k", "2", "--categorical", "colour", "--missing", "impute",
                "--json");
        assertEquals(0, imputed.exitCode(), imputed.err());
        assertEquals(2, new ObjectMapper().readTree(imputed.out()).get("missingValues").asLong(), "one per missing category");
    }

    @Test
    void categoryColumnsAreRefusedWhereTheyCannotBeRead() throws IOException {
        Path csv = dir.resolve("c.csv");
        Files.writeString(csv, "x,colour\n0.1,red\n0.2,blue\n");
        CliRun unknown = CliRun.of("fit", "--input", csv.toString(), "--k", "2", "--categorical", "shade");
        assertEquals(1, unknown.exitCode());
        assertTrue(unknown.err().contains(csv + ": categorical column 'shade' not found in header [x, colour]"), unknown.err());
        CliRun weight = CliRun.of("fit", "--input", csv.toString(), "--k", "2", "--categorical", "colour", "--nominal-weight", "0");
        assertEquals(2, weight.exitCode(), weight.err());
        assertTrue(weight.err().contains("--nominal-weight"), weight.err());
        Path arff = dir.resolve("c.arff");
        Files.writeString(arff, "@relation c\n@attribute x numeric\n@data\n1\n2\n");
        CliRun notCsv = CliRun.of("fit", "--input", arff.toString(), "--k", "2", "--categorical", "x");
        assertEquals(1, notCsv.exitCode());
        assertTrue(notCsv.err().contains("--categorical"), notCsv.err());
    }
}
