package io.github.minibatchkmeans.cli;

/**
 * Agreement of two labelings corrected for chance (Hubert &amp; Arabie 1985), accumulated one row
 * at a time in a contingency table, so it needs O(k²) memory whatever the number of rows.
 */
public final class AdjustedRandIndex {
    private final long[][] table;

    public AdjustedRandIndex(int trueClusters, int foundClusters) {
        table = new long[trueClusters][foundClusters];
    }

    public void add(int trueLabel, int foundLabel) {
        table[trueLabel][foundLabel]++;
    }

    public double value() {
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

    /** Purity: each found cluster counted by its most common true class, over all rows. */
    public double purity() {
        long n = 0;
        long majority = 0;
        for (int found = 0; found < table[0].length; found++) {
            long best = 0;
            for (long[] row : table) {
                best = Math.max(best, row[found]);
                n += row[found];
            }
            majority += best;
        }
        return n == 0 ? 1 : (double) majority / n;
    }

    /**
     * Rows outside the majority of their cluster, matching each side's clusters to the other's
     * (the larger count of the two ways): 0 exactly when the two labelings are the same partition.
     */
    public long unmatchedRows() {
        long n = 0;
        long byRow = 0;
        long[] columnBest = new long[table[0].length];
        for (long[] row : table) {
            long best = 0;
            for (int j = 0; j < row.length; j++) {
                n += row[j];
                best = Math.max(best, row[j]);
                columnBest[j] = Math.max(columnBest[j], row[j]);
            }
            byRow += best;
        }
        long byColumn = 0;
        for (long best : columnBest) {
            byColumn += best;
        }
        return n - Math.min(byRow, byColumn);
    }

    private static double choose2(double m) {
        return m * (m - 1) / 2;
    }
}
