package io.github.minibatchkmeans.io;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.minibatchkmeans.core.ArraySource;
import io.github.minibatchkmeans.core.FitState;
import io.github.minibatchkmeans.core.KMeansConfig;
import io.github.minibatchkmeans.core.MiniBatchKMeans;
import io.github.minibatchkmeans.core.NpySource;
import io.github.minibatchkmeans.core.TestData;
import io.github.minibatchkmeans.core.spi.BatchReader;
import io.github.minibatchkmeans.core.spi.BatchSource;
import io.github.minibatchkmeans.core.spi.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random and mutated bytes fed to every reader of this module and the core's: each ends in a
 * valid parse or in the reader's one-line {@link InvalidInputException} — no other exception, no
 * hang (10 s per case), and no allocation beyond what the heap allows. Seeded, so a build runs the
 * same cases; a campaign raises {@code jqwik.tries.default}.
 */
class ReaderFuzzTest {
    private static Path dir;

    @BeforeContainer
    static void createDirectory() throws IOException {
        dir = Files.createTempDirectory("fuzz");
    }

    @AfterContainer
    static void deleteDirectory() throws IOException {
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(dir);
    }

    private interface Action {
        void run() throws Exception;
    }

    /** Runs {@code action}: it parses or refuses with a one-line message, within 10 s; jqwik's statistics count which. */
    private static void parsesOrRefuses(Action action) {
        boolean parsed = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            try {
                action.run();
                return true;
            } catch (InvalidInputException e) {
                assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), "a message");
                assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
                return false;
            }
        });
        Statistics.collect(parsed ? "parsed" : "refused");
    }

    private static void readAll(BatchSource source) throws IOException {
        double[] data = new double[97 * source.dimensions()];
        double[] weights = new double[97];
        try (BatchReader reader = source.open()) {
            while (reader.read(data, weights, 97) > 0) {
                continue;
            }
        }
    }

    private static Path file(String name, byte[] bytes) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    /** {@code base} with up to 6 edits: a byte replaced, a random byte inserted, a byte removed, or the end cut off. */
    private static Arbitrary<byte[]> mutated(byte[] base) {
        Arbitrary<int[]> edit = Combinators.combine(Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, base.length),
                Arbitraries.integers().between(0, 255)).as((op, at, value) -> new int[] {op, at, value});
        Arbitrary<byte[]> edits = edit.list().ofMaxSize(6).map(list -> {
            byte[] bytes = base.clone();
            for (int[] e : list) {
                int at = Math.min(e[1], bytes.length);
                bytes = switch (e[0]) {
                    case 0 -> at < bytes.length ? replace(bytes, at, (byte) e[2]) : bytes;
                    case 1 -> splice(bytes, at, 0, new byte[] {(byte) e[2]});
                    case 2 -> at < bytes.length ? splice(bytes, at, 1, new byte[0]) : bytes;
                    default -> java.util.Arrays.copyOf(bytes, at);
                };
            }
            return bytes;
        });
        Arbitrary<byte[]> noise = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(5, edits), net.jqwik.api.Tuple.of(1, noise));
    }

    private static byte[] replace(byte[] bytes, int at, byte value) {
        bytes[at] = value;
        return bytes;
    }

    private static byte[] splice(byte[] bytes, int at, int remove, byte[] insert) {
        byte[] out = new byte[bytes.length - remove + insert.length];
        System.arraycopy(bytes, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(bytes, at + remove, out, at + insert.length, bytes.length - at - remove);
        return out;
    }

    private static final byte[] CSV = ("x,y,w\n1.5,2,1\n-3e2,4.25,0.5\nNaN,1,1\n\"5\",6,2\n7,8,1\n").getBytes(StandardCharsets.UTF_8);

    private static final byte[] NPY = npy();

    private static byte[] npy() {
        byte[] header = NpySource.header(6, 3, false);
        ByteBuffer out = ByteBuffer.allocate(header.length + 8 * 18).order(ByteOrder.LITTLE_ENDIAN).put(header);
        for (int i = 0; i < 18; i++) {
            out.putDouble(i * 0.5 - 2);
        }
        return out.array();
    }

    private static final byte[] MODEL = model();

    private static byte[] model() {
        try {
            return ModelJson.toJson(new MiniBatchKMeans(KMeansConfig.builder(2).seed(1).build()).fit(TestData.blobs(40, 2, 2, 4, 1)))
                    .getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Provide
    Arbitrary<byte[]> csvBytes() {
        return mutated(CSV);
    }

    @Provide
    Arbitrary<byte[]> npyBytes() {
        return mutated(NPY);
    }

    @Provide
    Arbitrary<byte[]> modelBytes() {
        return mutated(MODEL);
    }

    @Property(seed = "20261129")
    void csvParsesOrRefuses(@ForAll("csvBytes") byte[] bytes) throws IOException {
        Path file = file("f.csv", bytes);
        parsesOrRefuses(() -> readAll(new CsvSource(file)));
        parsesOrRefuses(() -> readAll(new CsvSource(file, CsvOptions.forFile(file).withWeightColumn("w"))));
        parsesOrRefuses(() -> readAll(CsvSource.ofStream(new ByteArrayInputStream(bytes), "stdin", CsvOptions.forFile(file))));
    }

    @Property(seed = "20261129")
    void npyParsesOrRefuses(@ForAll("npyBytes") byte[] bytes) throws IOException {
        Path file = file("f.npy", bytes);
        parsesOrRefuses(() -> readAll(new NpySource(file)));
    }

    @Property(seed = "20261129")
    void modelFilesLoadOrAreRefused(@ForAll("modelBytes") byte[] bytes) {
        parsesOrRefuses(() -> ModelJson.read(new ByteArrayInputStream(bytes), "m.json").predict(new double[] {0, 0}));
    }

    /** .npy headers that are dictionaries of any keys, values and Python literal syntax, before valid data. */
    @Property(seed = "20261203")
    void npyHeadersParseOrAreRefused(@ForAll("npyHeaders") String dict) throws IOException {
        byte[] text = (dict + "\n").getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer out = ByteBuffer.allocate(10 + text.length + 8 * 18).order(ByteOrder.LITTLE_ENDIAN);
        out.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        out.putShort((short) text.length).put(text);
        for (int i = 0; i < 18; i++) {
            out.putDouble(i);
        }
        Path file = file("h.npy", out.array());
        parsesOrRefuses(() -> readAll(new NpySource(file)));
    }

    /**
     * Dictionaries near a valid header: each required key with a valid value most of the time and
     * any other some of the time, in any order and quoting, sometimes again (the last one counts)
     * or beside other keys; now and then printable noise.
     */
    @Provide
    Arbitrary<String> npyHeaders() {
        Arbitrary<String> descr = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, Arbitraries.of("'<f8'", "\"<f8\"")),
                net.jqwik.api.Tuple.of(1, Arbitraries.of("'<f4'", "'>f8'", "'|u1'", "'<f8 '", "None", "'\\x00'", "\"'\"", "1e400")));
        Arbitrary<String> order = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, Arbitraries.just("False")),
                net.jqwik.api.Tuple.of(1, Arbitraries.of("True", "0", "None", "'False'", "false")));
        Arbitrary<String> shape = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, Arbitraries.of("(6, 3)", "(6,3,)", "(6L, 3L)")),
                net.jqwik.api.Tuple.of(1, Arbitraries.of("(18,)", "(6,)", "()", "(-1, 3)", "(2305843009213693952, 3)", "(0, 268435455)",
                        "[6, 3]", "(6, 3", "(True, 3)", "(6, 3.0)", "(3, 6)", "(9, 3)", "{'shape': (6, 3)}")));
        Arbitrary<String> key = Arbitraries.of("'descr'", "'fortran_order'", "'shape'", "'extra'", "'sha' 'pe'", "1", "'s\\'hape'");
        Arbitrary<String> extra = Combinators.combine(key, Arbitraries.oneOf(descr, order, shape)).as((k, v) -> k + ": " + v);
        Arbitrary<String> dict = Combinators.combine(descr, order, shape, extra.list().ofMaxSize(2), Arbitraries.integers().between(0, 5),
                Arbitraries.of(", ", ",", " , "), Arbitraries.of("", ",", " ", "}")).as((d, o, sh, more, rotation, comma, tail) -> {
                    List<String> entries = new java.util.ArrayList<>(List.of("'descr': " + d, "'fortran_order': " + o, "'shape': " + sh));
                    entries.addAll(more);
                    java.util.Collections.rotate(entries, rotation);
                    return "{" + String.join(comma, entries) + tail + "}";
                });
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(6, dict),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().ofMaxLength(120).withCharRange(' ', '~')));
    }

    /**
     * Checkpoints damaged anywhere — the frame, or the payload with its checksum recomputed so that
     * the damage reaches the state's own parser — resume the fit they came from, or are refused.
     */
    @Property(seed = "20261203")
    void checkpointsResumeOrAreRefused(@ForAll("checkpointBytes") byte[] bytes) {
        parsesOrRefuses(() -> new MiniBatchKMeans(CHECKPOINTED).fit(ArraySource.of(CHECKPOINT_DATA),
                FitState.read(new ByteArrayInputStream(bytes), "c.ckpt"), null));
    }

    private static final double[][] CHECKPOINT_DATA = TestData.blobs(300, 3, 3, 4, 2);
    private static final KMeansConfig CHECKPOINTED = KMeansConfig.builder(3).seed(2).nInit(2).build();
    private static final byte[] CHECKPOINT = checkpoint();
    /** Where the payload starts: after the tag, the version and the length. */
    private static final int PAYLOAD_AT = "minibatch-kmeans checkpoint\n".length() + 8;

    private static byte[] checkpoint() {
        java.io.ByteArrayOutputStream first = new java.io.ByteArrayOutputStream();
        try {
            new MiniBatchKMeans(CHECKPOINTED).fit(ArraySource.of(CHECKPOINT_DATA), null, state -> {
                if (first.size() == 0) {
                    state.write(first);
                }
            });
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return first.toByteArray();
    }

    /** {@code payload} framed as {@link FitState#write} frames it, with a correct checksum. */
    private static byte[] framed(byte[] payload) {
        ByteBuffer out = ByteBuffer.allocate(PAYLOAD_AT + payload.length + 4);
        out.put(CHECKPOINT, 0, PAYLOAD_AT - 4).putInt(payload.length).put(payload);
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(payload);
        return out.putInt((int) crc.getValue()).array();
    }

    @Provide
    Arbitrary<byte[]> checkpointBytes() {
        byte[] payload = java.util.Arrays.copyOfRange(CHECKPOINT, PAYLOAD_AT, CHECKPOINT.length - 4);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(1, mutated(CHECKPOINT)),
                net.jqwik.api.Tuple.of(4, mutated(payload).map(ReaderFuzzTest::framed)));
    }

    /** Mutations that keep the file's shape: only the numbers change, through every kind of text a value can be. */
    @Property(seed = "20261129")
    void csvValuesOfAnyTextParseOrAreRefused(@ForAll("values") List<String> values) throws IOException {
        StringBuilder text = new StringBuilder("a,b\n");
        for (int i = 0; i + 1 < values.size(); i += 2) {
            text.append(values.get(i)).append(',').append(values.get(i + 1)).append('\n');
        }
        Path file = file("v.csv", text.toString().getBytes(StandardCharsets.UTF_8));
        parsesOrRefuses(() -> readAll(new CsvSource(file)));
    }

    @Provide
    Arbitrary<List<String>> values() {
        Arbitrary<String> numbers = Arbitraries.doubles().map(Object::toString);
        Arbitrary<String> specials = Arbitraries.of("1e308", "-1e309", "1e-400", "0x1p3", "nan", "-inf", "Infinity", "+1", "1_0",
                "١٢", "1e", ".", "-", "", " 1 ", "\"1\"", "1d", "1f", "0x10");
        Arbitrary<String> text = Arbitraries.strings().ofMaxLength(8).excludeChars(',', '\n', '\r', '"');
        return Arbitraries.oneOf(numbers, specials, text).list().ofMinSize(2).ofMaxSize(40);
    }
}
