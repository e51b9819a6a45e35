package io.github.minibatchkmeans.core;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;

/**
 * What a sweep over k found ({@link MiniBatchKMeans#sweep}): every k's model — each the model a fit
 * of that k alone gives, with the same seed — its {@link KScore scores}, and the recommended k.
 */
public final class KSweep implements Serializable {
    private static final long serialVersionUID = 1L;

    /** How the recommended k is chosen. */
    public static final String RULE = "the highest silhouette, the smallest such k on ties";

    private final List<KScore> scores;
    private final List<KMeansModel> models;
    private final int silhouetteRows;
    private final int recommended;

    KSweep(List<KScore> scores, List<KMeansModel> models, int silhouetteRows) {
        this.scores = List.copyOf(scores);
        this.models = List.copyOf(models);
        this.silhouetteRows = silhouetteRows;
        int best = 0;
        for (int i = 1; i < scores.size(); i++) { // strictly higher: ties keep the smaller k; an undefined (NaN) score never wins
            double silhouette = scores.get(i).silhouette();
            double highest = scores.get(best).silhouette();
            if (silhouette > highest || Double.isNaN(highest) && !Double.isNaN(silhouette)) {
                best = i;
            }
        }
        this.recommended = best;
    }

    /**
     * The scores, by k ascending.
     *
     * @return one entry per k
     */
    public List<KScore> scores() {
        return scores;
    }

    /**
     * The models, by k ascending.
     *
     * @return one model per k
     */
    public List<KMeansModel> models() {
        return models;
    }

    /**
     * The model of {@code k}.
     *
     * @param k one of the sweep's k values
     * @return its model
     * @throws NoSuchElementException if the sweep did not fit {@code k}
     */
    public KMeansModel model(int k) {
        for (int i = 0; i < scores.size(); i++) {
            if (scores.get(i).k() == k) {
                return models.get(i);
            }
        }
        throw new NoSuchElementException("the sweep fitted no model with k = " + k);
    }

    /**
     * The recommended k, by {@link #RULE}.
     *
     * @return the k
     */
    public int recommendedK() {
        return scores.get(recommended).k();
    }

    /**
     * The model of the recommended k.
     *
     * @return the model
     */
    public KMeansModel recommended() {
        return models.get(recommended);
    }

    /**
     * The rows of the sample the silhouette was computed on.
     *
     * @return the count
     */
    public int silhouetteRows() {
        return silhouetteRows;
    }

    /**
     * The scores as a text table, one line per k, and a last line naming the recommended k and the rule.
     *
     * @return the table
     */
    public String table() {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%6s %14s %18s %15s %15s %11s %10s%n", "k", "inertia",
                "calinski-harabasz", "davies-bouldin", "bic", "silhouette", "iterations"));
        for (KScore s : scores) {
            out.append(String.format(Locale.ROOT, "%6d %14.6g %18.6g %15.6g %15.6g %11.4f %10s%n", s.k(), s.inertia(),
                    s.calinskiHarabasz(), s.daviesBouldin(), s.bic(), s.silhouette(),
                    s.iterations() + (s.converged() ? "" : " (cap)")));
        }
        out.append(String.format(Locale.ROOT, "recommended k = %d: %s (silhouette on %,d sampled rows)", recommendedK(), RULE,
                silhouetteRows));
        return out.toString();
    }

    @Override
    public String toString() {
        return table();
    }
}
