package io.github.minibatchkmeans.core.internal.engine;

/** Small helpers on k × d arrays of centers. */
final class Matrices {
    private Matrices() {
    }

    static double[][] copy(double[][] a) {
        double[][] copy = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            copy[i] = a[i].clone();
        }
        return copy;
    }

    /** Σ over centers of the squared distance each moved from {@code from} to {@code to}. */
    static double squaredShift(double[][] from, double[][] to) {
        double shift = 0;
        for (int c = 0; c < from.length; c++) {
            for (int j = 0; j < from[c].length; j++) {
                double diff = to[c][j] - from[c][j];
                shift += diff * diff;
            }
        }
        return shift;
    }
}
