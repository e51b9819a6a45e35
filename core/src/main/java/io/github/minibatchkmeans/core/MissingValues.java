package io.github.minibatchkmeans.core;

/**
 * What a missing value — NaN in a row; in CSV an empty field or a marker, in ARFF {@code ?} — is.
 */
public enum MissingValues {
    /** Refused: the fit stops with an error naming the row and column. */
    ERROR,
    /**
     * Replaced, as Weka's {@code ReplaceMissingValues} does: by its column's weighted mean over
     * the rows that have it — measured in the statistics pass, so no extra read — and, for a
     * nominal attribute ({@link KMeansConfig.Builder#nominalColumns}), by its most frequent value.
     * The fit is then the fit of the data so completed; the model keeps the values it filled in and
     * fills a new row's missing values with them.
     */
    IMPUTE
}
