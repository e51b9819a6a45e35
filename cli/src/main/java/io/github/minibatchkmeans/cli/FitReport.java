package io.github.minibatchkmeans.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.minibatchkmeans.core.KMeansConfig;
import io.github.minibatchkmeans.core.KMeansModel;
import io.github.minibatchkmeans.core.KSweep;
import java.util.List;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Locale;

/** What {@code fit} says when it is done, as text or as the documented JSON object. */
record FitReport(String input, long rows, int dimensions, KMeansConfig config, KMeansModel model, int passes, int starts,
                 double seconds, long peakHeapBytes, LabelColumn.Agreement agreement, KSweep sweep, long missingValues) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The JSON fields, in the documented order; the first seven are the contract; the label fields only with a label column,
     * the count of missing values replaced only when there were some, the sweep only with a range of k.
     */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    record Json(int k, String mode, int iterations, boolean converged, double inertia, double[] sizes,
                double[][] centroids, String input, long rows, int dimensions, String init, int passes, double seconds, long peakHeapBytes,
                int starts, String labelColumn, Double adjustedRandIndex, Double purity, Long missingValues, Sweep sweep) {
    }

    /** A sweep over k in the JSON: the recommended k and its rule, the silhouette's sample, every k's scores (null: undefined). */
    record Sweep(int recommendedK, String rule, int silhouetteRows, List<Score> scores) {
        static Sweep of(KSweep sweep) {
            return sweep == null ? null : new Sweep(sweep.recommendedK(), KSweep.RULE, sweep.silhouetteRows(),
                    sweep.scores().stream().map(s -> new Score(s.k(), finite(s.inertia()), finite(s.calinskiHarabasz()),
                            finite(s.daviesBouldin()), finite(s.bic()), finite(s.silhouette()), s.iterations(), s.converged())).toList());
        }
    }

    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.ALWAYS)
    record Score(int k, Double inertia, Double calinskiHarabasz, Double daviesBouldin, Double bic, Double silhouette, int iterations,
                 boolean converged) {
    }

    /** JSON has no NaN or infinity: an undefined score is null. */
    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }

    String toJson() {
        try {
            return JSON.writeValueAsString(new Json(model.k(), model.mode().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                    model.iterations(), model.converged(), model.inertia(), model.sizes(), model.centroids(), input, rows,
                    dimensions, config.initializer().name(), passes, seconds, peakHeapBytes, starts,
                    agreement == null ? null : agreement.labelColumn(), agreement == null ? null : agreement.adjustedRandIndex(),
                    agreement == null ? null : agreement.purity(), missingValues == 0 ? null : missingValues, Sweep.of(sweep)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    void print(PrintWriter out) {
        out.printf(Locale.ROOT, "%s: %,d rows x %d columns, k = %d%s, mode %s, init %s%n", input, rows, dimensions,
                model.k(), sweep == null ? "" : " (recommended of " + sweep.scores().size() + " k values, fitted in the same passes)",
                model.mode().name().toLowerCase(Locale.ROOT).replace('_', '-'), config.initializer().name());
        out.printf(Locale.ROOT, "%s after %d iteration%s (%s%d pass%s over the data) in %.2f s, %,.0f rows/s%n",
                model.converged() ? "converged" : "stopped without converging", model.iterations(),
                model.iterations() == 1 ? "" : "s", sweep != null ? "the sweep's " + starts + " starts shared "
                        : starts > 1 ? "the best of " + starts + " starts, which shared " : "",
                passes, passes == 1 ? "" : "es", seconds,
                rows * (double) passes / Math.max(seconds, 1e-9));
        out.printf(Locale.ROOT, "inertia %.6g; peak heap %.1f MB%n", model.inertia(), peakHeapBytes / 1048576.0);
        StringBuilder sizes = new StringBuilder("cluster sizes:");
        for (double s : model.sizes()) {
            sizes.append(' ').append(s == Math.rint(s) ? String.format(Locale.ROOT, "%.0f", s) : String.format(Locale.ROOT, "%.4g", s));
        }
        out.println(sizes);
        if (agreement != null) {
            out.println(agreement.describe());
        }
    }
}
