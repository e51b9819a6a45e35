package io.github.minibatchkmeans.core.internal.metric;

import java.io.Serializable;

/**
 * k-prototypes' centroid rule for nominal attributes (Huang 1998): each attribute is a run of
 * one-hot columns, and a centroid takes, per attribute, only its most frequent value — the column
 * whose weighted mean is highest set to the one-hot value, the others to 0. The means of one-hot
 * columns are the values' weighted counts over the cluster's weight, so the mode comes from the
 * same additive sums as every mean: still exact out of core, across threads and machines.
 */
public final class NominalModes implements Serializable {
    private static final long serialVersionUID = 1L;
    /** No nominal attribute: centroids stay the weighted means. */
    public static final NominalModes NONE = new NominalModes(new int[0][], 0);
    /**
     * Means closer than this share of the one-hot value are the same count: summation rounds
     * (relative ~1e-16), while distinct counts of a cluster of n rows differ by 1/n of it.
     */
    private static final double TIE = 1e-12;

    private final int[] first;
    private final int[] values;
    private final double one;

    /**
     * @param attributes per attribute {@code {firstColumn, values}}
     * @param one the value a row holds in its value's column
     */
    public NominalModes(int[][] attributes, double one) {
        this.first = new int[attributes.length];
        this.values = new int[attributes.length];
        for (int a = 0; a < attributes.length; a++) {
            first[a] = attributes[a][0];
            values[a] = attributes[a][1];
        }
        this.one = one;
    }

    /** What is wrong with these attributes for rows of {@code dims} columns, or null. */
    public String problem(int dims) {
        for (int a = 0; a < first.length; a++) {
            if ((long) first[a] + values[a] > dims) {
                return "the nominal attribute at columns " + first[a] + ".." + (first[a] + values[a] - 1) + " lies beyond the rows' "
                        + dims + " columns";
            }
        }
        return null;
    }

    /**
     * The missing values among {@code perColumn} (missing cells per column): a nominal attribute's
     * missing value leaves every one of its columns missing, and counts once.
     */
    public long values(long[] perColumn) {
        long count = 0;
        for (long c : perColumn) {
            count += c;
        }
        for (int a = 0; a < first.length; a++) {
            for (int j = first[a] + 1; j < first[a] + values[a]; j++) {
                count -= perColumn[j];
            }
        }
        return count;
    }

    /** True if there is no nominal attribute. */
    public boolean isEmpty() {
        return first.length == 0;
    }

    /** Turns each centroid's nominal columns into its modes, in place: the first of the highest means wins. */
    public void finish(double[][] centers) {
        for (double[] center : centers) {
            for (int a = 0; a < first.length; a++) {
                int from = first[a];
                int best = from;
                for (int j = from + 1; j < from + values[a]; j++) {
                    if (center[j] > center[best] + TIE * one) {
                        best = j;
                    }
                }
                for (int j = from; j < from + values[a]; j++) {
                    center[j] = j == best ? one : 0;
                }
            }
        }
    }
}
