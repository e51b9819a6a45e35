package io.github.minibatchkmeans.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.minibatchkmeans.core.spi.BatchReader;
import io.github.minibatchkmeans.core.spi.BatchSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A source that parses on every pass is parsed once, its rows kept in memory or in a spill file; one
 * that decodes on every pass is decoded once when its rows fit the budget, and read every pass when not.
 */
class ParseOnceTest {
    private static final double[][] X = TestData.blobs(5_000, 3, 6, 3, 4);

    /** Rows that claim to be text (or, with {@code DECODES}, a binary form): every pass would parse (decode) them again. */
    private static final class Parsing implements BatchSource {
        private final BatchSource rows = ArraySource.of(X);
        private final Rereading rereading;
        int opens;

        Parsing(Rereading rereading) {
            this.rereading = rereading;
        }

        @Override
        public int dimensions() {
            return rows.dimensions();
        }

        @Override
        public String name() {
            return "parsing";
        }

        @Override
        public Rereading rereading() {
            return rereading;
        }

        @Override
        public BatchReader open() throws IOException {
            opens++;
            BatchReader reader = rows.open();
            return new BatchReader() { // no skip: as a text reader
                @Override
                public int read(double[] data, double[] weights, int maxRows) throws IOException {
                    return reader.read(data, weights, Math.min(maxRows, 333));
                }

                @Override
                public void close() throws IOException {
                    reader.close();
                }
            };
        }
    }

    private static long spillFiles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(p -> p.getFileName().toString().startsWith("minibatch-kmeans-rows")).count();
        }
    }

    @Test
    void aParsingSourceIsReadOnceAndGivesTheSameFit() throws IOException {
        KMeansConfig config = KMeansConfig.builder(6).seed(2).initializer(Initializers.kMeansParallel()).tolerance(0).build();
        KMeansModel expected = new MiniBatchKMeans(config).fit(new CountingSource(ArraySource.of(X)));
        long before = spillFiles();
        for (double fraction : new double[] {0.5, 1e-9}) { // kept in memory; spilled to a file
            Parsing source = new Parsing(BatchSource.Rereading.PARSES);
            KMeansModel model = new MiniBatchKMeans(config.toBuilder().heapFraction(fraction).build()).fit(source);
            assertEquals(1, source.opens, "parsed once, heap fraction " + fraction);
            assertEquals(expected.iterations(), model.iterations());
            for (int c = 0; c < 6; c++) {
                assertArrayEquals(expected.centroid(c), model.centroid(c), 0.0);
            }
            assertEquals(before, spillFiles(), "the spill file is deleted after the fit");
        }
    }

    @Test
    void aDecodingSourceIsDecodedOnceWhenItFitsAndReadEveryPassWhenNot() throws IOException {
        KMeansConfig config = KMeansConfig.builder(6).seed(2).tolerance(0).build();
        KMeansModel expected = new MiniBatchKMeans(config).fit(new CountingSource(ArraySource.of(X)));
        long before = spillFiles();
        for (int threads : new int[] {1, 2}) { // the first pass keeps the batches it reads into: alone, or while the next is read
            for (double fraction : new double[] {0.5, 1e-9}) {
                Parsing source = new Parsing(BatchSource.Rereading.DECODES);
                int[] passes = {0};
                KMeansModel model = new MiniBatchKMeans(config.toBuilder().heapFraction(fraction).threads(threads).build(), e -> {
                    passes[0] += e.finished() ? 1 : 0;
                }).fit(source);
                assertEquals(fraction == 0.5 ? 1 : passes[0], source.opens, "kept: read by the first pass only; else by every pass");
                CheckpointTest.assertSameModel(expected, model);
                assertEquals(before, spillFiles(), "decoded rows are never spilled");
            }
        }
    }
}
