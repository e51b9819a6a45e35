package io.github.minibatchkmeans.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.minibatchkmeans.core.spi.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** Checkpoint and resume in the core API: from the state after any pass, the same result, bit for bit. */
class CheckpointTest {
    private static final double[][] X = TestData.blobs(6000, 5, 12, 1.0, 4);

    private static KMeansConfig config(Pruning pruning, int threads) {
        return config(12, 9, pruning, threads);
    }

    private static KMeansConfig config(int k, long seed, Pruning pruning, int threads) {
        return KMeansConfig.builder(k).seed(seed).nInit(3).pruning(pruning).threads(threads).batchSize(700).tolerance(1e-7).build();
    }

    private static byte[] bytes(FitState state) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        state.write(out);
        return out.toByteArray();
    }

    private static FitState state(byte[] bytes) throws IOException {
        return FitState.read(new ByteArrayInputStream(bytes), "ck");
    }

    static void assertSameModel(KMeansModel expected, KMeansModel actual) {
        assertTrue(Arrays.deepEquals(expected.centroids(), actual.centroids()), "centroids bit for bit");
        assertArrayEquals(expected.sizes(), actual.sizes(), 0.0);
        assertEquals(Double.doubleToLongBits(expected.inertia()), Double.doubleToLongBits(actual.inertia()));
        assertEquals(expected.iterations(), actual.iterations());
        assertEquals(expected.converged(), actual.converged());
        assertEquals(expected.history(), actual.history().stream()
                .map(r -> new IterationRecord(r.inertia(), r.shift(), expected.history().get(actual.history().indexOf(r)).rowsPruned(),
                        expected.history().get(actual.history().indexOf(r)).blocksUnread())).toList(),
                "the same inertia and shift every iteration (the pruning counts differ after a resume: bounds restart)");
    }

    @ParameterizedTest
    @EnumSource(value = Pruning.class, names = {"AUTO", "OFF", "ELKAN"})
    void resumingFromEveryPassGivesTheUninterruptedResult(Pruning pruning) throws IOException {
        List<byte[]> saved = new ArrayList<>();
        KMeansModel whole = new MiniBatchKMeans(config(pruning, 1)).fit(ArraySource.of(X, null), null, s -> saved.add(bytes(s)));
        assertTrue(saved.size() > 5, "one state per pass: " + saved.size());
        assertTrue(whole.iterations() <= state(saved.get(saved.size() - 1)).iterations());
        for (int i = 0; i < saved.size(); i++) {
            int threads = 1 + i % 2; // threads may change between the runs
            KMeansModel resumed = new MiniBatchKMeans(config(pruning, threads)).fit(ArraySource.of(X, null), state(saved.get(i)), null);
            assertSameModel(whole, resumed);
        }
    }

    @Test
    void otherDataOrOtherOptionsAreRefused() throws IOException {
        List<byte[]> saved = new ArrayList<>();
        new MiniBatchKMeans(config(Pruning.AUTO, 1)).fit(ArraySource.of(X, null), null, s -> saved.add(bytes(s)));
        FitState third = state(saved.get(2));

        double[][] changed = Arrays.stream(X).map(double[]::clone).toArray(double[][]::new);
        changed[4321][2] += 1e-9;
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new MiniBatchKMeans(config(Pruning.AUTO, 1)).fit(ArraySource.of(changed, null), third, null));
        assertTrue(e.getMessage().contains("the data differs from the checkpoint's (same row count, other values"), e.getMessage());
        double[][] fewer = Arrays.copyOf(X, 5999);
        e = assertThrows(InvalidInputException.class,
                () -> new MiniBatchKMeans(config(Pruning.AUTO, 1)).fit(ArraySource.of(fewer, null), third, null));
        assertTrue(e.getMessage().contains("6000 rows then, 5999 now"), e.getMessage());

        KMeansConfig otherK = config(11, 9, Pruning.AUTO, 1);
        e = assertThrows(InvalidInputException.class, () -> new MiniBatchKMeans(otherK).fit(ArraySource.of(X, null), third, null));
        assertEquals("ck: written with other options: k=12 then, k=11 now", e.getMessage());
        KMeansConfig otherSeed = config(12, 10, Pruning.AUTO, 1);
        e = assertThrows(InvalidInputException.class, () -> new MiniBatchKMeans(otherSeed).fit(ArraySource.of(X, null), third, null));
        assertEquals("ck: written with other options: seed=9 then, seed=10 now", e.getMessage());
        KMeansConfig stochastic = config(Pruning.AUTO, 1).toBuilder().mode(Mode.STOCHASTIC).build();
        assertThrows(InvalidConfigException.class, () -> new MiniBatchKMeans(stochastic).fit(ArraySource.of(X, null), third, null));
    }

    @Test
    void aDamagedOrForeignFileIsRefused() throws IOException {
        List<byte[]> saved = new ArrayList<>();
        new MiniBatchKMeans(config(Pruning.AUTO, 1)).fit(ArraySource.of(X, null), null, s -> saved.add(bytes(s)));
        byte[] good = saved.get(1);
        assertEquals("ck: truncated checkpoint",
                assertThrows(InvalidInputException.class, () -> state(Arrays.copyOf(good, good.length / 2))).getMessage());
        byte[] flipped = good.clone();
        flipped[good.length / 2] ^= 1;
        assertEquals("ck: damaged checkpoint (checksum mismatch)",
                assertThrows(InvalidInputException.class, () -> state(flipped)).getMessage());
        assertEquals("ck: not a minibatch-kmeans checkpoint",
                assertThrows(InvalidInputException.class, () -> state("{\"k\": 3}".repeat(10).getBytes())).getMessage());
        byte[] version1 = good.clone();
        java.nio.ByteBuffer.wrap(version1).putInt(28, 1);
        assertTrue(assertThrows(InvalidInputException.class, () -> state(version1)).getMessage()
                .endsWith("version 1 came from 0.1.0: start the fit again)"));
    }

    /** An envelope with a correct checksum around {@code payload}: only the payload's own checks stand between it and the fit. */
    private static byte[] sealed(byte[] payload) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        java.io.DataOutputStream data = new java.io.DataOutputStream(out);
        data.write("minibatch-kmeans checkpoint\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        data.writeInt(2);
        data.writeInt(payload.length);
        data.write(payload);
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(payload);
        data.writeInt((int) crc.getValue());
        return out.toByteArray();
    }

    @Test
    void aHostileCheckpointIsRefusedWithoutAllocatingWhatItClaims() throws IOException {
        // a 2 KB file whose header claims a payload of 2^31 - 9 bytes: read in chunks, it ends early
        ByteArrayOutputStream claim = new ByteArrayOutputStream();
        java.io.DataOutputStream data = new java.io.DataOutputStream(claim);
        data.write("minibatch-kmeans checkpoint\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        data.writeInt(2);
        data.writeInt(Integer.MAX_VALUE - 8);
        data.write(new byte[2000]);
        assertEquals("ck: truncated checkpoint", assertThrows(InvalidInputException.class, () -> state(claim.toByteArray())).getMessage());

        // a well-sealed payload that declares a text of 2^31 - 1 bytes, then a matrix of 2^30 × 2^30 values
        ByteArrayOutputStream lies = new ByteArrayOutputStream();
        java.io.DataOutputStream fields = new java.io.DataOutputStream(lies);
        fields.writeInt(Integer.MAX_VALUE);
        assertTrue(assertThrows(InvalidInputException.class, () -> state(sealed(lies.toByteArray()))).getMessage()
                .startsWith("ck: damaged checkpoint (a text of length 2147483647"));

        List<byte[]> saved = new ArrayList<>();
        new MiniBatchKMeans(config(Pruning.AUTO, 1)).fit(ArraySource.of(X, null), null, s -> saved.add(bytes(s)));
        byte[] good = saved.get(1);
        java.nio.ByteBuffer payload = java.nio.ByteBuffer.wrap(Arrays.copyOfRange(good, 36, good.length - 4));
        // past the kind, options, source name and fingerprint: the count of starts, then the first start's shape
        int at = 0;
        for (int text = 0; text < 3; text++) {
            at += 4 + payload.getInt(at);
        }
        at += 4 + 8 * payload.getInt(at);
        byte[] huge = payload.array().clone();
        java.nio.ByteBuffer.wrap(huge).putInt(at + 4, 1 << 30).putInt(at + 8, 1 << 30);
        long before = System.nanoTime();
        String message = assertThrows(InvalidInputException.class, () -> new MiniBatchKMeans(config(Pruning.AUTO, 1))
                .fit(ArraySource.of(X, null), state(sealed(huge)), null)).getMessage();
        assertTrue(message.startsWith("ck: damaged checkpoint (a matrix of 1073741824 x 1073741824 in "), message);
        assertTrue(System.nanoTime() - before < 5_000_000_000L, "refused at once, nothing allocated");
    }

    @Test
    void aCheckpointWithLabelsOutOfRangeIsRefused() throws IOException {
        List<byte[]> saved = new ArrayList<>();
        new MiniBatchKMeans(config(Pruning.AUTO, 1)).fit(ArraySource.of(X, null), null, s -> saved.add(bytes(s)));
        byte[] good = saved.get(1);
        byte[] payload = Arrays.copyOfRange(good, 36, good.length - 4);
        // the last start's labels end the payload: make the last label 99 (k = 12)
        java.nio.ByteBuffer.wrap(payload).putInt(payload.length - 4, 99);
        String message = assertThrows(InvalidInputException.class, () -> new MiniBatchKMeans(config(Pruning.AUTO, 1))
                .fit(ArraySource.of(X, null), state(sealed(payload)), null)).getMessage();
        assertEquals("ck: damaged checkpoint (a saved label 99 for k = 12)", message);
    }
}
