package io.github.minibatchkmeans.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.minibatchkmeans.core.NpySource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of bad input ends with exit code ≠ 0, exactly one line on stderr saying what and
 * where, and no output file — not even a partial one.
 */
class BadInputTest {
    @TempDir
    Path dir;

    private Path text(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        return file;
    }

    private Path npy(String name, String dict, int dataBytes) throws IOException {
        byte[] header = (dict + "\n").getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer out = ByteBuffer.allocate(10 + header.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        out.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) header.length).put(header);
        Path file = dir.resolve(name);
        Files.write(file, out.array());
        return file;
    }

    private Path npyDoubles(String name, double... values) throws IOException {
        byte[] header = NpySource.header(values.length / 2, 2, false);
        ByteBuffer out = ByteBuffer.allocate(header.length + 8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put(header);
        for (double v : values) {
            out.putDouble(v);
        }
        Path file = dir.resolve(name);
        Files.write(file, out.array());
        return file;
    }

    /** Runs fit with every output requested; checks the failure and that nothing was written. */
    private String failingFit(Path input, String... extra) throws IOException {
        List<String> args = new ArrayList<>(List.of("fit", "--input", input.toString(),
                "--labels-out", dir.resolve("out-labels.txt").toString(),
                "--centroids-out", dir.resolve("out-centroids.csv").toString(),
                "--model-out", dir.resolve("out-model.json").toString(), "--quiet"));
        if (!List.of(extra).contains("--k")) {
            args.addAll(List.of("--k", "2"));
        }
        args.addAll(List.of(extra));
        List<Path> before = listing();
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertTrue(run.exitCode() != 0, "exit code");
        assertEquals(1, run.err().lines().count(), "one line on stderr: " + run.err());
        assertFalse(run.err().contains("Exception"), run.err());
        assertEquals(before, listing(), "no output files, no leftovers");
        return run.err().strip();
    }

    private List<Path> listing() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }

    private static String prefix() {
        return "minibatch-kmeans: ";
    }

    @Test
    void unparsableNumberNamesFileLineAndColumn() throws IOException {
        Path f = text("bad.csv", "a,b\n1,2\n3,4\n5,x7\n");
        assertEquals(prefix() + f + ":4:2: not a number: 'x7'", failingFit(f));
    }

    @Test
    void raggedRow() throws IOException {
        Path f = text("ragged.csv", "1,2\n3,4\n5,6,7\n");
        assertEquals(prefix() + f + ":3: expected 2 fields, found 3", failingFit(f));
    }

    @Test
    void nanAndInfinity() throws IOException {
        Path nan = text("nan.csv", "1,2\nnan,4\n5,6\n");
        assertEquals(prefix() + nan + ":2:1: not a finite number: 'nan'", failingFit(nan, "--missing", "error"));
        Path inf = text("inf.tsv", "1\t2\n3\tInfinity\n5\t6\n");
        assertEquals(prefix() + inf + ":2:2: not a finite number: 'Infinity'", failingFit(inf));
        Path npyInf = npyDoubles("inf.npy", 1, 2, 3, Double.NEGATIVE_INFINITY);
        assertEquals(prefix() + npyInf + ": row 1, column 1: not a finite number: -Infinity", failingFit(npyInf));
        float[] values = new float[40 * 20]; // float32 rows are checked as floats, a range at a time
        values[13 * 20 + 17] = Float.NaN;
        byte[] header = NpySource.header(40, 20, true);
        ByteBuffer out = ByteBuffer.allocate(header.length + 4 * values.length).order(ByteOrder.LITTLE_ENDIAN).put(header);
        for (float v : values) {
            out.putFloat(v);
        }
        Path npyNan = Files.write(dir.resolve("nan32.npy"), out.array());
        assertEquals(prefix() + npyNan + ": row 13, column 17: missing value (NaN), an error as configured (missing = error; "
                + "impute replaces it with its column's mean, ignore leaves it out)", failingFit(npyNan, "--missing", "error"));
    }

    @Test
    void emptyInput() throws IOException {
        Path empty = text("empty.csv", "");
        assertEquals(prefix() + empty + ": empty input (no rows)", failingFit(empty));
        Path headerOnly = text("header.csv", "x,y\n");
        assertEquals(prefix() + headerOnly + ": empty input (no data rows)", failingFit(headerOnly));
        Path noRows = npy("none.npy", "{'descr': '<f8', 'fortran_order': False, 'shape': (0, 2), }", 0);
        assertEquals(prefix() + noRows + ": empty input (no data rows)", failingFit(noRows));
    }

    @Test
    void kOutOfRange() throws IOException {
        Path f = text("small.csv", "1,2\n3,4\n5,6\n");
        assertEquals(prefix() + "--k: must be an integer >= 1, got 0", failingFit(f, "--k", "0"));
        assertEquals(prefix() + "k = 4 is larger than the number of rows (3) in " + f, failingFit(f, "--k", "4"));
    }

    @Test
    void badWeights() throws IOException {
        Path negative = text("neg.csv", "x,w\n1,1\n2,-0.5\n");
        assertEquals(prefix() + negative + ":3:2: negative weight: -0.5", failingFit(negative, "--weight-column", "w"));
        Path zero = text("zero.csv", "x,w\n1,0\n2,0\n");
        assertEquals(prefix() + zero + ": total weight is zero", failingFit(zero, "--weight-column", "w"));
    }

    @Test
    void unsupportedOrTruncatedNpy() throws IOException {
        Path ints = npy("ints.npy", "{'descr': '<i4', 'fortran_order': False, 'shape': (2, 2), }", 16);
        assertEquals(prefix() + ints + ": unsupported .npy dtype '<i4' (need little-endian float32 '<f4' or float64 '<f8')",
                failingFit(ints));
        Path fortran = npy("fortran.npy", "{'descr': '<f8', 'fortran_order': True, 'shape': (2, 2), }", 32);
        assertEquals(prefix() + fortran + ": Fortran-order .npy is not supported (save with C order)", failingFit(fortran));
        Path vector = npy("vector.npy", "{'descr': '<f8', 'fortran_order': False, 'shape': (4,), }", 32);
        assertEquals(prefix() + vector + ": .npy array must be 2-D (rows, columns), found shape (4,)", failingFit(vector));
        Path truncated = npy("short.npy", "{'descr': '<f4', 'fortran_order': False, 'shape': (3, 2), }", 20);
        assertEquals(prefix() + truncated + ": truncated .npy: shape (3, 2) needs 24 bytes of data, found 20",
                failingFit(truncated));
    }

    @Test
    void missingOrUnreadableFile() throws IOException {
        Path missing = dir.resolve("missing.csv");
        assertEquals(prefix() + missing + ": no such file", failingFit(missing));
        // Tests run as root here, for whom file permissions do not bite; a directory is unreadable as data for everyone.
        Path folder = Files.createDirectory(dir.resolve("folder.npy"));
        assertEquals(prefix() + folder + ": is a directory, not a data file", failingFit(folder));
        Path unknown = text("data.xlsx", "1,2\n");
        assertEquals(prefix() + unknown + ": unsupported input format (use .csv, .tsv, .npy, .npz, .arff, .svm, .svmlight or .libsvm)", failingFit(unknown));
    }

    @Test
    void initialCentersOfTheWrongDimension() throws IOException {
        Path data = text("data.csv", "1,2\n3,4\n5,6\n");
        Path centers = text("centers.csv", "1,2,3\n4,5,6\n");
        assertEquals(prefix() + "initial center 1 has 3 values, but the data has 2 columns",
                failingFit(data, "--init", centers.toString()));
        Path three = text("three.csv", "1,2\n3,4\n5,6\n");
        assertEquals(prefix() + "initial centers: 3 given, but k is 2", failingFit(data, "--init", three.toString()));
    }

    @Test
    void badOptionValuesNameTheOption() throws IOException {
        Path data = text("ok.csv", "1,2\n3,4\n5,6\n");
        assertEquals(prefix() + "--mode: expected exact, stochastic or one-pass, got 'fast'", failingFit(data, "--mode", "fast"));
        assertEquals(prefix() + "--batch-size: must be an integer >= 1, got 0", failingFit(data, "--batch-size", "0"));
        assertEquals(prefix() + "--k: expected a number of clusters or a range MIN:MAX[:STEP] (such as 2:20), got 'two'",
                failingFit(data, "--k", "two"));
    }

    @Test
    void badBenchOptionsNameTheOption() {
        CliRun peers = CliRun.of("bench", "--rows", "100", "--dims", "2", "--k", "2", "--peers", "elki-lloyd");
        assertEquals(2, peers.exitCode());
        assertTrue(peers.err().strip().endsWith("--peers: the toolkits' k-means are not in this jar; run bench --peers from "
                + "benchmarks/target/minibatch-kmeans-benchmarks.jar (build it with mvn package)"), peers.err());
        CliRun spread = CliRun.of("bench", "--rows", "100", "--dims", "2", "--k", "2", "--cluster-std", "-1");
        assertEquals(2, spread.exitCode());
        assertEquals(prefix() + "--cluster-std: must be a number in [0, 1e148] (so that every value stays within ±1e150, what "
                + "fit accepts), got -1.0", spread.err().strip());
        CliRun huge = CliRun.of("generate", "--rows", "100", "--dims", "2", "--clusters", "2", "--cluster-std", "1e200", "--out",
                "never.npy");
        assertEquals(2, huge.exitCode(), "data fit would refuse is not written");
        assertTrue(huge.err().contains("got 1.0E200"), huge.err());
        CliRun none = CliRun.of("bench", "--rows", "100", "--dims", "2", "--k", "2", "--repeat", "0");
        assertEquals(2, none.exitCode());
        assertEquals(prefix() + "--repeat: must be >= 1, got 0", none.err().strip());
        CliRun both = CliRun.of("bench", "--rows", "100", "--dims", "2", "--input", "x.npy", "--k", "2");
        assertEquals(2, both.exitCode());
        assertEquals(1, both.err().strip().lines().count(), both.err());
        assertTrue(both.err().contains("mutually exclusive"), both.err());
    }

    @Test
    void withProgressTheErrorIsTheLastLine() throws IOException {
        Path f = text("late.csv", "1,2\n3,4\n");
        CliRun run = CliRun.of("fit", "--input", f.toString(), "--k", "3");
        assertEquals(1, run.exitCode());
        List<String> lines = run.err().lines().toList();
        assertEquals(prefix() + "k = 3 is larger than the number of rows (2) in " + f, lines.get(lines.size() - 1));
    }

    @Test
    void stackTraceOnlyWithDebug() throws IOException {
        Path f = text("d.csv", "1,2\nx,4\n");
        CliRun run = CliRun.of("fit", "--input", f.toString(), "--k", "1", "--debug");
        assertEquals(1, run.exitCode());
        assertTrue(run.err().lines().count() > 1);
        assertTrue(run.err().contains("InvalidInputException"));
    }

    @Test
    void float32IsRefusedWhereItWouldChangeTheFileAndNamesTheValueBeyondItsRange() throws IOException {
        Path doubles = npyDoubles("doubles.npy", 1, 2, 3, 4, 5, 6);
        assertEquals(prefix() + "--dtype float32 applies to CSV/TSV input and float32 .npy files; " + doubles
                + " holds float64 values: convert it with X.astype(np.float32)", failingFit(doubles, "--dtype", "float32"));
        Path huge = text("huge.csv", "a,b\n1,2\n3,4\n5,1e39\n");
        assertEquals(prefix() + huge + ": row 2, feature 1: 1.0E39 is beyond float32's range (±3.4e38); read it as float64 "
                + "(--dtype float64)", failingFit(huge, "--dtype", "float32"));
    }
}
