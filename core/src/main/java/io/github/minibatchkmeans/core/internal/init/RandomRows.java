package io.github.minibatchkmeans.core.internal.init;

import io.github.minibatchkmeans.core.spi.InitContext;
import io.github.minibatchkmeans.core.spi.Initializer;
import io.github.minibatchkmeans.core.spi.Sample;
import java.util.SplittableRandom;

/** k distinct rows drawn uniformly from the sample (itself a uniform sample of the data). */
public final class RandomRows implements Initializer {

    @Override
    public double[][] initialCenters(InitContext context, int k, SplittableRandom random) {
        Sample sample = context.sample();
        int n = sample.size();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        double[][] centers = new double[k][];
        for (int c = 0; c < k; c++) {
            int pick = c + random.nextInt(n - c); // partial Fisher–Yates: k distinct rows
            int row = order[pick];
            order[pick] = order[c];
            order[c] = row;
            centers[c] = new double[sample.dims()];
            System.arraycopy(sample.data(), row * sample.dims(), centers[c], 0, sample.dims());
        }
        return centers;
    }

    @Override
    public int defaultRestarts() {
        return 3;
    }

    @Override
    public String name() {
        return "random";
    }

    /** Stateless: every instance draws alike. */
    @Override
    public boolean equals(Object o) {
        return o instanceof RandomRows;
    }

    @Override
    public int hashCode() {
        return RandomRows.class.hashCode();
    }
}
