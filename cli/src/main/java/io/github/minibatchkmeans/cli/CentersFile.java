package io.github.minibatchkmeans.cli;

import io.github.minibatchkmeans.core.KMeansModel;
import io.github.minibatchkmeans.core.spi.BatchReader;
import io.github.minibatchkmeans.io.CsvOptions;
import io.github.minibatchkmeans.io.CsvSource;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Centers as CSV: one center per line, no header — both what {@code --init} reads and {@code --centroids-out} writes. */
final class CentersFile {
    private CentersFile() {
    }

    static double[][] read(Path file) throws IOException {
        CsvSource source = new CsvSource(file, CsvOptions.forFile(file).withHeader(CsvOptions.Header.ABSENT));
        int d = source.dimensions();
        List<double[]> centers = new ArrayList<>();
        double[] row = new double[d];
        double[] weight = new double[1];
        try (BatchReader reader = source.open()) {
            while (reader.read(row, weight, 1) == 1) {
                centers.add(row.clone());
            }
        }
        return centers.toArray(double[][]::new);
    }

    static void write(KMeansModel model, Writer out) throws IOException {
        for (double[] c : model.centroids()) {
            for (int j = 0; j < c.length; j++) {
                if (j > 0) {
                    out.write(',');
                }
                out.write(Double.toString(c[j]));
            }
            out.write('\n');
        }
        out.flush();
    }
}
