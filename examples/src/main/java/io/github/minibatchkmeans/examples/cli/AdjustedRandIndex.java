package io.github.minibatchkmeans.examples.cli;

/**
 * Agreement of two labelings corrected for chance (Hubert &amp; Arabie 1985), accumulated one row
 * at a time in a contingency table, so it needs O(k²) memory whatever the number of rows.
 */
final class AdjustedRandIndex {
    private final long[][] table;

    AdjustedRandIndex(int trueClusters, int foundClusters) {
        table = new long[trueClusters][foundClusters];
    }

    void add(int trueLabel, int foundLabel) {
        table[trueLabel][foundLabel]++;
    }

    double value() {
        double pairs = 0;
        double n = 0;
        double[] columns = new double[table[0].length];
        double rowPairs = 0;
        for (long[] row : table) {
            double rowTotal = 0;
            for (int j = 0; j < row.length; j++) {
                pairs += choose2(row[j]);
                rowTotal += row[j];
                columns[j] += row[j];
            }
            rowPairs += choose2(rowTotal);
            n += rowTotal;
        }
        double columnPairs = 0;
        for (double c : columns) {
            columnPairs += choose2(c);
        }
        double expected = rowPairs * columnPairs / choose2(n);
        double max = (rowPairs + columnPairs) / 2;
        return max == expected ? 1.0 : (pairs - expected) / (max - expected);
    }

    private static double choose2(double m) {
        return m * (m - 1) / 2;
    }
}
