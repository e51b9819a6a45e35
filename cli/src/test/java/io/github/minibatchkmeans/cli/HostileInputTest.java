package io.github.minibatchkmeans.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.minibatchkmeans.core.NpySource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One test per defect found by the hostile trial of the reliability issue (defect 2, the input
 * changing between passes, is in the core's ChangedInputTest and the io module's CsvSourceTest;
 * the model-file checks of defect 4 in ModelJsonTest). Each failure is one line naming what and
 * where, exits non-zero, and leaves no file behind.
 */
class HostileInputTest {
    @TempDir
    Path dir;

    private Path csv(String name, String header, int rows, double scale) throws IOException {
        Random random = new Random(5);
        StringBuilder text = new StringBuilder(header);
        for (int i = 0; i < rows; i++) {
            text.append(random.nextGaussian() * scale).append(',').append((i % 3 + random.nextGaussian()) * scale).append('\n');
        }
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    private List<Path> listing() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }

    /** Runs the tool expecting a one-line error; checks that no file appeared or changed. */
    private String fails(String... args) throws IOException {
        List<Path> before = listing();
        long[] sizes = before.stream().mapToLong(p -> p.toFile().length()).toArray();
        CliRun run = CliRun.of(args);
        assertTrue(run.exitCode() != 0, "exit code of " + String.join(" ", args));
        assertEquals(1, run.err().lines().count(), run.err());
        assertFalse(run.err().contains("Exception"), run.err());
        assertEquals(before, listing(), "no new files, no leftovers");
        assertArrayEquals(sizes, before.stream().mapToLong(p -> p.toFile().length()).toArray(), "no file changed");
        return run.err().strip().substring("minibatch-kmeans: ".length());
    }

    private String s(Path p) {
        return p.toString();
    }

    // 1. An output path equal to the input destroyed the input (exit 0); a symlinked output was replaced.
    @Test
    void defect1OutputsThatAliasAnInputAreRefusedAndLinksAreFollowed() throws IOException {
        Path data = csv("same.csv", "a,b\n", 200, 1);
        for (String option : List.of("--labels-out", "--model-out", "--centroids-out")) {
            assertEquals(option + ": " + data + " is also --input: writing it would destroy what is read",
                    fails("fit", "--input", s(data), "--k", "3", "--quiet", option, s(data)));
        }
        Path viaDots = dir.resolve("sub/../same.csv");
        Files.createDirectories(dir.resolve("sub"));
        assertTrue(fails("fit", "--input", s(data), "--k", "3", "--quiet", "--labels-out", s(viaDots)).contains("is also --input"));
        Path model = dir.resolve("m.json");
        assertEquals(0, CliRun.of("fit", "--input", s(data), "--k", "3", "--quiet", "--model-out", s(model)).exitCode());
        assertTrue(fails("predict", "--model", s(model), "--input", s(data), "--labels-out", s(model)).contains("is also --model"));
        assertTrue(fails("predict", "--model", s(model), "--input", s(data), "--distances-out", s(data)).contains("is also --input"));
        assertTrue(fails("fit", "--input", s(data), "--k", "3", "--quiet", "--labels-out", s(dir.resolve("o.txt")),
                "--centroids-out", s(dir.resolve("o.txt"))).contains("give each output a file of its own"));

        Path target = dir.resolve("target.txt");
        Files.writeString(target, "old\n");
        Path link = Files.createSymbolicLink(dir.resolve("link.txt"), target);
        assertEquals(0, CliRun.of("fit", "--input", s(data), "--k", "3", "--quiet", "--labels-out", s(link)).exitCode());
        assertTrue(Files.isSymbolicLink(link), "the link stays a link");
        assertEquals(200, Files.readAllLines(target).size(), "its target got the labels");
        Path linkToInput = Files.createSymbolicLink(dir.resolve("input-link.txt"), data);
        assertTrue(fails("fit", "--input", s(data), "--k", "3", "--quiet", "--labels-out", s(linkToInput)).contains("is also --input"));
    }

    // 3. Overflow gave non-finite results with exit 0, or crashed k-means++.
    @Test
    void defect3ValuesAndWeightsBeyondDoublePrecisionAreRefusedBeforeAnyWork() throws IOException {
        Path huge = dir.resolve("huge.csv");
        Files.writeString(huge, "1e308,1e308\n-1e308,-1e308\n1e308,-1e308\n-1e308,1e308\n");
        assertEquals(huge + ":1:1: value too large: 1.0E308 (beyond ±1e150 squared distances overflow; rescale the data)",
                fails("fit", "--input", s(huge), "--k", "2", "--quiet"));
        Path e200 = csv("e200.csv", "", 50, 1e200);
        assertTrue(fails("fit", "--input", s(e200), "--k", "2", "--init", "random", "--quiet").contains("value too large"));
        Path tiny = csv("tiny.csv", "", 50, 1e-170);
        assertTrue(fails("fit", "--input", s(tiny), "--k", "2", "--quiet")
                .startsWith(tiny + ": no feature's values differ by more than "));
        Path tinyWeights = dir.resolve("tw.csv");
        Files.writeString(tinyWeights, "x,w\n1,1e-320\n2,1\n3,1\n");
        assertEquals(tinyWeights + ":2:2: weight too small: 1.0E-320 (positive weights must be at least 1e-150)",
                fails("fit", "--input", s(tinyWeights), "--k", "2", "--weight-column", "w", "--quiet"));
        Path hugeWeights = dir.resolve("hw.csv");
        Files.writeString(hugeWeights, "x,w\n1,1e308\n2,1\n3,1\n");
        assertEquals(hugeWeights + ":2:2: weight too large: 1.0E308 (at most 1e150)",
                fails("fit", "--input", s(hugeWeights), "--k", "2", "--weight-column", "w", "--quiet"));
        Path wide = dir.resolve("wide.csv"); // each value and weight allowed, their product is not
        Files.writeString(wide, "x,w\n1e149,1e150\n-1e149,1e150\n0,1e150\n");
        assertTrue(fails("fit", "--input", s(wide), "--k", "2", "--weight-column", "w", "--quiet")
                .contains("overflow double precision in squared distances or sums"));
    }

    // 4. predict trusted any model file (the field checks are in ModelJsonTest).
    @Test
    void defect4PredictRefusesAModelWithABadValue() throws IOException {
        Path data = csv("d.csv", "", 30, 1);
        Path model = dir.resolve("bad.json");
        Files.writeString(model, "{\"format\":\"minibatch-kmeans-model\",\"version\":1,\"mode\":\"EXACT\",\"k\":2,\"dimensions\":2,"
                + "\"centroids\":[[null,0],[1,1]],\"sizes\":[3,4],\"inertia\":1.5,\"iterations\":2,\"converged\":true,\"history\":[]}");
        assertTrue(fails("predict", "--model", s(model), "--input", s(data), "--labels-out", s(dir.resolve("l.txt")))
                .startsWith(model + ": not a valid model file: "));
    }

    // 5. A UTF-8 byte order mark was read as part of the first field.
    @Test
    void defect5AByteOrderMarkIsStripped() throws IOException {
        Path headerless = csv("bom.csv", "\ufeff", 100, 1);
        CliRun run = CliRun.of("fit", "--input", s(headerless), "--k", "2", "--json", "--quiet");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("\"rows\":100"), run.out());
        Path withHeader = csv("bomh.csv", "\ufeffa,b\n", 100, 1);
        run = CliRun.of("fit", "--input", s(withHeader), "--k", "2", "--columns", "a", "--json", "--quiet");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("\"rows\":100") && run.out().contains("\"dimensions\":1"), run.out());
    }

    // 6. Non-numeric ARFF attributes became numbers silently; missing values were imputed without a word.
    @Test
    void defect6NonNumericArffAttributesAreRefusedAndMissingValuesReported() throws IOException {
        String[][] kinds = {{"string", "'text'"}, {"date \"yyyy-MM-dd\"", "2020-01-01"}};
        for (String[] kind : kinds) {
            Path arff = dir.resolve("a.arff");
            StringBuilder text = new StringBuilder("@relation r\n@attribute x numeric\n@attribute s " + kind[0] + "\n@data\n");
            for (int i = 0; i < 10; i++) {
                text.append(i).append(',').append(kind[1]).append('\n');
            }
            Files.writeString(arff, text);
            String message = fails("fit", "--input", s(arff), "--k", "2", "--quiet");
            assertTrue(message.startsWith(arff + ": attribute 's' is "), message);
            Files.delete(arff);
        }
        Path missing = dir.resolve("m.arff");
        // Weka reads NaN as its missing value: counted and said with the '?'s, even with --quiet
        Files.writeString(missing, "@relation r\n@attribute x numeric\n@attribute y numeric\n@data\n1,2\n?,3\n4,5\n6,?\n7,NaN\n8,9\n");
        CliRun run = CliRun.of("fit", "--input", s(missing), "--k", "2", "--quiet");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(missing + ": 3 missing values ('?' or NaN, which Weka reads as missing) replaced by their column's mean (a "
                + "nominal attribute's mode)", run.err().strip());
    }

    // 7. Raw OutOfMemoryError: a batch buffer sized by the option, not by the data or the heap.
    @Test
    void defect7BuffersAreSizedByTheDataAndTheHeap() throws IOException {
        Path data = csv("small.csv", "", 2000, 1);
        CliRun run = CliRun.of("fit", "--input", s(data), "--k", "3", "--batch-size", "10000000", "--quiet", "--json");
        assertEquals(0, run.exitCode(), run.err());
        int d = 20_000;
        ByteBuffer npy = ByteBuffer.allocate(NpySource.header(20, d, false).length + 8 * 20 * d).order(ByteOrder.LITTLE_ENDIAN);
        npy.put(NpySource.header(20, d, false));
        Random random = new Random(1);
        for (int i = 0; i < 20 * d; i++) {
            npy.putDouble(random.nextDouble());
        }
        Path wide = dir.resolve("wide.npy");
        Files.write(wide, npy.array());
        run = CliRun.of("fit", "--input", s(wide), "--k", "2", "--quiet", "--plot", s(dir.resolve("wide.png")));
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(Files.size(dir.resolve("wide.png")) > 0);
    }

    // 8. An output that is a directory was found only after the fit, other outputs already written; errors named the .part file.
    @Test
    void defect8OutputsAreCheckedBeforeAnyWorkAndErrorsNameTheTarget() throws IOException {
        Path data = csv("d.csv", "", 100, 1);
        Path sub = Files.createDirectory(dir.resolve("out"));
        assertEquals("--model-out: " + sub + ": is a directory", fails("fit", "--input", s(data), "--k", "2", "--quiet",
                "--labels-out", s(dir.resolve("labels.txt")), "--model-out", s(sub)));
        Path locked = Files.createDirectory(dir.resolve("locked"));
        assertTrue(locked.toFile().setWritable(false));
        try {
            if (!Files.isWritable(locked)) { // root may write anyway
                String message = fails("fit", "--input", s(data), "--k", "2", "--quiet", "--labels-out", s(locked.resolve("l.txt")));
                assertEquals("--labels-out: " + locked.resolve("l.txt") + ": cannot write in " + locked + " (permission denied)", message);
            }
        } finally {
            locked.toFile().setWritable(true);
        }
        assertEquals("--labels-out: " + dir.resolve("nowhere/l.txt") + ": directory " + dir.resolve("nowhere") + " does not exist",
                fails("fit", "--input", s(data), "--k", "2", "--quiet", "--labels-out", s(dir.resolve("nowhere/l.txt"))));
    }

    // 9. No free-space check: generate wrote until the disk filled (the .part cleanup on SIGTERM is in SignalCleanupTest).
    @Test
    void defect9GenerateRefusesAFileThatCannotFit() throws IOException {
        String message = fails("generate", "--rows", "100000000000000", "--dims", "8", "--clusters", "3", "--out",
                s(dir.resolve("big.npy")));
        assertTrue(message.startsWith("--out: " + dir.resolve("big.npy") + " needs "), message);
        assertTrue(message.contains(" MB free"), message);
    }

    // 10. Unclear messages.
    @Test
    void defect10MessagesNameWhatAndWhere() throws IOException {
        Path data = csv("d.csv", "", 100, 1);
        Path modelDir = Files.createDirectory(dir.resolve("model"));
        assertEquals(modelDir + ": is a directory, not a data file", fails("predict", "--model", s(modelDir), "--input", s(data)));
        Path zero = dir.resolve("zero.json");
        Files.writeString(zero, "{\"format\":\"minibatch-kmeans-model\",\"version\":1,\"mode\":\"EXACT\",\"k\":0,\"dimensions\":2,"
                + "\"centroids\":[],\"sizes\":[],\"inertia\":0,\"iterations\":0,\"converged\":true,\"history\":[]}");
        assertEquals(zero + ": k must be at least 1, found 0", fails("predict", "--model", s(zero), "--input", s(data)));

        ByteBuffer negative = ByteBuffer.allocate(128).order(ByteOrder.LITTLE_ENDIAN);
        byte[] dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (-5, 2), }".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        negative.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) (128 - 10)).put(dict);
        while (negative.position() < 127) {
            negative.put((byte) ' ');
        }
        negative.put((byte) '\n');
        Path npy = dir.resolve("neg.npy");
        Files.write(npy, negative.array());
        assertTrue(fails("fit", "--input", s(npy), "--k", "2", "--quiet").contains("negative"));

        Path binary = dir.resolve("binary.csv"); // an .npy passed as CSV: no raw bytes echoed
        Files.write(binary, new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, 1, 2, ',', 3, '\n', 4, ',', 5, '\n'});
        String message = fails("fit", "--input", s(binary), "--k", "2", "--quiet");
        assertTrue(message.chars().allMatch(c -> c >= 0x20 && c < 0x7f || c == '–' || c == '…'), message);
        assertTrue(fails("fit", "--input", s(data), "--k", "2", "--quiet", "--init", s(binary)).chars().allMatch(c -> c >= 0x20 && c < 0x7f));

        Path typo = dir.resolve("typo.csv");
        Files.writeString(typo, "1.0,2.O\n3,4\n5,6\n7,8\n");
        assertEquals(typo + ":1:2: the first line mixes numbers and text ('2.O'): fix the value if it is data, or say --header if it is a header",
                fails("fit", "--input", s(typo), "--k", "2", "--quiet"));
    }
}
