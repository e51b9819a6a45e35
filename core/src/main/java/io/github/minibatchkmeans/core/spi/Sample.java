package io.github.minibatchkmeans.core.spi;

/**
 * Rows drawn uniformly from the data (among rows with positive weight), held in memory for
 * seeding.
 *
 * @param dims    features per row
 * @param data    row-major values
 * @param weights each row's weight in the data
 * @param rows    each row's index in the data
 */
public record Sample(int dims, double[] data, double[] weights, long[] rows) {

    /**
     * The rows in the sample.
     *
     * @return the row count
     */
    public int size() {
        return weights.length;
    }
}
