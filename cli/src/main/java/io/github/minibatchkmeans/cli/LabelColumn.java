package io.github.minibatchkmeans.cli;

import io.github.minibatchkmeans.core.KMeansModel;
import io.github.minibatchkmeans.core.spi.BatchSource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The class labels of {@code --label-column}, one per row, and how a clustering agrees with them. */
record LabelColumn(String name, List<String> classes, int[] truth) {

    /** The labels of {@code source}'s label column (one more read of the input), or null without one; named as the file names it. */
    static LabelColumn read(BatchSource source) throws IOException {
        List<String> classes = new ArrayList<>();
        int[] truth = InputOptions.labels(source, classes);
        return truth == null ? null : new LabelColumn(InputOptions.labelName(source), List.copyOf(classes), truth);
    }

    /** An empty contingency table of these classes against {@code k} clusters. */
    AdjustedRandIndex table(int k) {
        return new AdjustedRandIndex(Math.max(1, classes.size()), k);
    }

    /** How {@code model}'s labels of {@code source} agree with these (one more read of the input). */
    Agreement agreement(KMeansModel model, BatchSource source) throws IOException {
        AdjustedRandIndex table = table(model.k());
        model.predict(source, (row, label, distance) -> table.add(truth[(int) row], label));
        return agreement(table);
    }

    /** The agreement {@code table} (filled with these classes against cluster labels) measures. */
    Agreement agreement(AdjustedRandIndex table) {
        return new Agreement(name, classes.size(), table.value(), table.purity());
    }

    /** Agreement with a label column: adjusted Rand index and purity. */
    record Agreement(String labelColumn, int classes, double adjustedRandIndex, double purity) {
        /** The report's line. */
        String describe() {
            return String.format(java.util.Locale.ROOT, "against label column %s (%d classes): adjusted Rand index %.4f, "
                    + "purity %.4f", labelColumn, classes, adjustedRandIndex, purity);
        }
    }
}
