package io.github.minibatchkmeans.core.internal.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.minibatchkmeans.core.ArraySource;
import io.github.minibatchkmeans.core.TestData;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShuffledSourceTest {
    private static double[][] counting(int n) {
        double[][] rows = new double[n][];
        for (int i = 0; i < n; i++) {
            rows[i] = new double[] {i, -i};
        }
        return rows;
    }

    @Test
    void everyRowComesOutOnceWithItsWeightAndNeverFartherThanTheWindow() throws IOException {
        double[] weights = new double[1000];
        for (int i = 0; i < 1000; i++) {
            weights[i] = i + 0.5;
        }
        ShuffledSource shuffled = new ShuffledSource(ArraySource.of(counting(1000), weights), 64, 3);
        List<double[]> out = TestData.readAll(shuffled, 37);
        assertEquals(1000, out.size());
        boolean[] seen = new boolean[1000];
        int moved = 0;
        for (int position = 0; position < 1000; position++) {
            double[] row = out.get(position);
            int original = (int) row[0];
            assertEquals(-original, row[1], 0.0, "values stay together");
            assertEquals(original + 0.5, row[2], 0.0, "the weight travels with its row");
            seen[original] = true;
            assertTrue(original <= position + 63, "a row cannot come out before it entered the window");
            moved += original != position ? 1 : 0;
        }
        for (boolean s : seen) {
            assertTrue(s);
        }
        assertTrue(moved > 900, "the order is really mixed");
    }

    @Test
    void eachPassDrawsAnotherOrderButTheSameSeedRepeatsThem() throws IOException {
        List<double[]> first = TestData.readAll(new ShuffledSource(ArraySource.of(counting(200)), 50, 9), 10);
        ShuffledSource again = new ShuffledSource(ArraySource.of(counting(200)), 50, 9);
        List<double[]> replay = TestData.readAll(again, 7);
        List<double[]> secondPass = TestData.readAll(again, 7);
        for (int i = 0; i < 200; i++) {
            assertEquals(first.get(i)[0], replay.get(i)[0], 0.0);
        }
        boolean differs = false;
        for (int i = 0; i < 200; i++) {
            differs |= replay.get(i)[0] != secondPass.get(i)[0];
        }
        assertTrue(differs);
        assertNotEquals(0, secondPass.size());
    }
}
