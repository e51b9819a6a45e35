package io.github.minibatchkmeans.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.minibatchkmeans.core.KMeansConfig;
import io.github.minibatchkmeans.core.KMeansModel;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Locale;

/** What {@code fit} says when it is done, as text or as the documented JSON object. */
record FitReport(String input, long rows, int dimensions, KMeansConfig config, KMeansModel model, int passes, int starts,
                 double seconds, long peakHeapBytes, LabelColumn.Agreement agreement) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The JSON fields, in the documented order; the first seven are the contract; the label fields only with a label column. */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    record Json(int k, String mode, int iterations, boolean converged, double inertia, double[] sizes,
                double[][] centroids, String input, long rows, int dimensions, String init, int passes, double seconds, long peakHeapBytes,
                int starts, String labelColumn, Double adjustedRandIndex, Double purity) {
    }

    String toJson() {
        try {
            return JSON.writeValueAsString(new Json(model.k(), model.mode().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                    model.iterations(), model.converged(), model.inertia(), model.sizes(), model.centroids(), input, rows,
                    dimensions, config.initializer().name(), passes, seconds, peakHeapBytes, starts,
                    agreement == null ? null : agreement.labelColumn(), agreement == null ? null : agreement.adjustedRandIndex(),
                    agreement == null ? null : agreement.purity()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    void print(PrintWriter out) {
        out.printf(Locale.ROOT, "%s: %,d rows x %d columns, k = %d, mode %s, init %s%n", input, rows, dimensions,
                model.k(), model.mode().name().toLowerCase(Locale.ROOT).replace('_', '-'), config.initializer().name());
        out.printf(Locale.ROOT, "%s after %d iteration%s (%s%d pass%s over the data) in %.2f s, %,.0f rows/s%n",
                model.converged() ? "converged" : "stopped without converging", model.iterations(),
                model.iterations() == 1 ? "" : "s", starts > 1 ? "the best of " + starts + " starts, which shared " : "",
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
