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
    IMPUTE,
    /**
     * Left out (the partial distance strategy, Hathaway and Bezdek 2001): a row is measured over the
     * features it has, {@code (d / present) · Σ (x_j − c_j)²} over those, and each centroid's
     * feature is the weighted mean of the rows of its cluster that have that feature — a per-feature
     * weight beside each cluster's sum, additive like it, so the fit is still exact out of core, on
     * any thread count and on an engine. Rows with gaps are scored in full in every pass (a rescaled
     * partial distance is not a metric, so no bound prunes them); starts are drawn from the
     * statistics pass's sample completed with the column means (a sweep's silhouette is measured on
     * it too). The model labels a new row the same way, over the features it has; a row with no
     * value at all is at distance 0 from every centroid, labelled 0, and moves none. Exact mode and
     * the Euclidean metric only.
     */
    IGNORE
}
