package io.github.minibatchkmeans.cli;

import io.github.minibatchkmeans.core.NpySource;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code generate}: write Gaussian blobs as CSV or {@code .npy}, streaming, in constant memory. */
@Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Write Gaussian blobs (centers uniform in [-10,10]^d, unit variance) to a .csv or .npy file.")
final class GenerateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--rows", required = true, paramLabel = "N", description = "Number of rows.")
    long rows;

    @Option(names = "--dims", required = true, paramLabel = "D", description = "Number of columns.")
    int dims;

    @Option(names = "--clusters", required = true, paramLabel = "K", description = "Number of blobs.")
    int clusters;

    @Option(names = "--cluster-std", defaultValue = "1", paramLabel = "S",
            description = "Standard deviation of each blob (centers uniform in [-10, 10]); default 1.")
    double std;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "Random seed; default 0.")
    long seed;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Output file, .csv or .npy.")
    Path out;

    @Option(names = "--json", description = "Print what was written as one JSON object.")
    boolean json;

    /** What {@code generate --json} prints. */
    record Result(String file, long rows, int dims, int clusters, long seed, long bytes, double seconds) {
    }

    @Override
    public Integer call() throws IOException {
        if (rows < 1) {
            throw new UsageException("--rows: must be >= 1, got " + rows);
        }
        if (dims < 1) {
            throw new UsageException("--dims: must be >= 1, got " + dims);
        }
        if (clusters < 1) {
            throw new UsageException("--clusters: must be >= 1, got " + clusters);
        }
        Blobs.checkStd(std);
        long start = System.nanoTime();
        long bytes = write(new Blobs(dims, clusters, seed, std), rows, out);
        PrintWriter stdout = spec.commandLine().getOut();
        double seconds = (System.nanoTime() - start) / 1e9;
        if (json) {
            stdout.println(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(
                    new Result(out.toString(), rows, dims, clusters, seed, bytes, seconds)));
        } else {
            stdout.printf(Locale.ROOT, "wrote %s: %,d rows x %d columns from %d blobs, %.1f MB in %.2f s%n", out, rows, dims,
                    clusters, bytes / 1e6, seconds);
        }
        return 0;
    }

    /** Writes {@code rows} rows of {@code blobs} to {@code file} (format by extension); returns its size. */
    static long write(Blobs blobs, long rows, Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean npy = name.endsWith(".npy");
        if (!npy && !name.endsWith(".csv")) {
            throw new UsageException("--out: " + file + ": use a .csv or .npy file name");
        }
        AtomicFile opened;
        try {
            opened = new AtomicFile(file);
        } catch (UsageException e) {
            throw new UsageException("--out: " + e.getMessage());
        }
        checkFreeSpace(file, opened.target().getParent(), npy ? NpySource.header(rows, blobs.dims(), false).length
                + 8.0 * rows * blobs.dims() : CSV_BYTES_PER_VALUE * rows * blobs.dims(), npy);
        try (AtomicFile target = opened) {
            if (npy) {
                writeNpy(blobs, rows, target.stream());
            } else {
                writeCsv(blobs, rows, target.writer());
            }
            target.commit();
        }
        return java.nio.file.Files.size(file);
    }

    /** The fewest bytes a CSV value takes: "-1.2345678," and the like; Double.toString of blob values is longer. */
    private static final double CSV_BYTES_PER_VALUE = 10;

    /** Refuses, before writing a byte, a file of {@code bytes} that cannot fit in the free space of {@code dir}. */
    private static void checkFreeSpace(Path file, Path dir, double bytes, boolean exact) throws IOException {
        long free = java.nio.file.Files.getFileStore(dir).getUsableSpace();
        if (bytes > free) {
            throw new UsageException(String.format(Locale.ROOT, "--out: %s needs %s%,.0f MB but %s has %,.0f MB free", file,
                    exact ? "" : "at least ", bytes / 1e6, dir, free / 1e6));
        }
    }

    private static void writeNpy(Blobs blobs, long rows, OutputStream out) throws IOException {
        int d = blobs.dims();
        out.write(NpySource.header(rows, d, false));
        int chunk = Math.max(1, (1 << 20) / (8 * d));
        double[] values = new double[chunk * d];
        ByteBuffer bytes = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (long first = 0; first < rows; first += chunk) {
            int n = (int) Math.min(chunk, rows - first);
            for (int i = 0; i < n; i++) {
                blobs.fill(first + i, values, i * d);
            }
            bytes.clear();
            bytes.asDoubleBuffer().put(values, 0, n * d);
            out.write(bytes.array(), 0, n * d * 8);
        }
        out.flush();
    }

    private static void writeCsv(Blobs blobs, long rows, BufferedWriter out) throws IOException {
        int d = blobs.dims();
        for (int j = 0; j < d; j++) {
            out.write(j == 0 ? "x0" : ",x" + j);
        }
        out.write('\n');
        double[] row = new double[d];
        for (long i = 0; i < rows; i++) {
            blobs.fill(i, row, 0);
            for (int j = 0; j < d; j++) {
                if (j > 0) {
                    out.write(',');
                }
                out.write(Double.toString(row[j]));
            }
            out.write('\n');
        }
        out.flush();
    }
}
