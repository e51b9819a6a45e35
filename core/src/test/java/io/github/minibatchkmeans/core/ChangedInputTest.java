package io.github.minibatchkmeans.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.minibatchkmeans.core.ProgressEvent.Stage;
import io.github.minibatchkmeans.core.spi.BatchReader;
import io.github.minibatchkmeans.core.spi.BatchSource;
import io.github.minibatchkmeans.core.spi.InvalidInputException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Defect 2 of the reliability issue: an input changed between passes went unnoticed. */
class ChangedInputTest {
    private static final int ROWS = 20_000;
    private static final int DIMS = 4;

    @TempDir
    Path dir;

    private Path npy() throws IOException {
        double[][] x = TestData.blobs(ROWS, DIMS, 5, 3, 7);
        ByteBuffer out = ByteBuffer.allocate(NpySource.header(ROWS, DIMS, false).length + 8 * ROWS * DIMS)
                .order(ByteOrder.LITTLE_ENDIAN);
        out.put(NpySource.header(ROWS, DIMS, false));
        for (double[] row : x) {
            for (double v : row) {
                out.putDouble(v);
            }
        }
        Path file = dir.resolve("x.npy");
        Files.write(file, out.array());
        return file;
    }

    /** A heap share too small to keep the rows: the fit reads the file on every pass, out of core. */
    private static final double OUT_OF_CORE = 1e-9;

    /** Fits {@code file} out of core, calling {@code change} once, when iteration 2 ends; returns the error. */
    private static String fitChanging(Path file, Pruning pruning, IoAction change) {
        KMeansConfig config = KMeansConfig.builder(5).seed(3).nInit(1).pruning(pruning).tolerance(0).heapFraction(OUT_OF_CORE).build();
        try (MiniBatchKMeans estimator = new MiniBatchKMeans(config, changingAfterIteration2(change))) {
            return assertThrows(InvalidInputException.class, () -> estimator.fit(new NpySource(file))).getMessage();
        }
    }

    private static ProgressListener changingAfterIteration2(IoAction change) {
        return e -> {
            if (e.stage() == Stage.ITERATION && e.pass() == 2 && e.finished()) {
                try {
                    change.run();
                } catch (IOException io) {
                    throw new java.io.UncheckedIOException(io);
                }
            }
        };
    }

    /** A file that fits the heap budget is read by the statistics pass only: what happens to it later does not reach the fit. */
    @Test
    void aFileKeptInMemoryIsReadOnceSoLaterChangesDoNotReachTheFit() throws IOException {
        Path file = npy();
        KMeansConfig config = KMeansConfig.builder(5).seed(3).nInit(1).tolerance(0).build();
        KMeansModel unchanged = new MiniBatchKMeans(config).fit(new NpySource(file));
        KMeansModel changed = new MiniBatchKMeans(config, changingAfterIteration2(() -> {
            try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
                f.setLength(f.length() / 2);
            }
        })).fit(new NpySource(file));
        CheckpointTest.assertSameModel(unchanged, changed);
    }

    interface IoAction {
        void run() throws IOException;
    }

    @Test
    void appendedRowsAreFoundAtTheNextPass() throws IOException {
        Path file = npy();
        long size = Files.size(file);
        String message = fitChanging(file, Pruning.AUTO, () -> Files.write(file, new byte[8 * DIMS * 100], StandardOpenOption.APPEND));
        assertEquals(file + ": the file changed during the fit (" + size + " bytes, now " + (size + 8 * DIMS * 100)
                + "), found at the start of pass 4", message);
    }

    @Test
    void truncationIsFound() throws IOException {
        Path file = npy();
        String message = fitChanging(file, Pruning.AUTO, () -> {
            try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
                f.setLength(f.length() / 2);
            }
        });
        assertTrue(message.startsWith(file + ": the file changed during the fit ("), message);
    }

    @Test
    void aSameSizeRewriteWithTheOldTimeIsFoundByChecksum() throws IOException {
        Path file = npy();
        String message = fitChanging(file, Pruning.OFF, () -> {
            FileTime time = Files.getLastModifiedTime(file);
            try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
                f.seek(f.length() - 8L * DIMS * 3000);
                f.writeDouble(1.5);
            }
            Files.setLastModifiedTime(file, time);
        });
        long row = ROWS - 3000;
        long first = row / 512 * 512;
        assertEquals(file + ": the file changed during the fit: rows " + first + "–" + (first + 511)
                + " differ from an earlier pass's (checksum), found in pass 4", message);
    }

    /** Any source, not only files: a pass that counts another number of rows than the first is an error. */
    @Test
    void aSourceWhoseRowCountChangesIsRefused() {
        double[][] x = TestData.blobs(3000, 2, 3, 4, 1);
        int[] opens = {0};
        BatchSource growing = new BatchSource() {
            @Override
            public int dimensions() {
                return 2;
            }

            @Override
            public String name() {
                return "growing";
            }

            @Override
            public BatchReader open() {
                int rows = ++opens[0] < 3 ? 3000 : 2500;
                int[] at = {0};
                return new BatchReader() {
                    @Override
                    public int read(double[] data, double[] weights, int maxRows) {
                        int n = Math.min(maxRows, rows - at[0]);
                        for (int i = 0; i < n; i++) {
                            System.arraycopy(x[at[0] + i], 0, data, i * 2, 2);
                            weights[i] = 1;
                        }
                        at[0] += n;
                        return n;
                    }

                    @Override
                    public void close() {
                    }
                };
            }
        };
        KMeansConfig config = KMeansConfig.builder(3).seed(1).nInit(1).initializer(Initializers.random()).pruning(Pruning.OFF).build();
        try (MiniBatchKMeans estimator = new MiniBatchKMeans(config)) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> estimator.fit(growing));
            assertEquals("growing: the input changed during the fit: pass 3 has 2500 rows, the first pass had 3000", e.getMessage());
        }
    }
}
