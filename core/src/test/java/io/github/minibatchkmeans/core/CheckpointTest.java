package io.github.minibatchkmeans.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.minibatchkmeans.core.KMeansConfig.Pruning;
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
    }
}
