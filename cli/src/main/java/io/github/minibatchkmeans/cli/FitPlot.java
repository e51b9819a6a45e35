package io.github.minibatchkmeans.cli;

import io.github.minibatchkmeans.core.IterationRecord;
import io.github.minibatchkmeans.core.KMeansModel;
import io.github.minibatchkmeans.core.KScore;
import io.github.minibatchkmeans.core.KSweep;
import io.github.minibatchkmeans.core.spi.Sample;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The picture of a fit (XChart): inertia and centroid shift per iteration (log scales: both fall by
 * orders of magnitude), and a scatter of a sample of the data coloured by cluster, or by class
 * with a label column, with the centroids marked — in the first two principal components of the
 * sample when the data has more than two columns, one scale on both axes.
 */
final class FitPlot {
    static final int WIDTH = 1400;
    static final int HEIGHT = 600;

    private FitPlot() {
    }

    /** The image format for {@code file} by its extension: PNG or JPEG; anything else is refused before any work. */
    static String format(java.nio.file.Path file) {
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (name.endsWith(".png")) {
            return "png";
        }
        if (name.endsWith(".jpg") || name.endsWith(".jpeg")) {
            return "jpg";
        }
        throw new UsageException("--plot: " + file + ": use a .png, .jpg or .jpeg file name");
    }

    static void write(KMeansModel model, int starts, Sample sample, LabelColumn labels, OutputStream out, String format)
            throws IOException {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        // left: inertia above, centroid shift below — two charts, so neither line can hide the other; right: the sample
        String of = starts > 1 ? " (the best of " + starts + " starts)" : "";
        paint(g, historyChart(model, "Convergence: inertia" + of, "inertia", IterationRecord::inertia, SeriesMarkers.CIRCLE),
                0, 0, WIDTH / 2, HEIGHT / 2);
        paint(g, historyChart(model, "Convergence: centroid shift" + of, "squared shift", IterationRecord::shift,
                SeriesMarkers.DIAMOND), 0, HEIGHT / 2, WIDTH / 2, HEIGHT - HEIGHT / 2);
        paint(g, scatter(model, sample, labels), WIDTH / 2, 0, WIDTH - WIDTH / 2, HEIGHT);
        g.dispose();
        if (!ImageIO.write(image, format, out)) {
            throw new IOException("no image writer for " + format);
        }
    }

    /**
     * The picture of a sweep over k: each score against k, three charts a row, the recommended k
     * marked in each (a line at it, and its value named in the title).
     */
    static void writeSweep(KSweep sweep, OutputStream out, String format) throws IOException {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        List<java.util.Map.Entry<String, java.util.function.ToDoubleFunction<KScore>>> scores = List.of(
                java.util.Map.entry("silhouette (higher is better)", KScore::silhouette),
                java.util.Map.entry("inertia (an elbow)", KScore::inertia),
                java.util.Map.entry("Calinski-Harabasz (higher is better)", KScore::calinskiHarabasz),
                java.util.Map.entry("Davies-Bouldin (lower is better)", KScore::daviesBouldin),
                java.util.Map.entry("BIC, X-means' (higher is better)", KScore::bic));
        int width = WIDTH / 3;
        int height = HEIGHT / 2;
        for (int i = 0; i < scores.size(); i++) {
            paint(g, scoreChart(sweep, scores.get(i).getKey(), scores.get(i).getValue(), width, height),
                    (i % 3) * width, (i / 3) * height, width, height);
        }
        g.setColor(Color.DARK_GRAY);
        String[] lines = {"recommended k = " + sweep.recommendedK(), "rule: " + KSweep.RULE,
            "silhouette on " + sweep.silhouetteRows() + " sampled rows"};
        for (int i = 0; i < lines.length; i++) {
            g.drawString(lines[i], 2 * width + 20, height + height / 3 + 22 * i);
        }
        g.dispose();
        if (!ImageIO.write(image, format, out)) {
            throw new IOException("no image writer for " + format);
        }
    }

    private static XYChart scoreChart(KSweep sweep, String title, java.util.function.ToDoubleFunction<KScore> score, int width,
                                      int height) {
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle("k").build();
        chart.getStyler().setLegendVisible(false);
        List<KScore> defined = sweep.scores().stream().filter(s -> Double.isFinite(score.applyAsDouble(s))).toList();
        double[] x = defined.stream().mapToDouble(KScore::k).toArray();
        double[] y = defined.stream().mapToDouble(score).toArray();
        if (x.length == 0) {
            x = new double[] {sweep.recommendedK()};
            y = new double[] {0};
        }
        chart.addSeries(title, x, y).setMarker(SeriesMarkers.CIRCLE);
        double low = Arrays.stream(y).min().orElse(0);
        double high = Arrays.stream(y).max().orElse(1);
        XYSeries chosen = chart.addSeries("recommended", new double[] {sweep.recommendedK(), sweep.recommendedK()},
                new double[] {low, high});
        chosen.setMarker(SeriesMarkers.NONE).setLineColor(Color.RED);
        chart.getStyler().setYAxisDecimalPattern(decimalPattern(y));
        chart.getStyler().setXAxisDecimalPattern("0");
        return chart;
    }

    private static void paint(Graphics2D g, Chart<?, ?> chart, int x, int y, int width, int height) {
        Graphics2D part = (Graphics2D) g.create(x, y, width, height);
        chart.paint(part, width, height);
        part.dispose();
    }

    private static XYChart historyChart(KMeansModel model, String title, String what,
                                        java.util.function.ToDoubleFunction<IterationRecord> value,
                                        org.knowm.xchart.style.markers.Marker marker) {
        XYChart chart = new XYChartBuilder().width(WIDTH / 2).height(HEIGHT / 2).title(title).xAxisTitle("iteration")
                .yAxisTitle(what).build();
        chart.getStyler().setLegendVisible(false);
        List<IterationRecord> history = model.history();
        double[] x = new double[Math.max(1, history.size())];
        double[] y = new double[x.length];
        for (int i = 0; i < history.size(); i++) {
            x[i] = i + 1;
            y[i] = value.applyAsDouble(history.get(i));
        }
        if (history.isEmpty()) {
            y[0] = what.equals("inertia") ? model.inertia() : 0;
        }
        // a log axis shows the late iterations' small changes; a zero (the last shift of a fixed point) has no place on it
        int positive = (int) java.util.Arrays.stream(y).filter(v -> v > 0).count();
        if (positive > 1) {
            double[] px = new double[positive];
            double[] py = new double[positive];
            for (int i = 0, j = 0; i < y.length; i++) {
                if (y[i] > 0) {
                    px[j] = x[i];
                    py[j++] = y[i];
                }
            }
            x = px;
            y = py;
            chart.getStyler().setYAxisLogarithmic(true);
            chart.setYAxisTitle(what + " (log scale" + (positive < history.size() ? "; zeros left out" : "") + ")");
        }
        chart.addSeries(what, x, y).setMarker(marker);
        chart.getStyler().setYAxisDecimalPattern(decimalPattern(y));
        chart.getStyler().setXAxisDecimalPattern("0");
        return chart;
    }

    /** Ticks that read as numbers: a leading zero ({@code 0.08}, not {@code .08}), scientific for very large or small values. */
    static String decimalPattern(double[] values) {
        double largest = 0;
        for (double v : values) {
            largest = Math.max(largest, Math.abs(v));
        }
        return largest >= 1e5 || largest > 0 && largest < 1e-3 ? "0.0##E0" : "0.0##";
    }

    private static XYChart scatter(KMeansModel model, Sample sample, LabelColumn labels) {
        int d = sample.dims();
        Projection projection = Projection.of(sample);
        int groups = labels == null ? model.k() : labels.classes().size();
        XYChart chart = new XYChartBuilder().width(WIDTH / 2).height(HEIGHT)
                .title((labels == null ? "Clusters" : "Classes of " + labels.name() + ", centroids") + " (" + sample.size()
                        + " sampled rows" + (d > 2 ? ", first two principal components)" : ")"))
                .xAxisTitle(d > 2 ? "PC 1" : "x0").yAxisTitle(d > 2 ? "PC 2" : d == 2 ? "x1" : "0").build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter).setMarkerSize(4)
                .setLegendVisible(groups <= 12).setLegendPosition(Styler.LegendPosition.OutsideE);
        List<List<double[]>> byGroup = new ArrayList<>();
        for (int c = 0; c < groups; c++) {
            byGroup.add(new ArrayList<>());
        }
        double[] row = new double[d];
        for (int i = 0; i < sample.size(); i++) {
            System.arraycopy(sample.data(), i * d, row, 0, d);
            int group = labels == null ? model.predict(row) : labels.truth()[(int) sample.rows()[i]];
            byGroup.get(group).add(projection.apply(row));
        }
        for (int c = 0; c < groups; c++) {
            List<double[]> points = byGroup.get(c);
            if (points.isEmpty()) {
                continue;
            }
            chart.addSeries(labels == null ? "cluster " + c : labels.classes().get(c), points.stream().mapToDouble(p -> p[0]).toArray(),
                    points.stream().mapToDouble(p -> p[1]).toArray()).setMarker(SeriesMarkers.CIRCLE);
        }
        double[] cx = new double[model.k()];
        double[] cy = new double[model.k()];
        for (int c = 0; c < model.k(); c++) {
            double[] p = projection.apply(model.centroid(c));
            cx[c] = p[0];
            cy[c] = p[1];
        }
        XYSeries centroids = chart.addSeries("centroids", cx, cy);
        centroids.setMarker(SeriesMarkers.CROSS).setMarkerColor(Color.BLACK);
        chart.getStyler().setMarkerSize(6);
        equalRanges(chart, byGroup, cx, cy);
        chart.getStyler().setXAxisDecimalPattern(decimalPattern(cx));
        chart.getStyler().setYAxisDecimalPattern(decimalPattern(cy));
        return chart;
    }

    /**
     * One range length on both axes, centred on the points, so that a unit is as long across as up
     * (the plot area is about square): principal components keep their true proportions.
     */
    private static void equalRanges(XYChart chart, List<List<double[]>> groups, double[] cx, double[] cy) {
        double[] min = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
        double[] max = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
        List<double[]> all = new ArrayList<>();
        groups.forEach(all::addAll);
        for (int c = 0; c < cx.length; c++) {
            all.add(new double[] {cx[c], cy[c]});
        }
        for (double[] p : all) {
            for (int a = 0; a < 2; a++) {
                min[a] = Math.min(min[a], p[a]);
                max[a] = Math.max(max[a], p[a]);
            }
        }
        double half = Math.max(max[0] - min[0], max[1] - min[1]) * 0.525; // 5 % margin
        if (!(half > 0) || !Double.isFinite(half)) {
            return;
        }
        chart.getStyler().setXAxisMin((min[0] + max[0]) / 2 - half).setXAxisMax((min[0] + max[0]) / 2 + half)
                .setYAxisMin((min[1] + max[1]) / 2 - half).setYAxisMax((min[1] + max[1]) / 2 + half);
    }

    /** A projection to two dimensions: the first two principal components of the sample (identity for d ≤ 2). */
    private record Projection(double[] mean, double[][] axes) {

        double[] apply(double[] x) {
            if (axes == null) {
                return new double[] {x[0], x.length > 1 ? x[1] : 0};
            }
            double[] p = new double[2];
            for (int a = 0; a < 2; a++) {
                for (int j = 0; j < x.length; j++) {
                    p[a] += (x[j] - mean[j]) * axes[a][j];
                }
            }
            return p;
        }

        static Projection of(Sample sample) {
            int d = sample.dims();
            if (d <= 2) {
                return new Projection(null, null);
            }
            int n = sample.size();
            double[] x = sample.data();
            double[] mean = new double[d];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < d; j++) {
                    mean[j] += x[i * d + j] / n;
                }
            }
            double[] first = principalAxis(x, n, d, mean, null);
            return new Projection(mean, new double[][] {first, principalAxis(x, n, d, mean, first)});
        }

        /**
         * The sample's principal axis (orthogonal to {@code exclude} when given), by power iteration on
         * v ← Xᵀ(Xv): O(n·d) memory and time a step, never the d × d covariance (d may be 20,000).
         */
        private static double[] principalAxis(double[] x, int n, int d, double[] mean, double[] exclude) {
            double[] v = new double[d];
            Arrays.fill(v, 1 / Math.sqrt(d));
            if (exclude != null) {
                v[0] += 0.5; // not the excluded axis itself
            }
            double[] scores = new double[n];
            for (int iteration = 0; iteration < 100; iteration++) {
                if (exclude != null) {
                    orthogonalize(v, exclude);
                }
                for (int i = 0; i < n; i++) {
                    double s = 0;
                    for (int j = 0; j < d; j++) {
                        s += (x[i * d + j] - mean[j]) * v[j];
                    }
                    scores[i] = s;
                }
                double[] next = new double[d];
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < d; j++) {
                        next[j] += (x[i * d + j] - mean[j]) * scores[i];
                    }
                }
                if (exclude != null) {
                    orthogonalize(next, exclude);
                }
                double norm = Math.sqrt(Arrays.stream(next).map(t -> t * t).sum());
                if (norm == 0 || !Double.isFinite(norm)) {
                    return v;
                }
                for (int j = 0; j < d; j++) {
                    v[j] = next[j] / norm;
                }
            }
            return v;
        }

        private static void orthogonalize(double[] v, double[] axis) {
            double dot = 0;
            for (int j = 0; j < v.length; j++) {
                dot += v[j] * axis[j];
            }
            for (int j = 0; j < v.length; j++) {
                v[j] -= dot * axis[j];
            }
        }
    }
}
