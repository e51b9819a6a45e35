package io.github.minibatchkmeans.core.internal.init;

import io.github.minibatchkmeans.core.spi.InitContext;
import io.github.minibatchkmeans.core.spi.Initializer;
import io.github.minibatchkmeans.core.spi.InvalidInputException;
import io.github.minibatchkmeans.core.spi.Values;
import java.util.SplittableRandom;

/** Centers given by the caller, checked against k and the data's dimensions. */
public final class ExplicitCenters implements Initializer {
    private final double[][] centers;

    public ExplicitCenters(double[][] centers) {
        if (centers.length == 0) {
            throw new InvalidInputException("initial centers: none given");
        }
        this.centers = new double[centers.length][];
        for (int c = 0; c < centers.length; c++) {
            for (double v : centers[c]) {
                if (!Values.isUsable(v)) {
                    throw Values.rejected(v, "initial center " + (c + 1));
                }
            }
            this.centers[c] = centers[c].clone();
        }
    }

    @Override
    public boolean randomized() {
        return false;
    }

    @Override
    public boolean usesSample() {
        return false;
    }

    @Override
    public double[][] initialCenters(InitContext context, int k, SplittableRandom random) {
        if (centers.length != k) {
            throw new InvalidInputException("initial centers: " + centers.length + " given, but k is " + k);
        }
        for (int c = 0; c < k; c++) {
            if (centers[c].length != context.dimensions()) {
                throw new InvalidInputException("initial center " + (c + 1) + " has " + centers[c].length
                        + " values, but the data has " + context.dimensions() + " columns");
            }
        }
        double[][] copy = new double[k][];
        for (int c = 0; c < k; c++) {
            copy[c] = centers[c].clone();
        }
        return copy;
    }

    @Override
    public String name() {
        return "given centers";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExplicitCenters other && java.util.Arrays.deepEquals(other.centers, centers);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.deepHashCode(centers);
    }
}
