package io.github.minibatchkmeans.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Many threads at once, as in the Weka GUI or a server: one fitted model predicting on many
 * threads, and several fits (each with threads of its own from the shared pool) running together,
 * give exactly what they give alone.
 */
class ConcurrencyStressTest {
    @Test
    void aSharedModelPredictsTheSameOnManyThreadsAtOnce() throws Exception {
        double[][] x = TestData.blobs(20_000, 6, 9, 2, 3);
        KMeansModel model = new MiniBatchKMeans(KMeansConfig.builder(9).seed(2).build()).fit(x);
        int[] alone = model.predict(x);
        double[][] distances = model.transform(x);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> runs = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                int offset = t * 997;
                runs.add(pool.submit(() -> {
                    start.await();
                    boolean same = Arrays.equals(alone, model.predict(x)) && Arrays.deepEquals(distances, model.transform(x));
                    for (int i = 0; i < 2000; i++) { // single rows interleaved with the batches of other threads
                        int r = (offset + i * 7) % x.length;
                        same &= model.predict(x[r]) == alone[r];
                    }
                    return same;
                }));
            }
            start.countDown();
            for (Future<Boolean> run : runs) {
                assertTrue(run.get());
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void fitsRunningTogetherGiveWhatTheyGiveAlone() throws Exception {
        List<double[][]> data = new ArrayList<>();
        List<KMeansConfig> configs = new ArrayList<>();
        for (int f = 0; f < 6; f++) {
            data.add(TestData.blobs(8000 + 1000 * f, 3 + f % 3, 5 + f, 1.5, 10 + f));
            configs.add(KMeansConfig.builder(5 + f).seed(f).threads(1 + f % 3)
                    .pruning(f % 2 == 0 ? Pruning.AUTO : Pruning.OFF)
                    .mode(f == 5 ? Mode.STOCHASTIC : Mode.EXACT).build());
        }
        List<KMeansModel> alone = new ArrayList<>();
        for (int f = 0; f < 6; f++) {
            alone.add(new MiniBatchKMeans(configs.get(f)).fit(data.get(f)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            for (int round = 0; round < 3; round++) {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<KMeansModel>> together = new ArrayList<>();
                for (int copy = 0; copy < 2; copy++) {
                    for (int f = 0; f < 6; f++) {
                        int g = f;
                        together.add(pool.submit(() -> {
                            start.await();
                            return new MiniBatchKMeans(configs.get(g)).fit(data.get(g));
                        }));
                    }
                }
                start.countDown();
                for (int i = 0; i < together.size(); i++) {
                    KMeansModel expected = alone.get(i % 6);
                    KMeansModel actual = together.get(i).get();
                    assertTrue(Arrays.deepEquals(expected.centroids(), actual.centroids()), "fit " + i % 6 + " centroids");
                    assertArrayEquals(expected.sizes(), actual.sizes(), 0.0);
                    assertEquals(expected.inertia(), actual.inertia(), 0.0);
                }
            }
        } finally {
            pool.shutdown();
        }
    }
}
