package io.github.minibatchkmeans.weka;

import weka.core.Attribute;
import weka.core.Instances;
import weka.core.Utils;

/** Renders centroids as SimpleKMeans' "Final cluster centroids" table: Full Data, then one column per cluster. */
public final class CentroidReport {
    private CentroidReport() {
    }

    /** One attribute value as Weka prints it: nominal by name, numeric to 4 decimals. */
    private static String cell(Attribute attribute, double value) {
        return attribute.isNominal() ? attribute.value((int) value) : Utils.doubleToString(value, 4).trim();
    }

    /**
     * A centroid on one line, as SimpleKMeans prints its starting points.
     *
     * @param header the training header
     * @param values one value per attribute
     * @return the line
     */
    public static String describe(Instances header, double[] values) {
        StringBuilder s = new StringBuilder();
        for (int a = 0; a < values.length; a++) {
            if (a == header.classIndex()) {
                continue;
            }
            s.append(s.length() > 0 ? "," : "").append(cell(header.attribute(a), values[a]));
        }
        return s.toString();
    }

    /**
     * The table: a row per attribute (the class left out), a column for the full data and one per
     * cluster, its size under its number.
     *
     * @param header the training header
     * @param full the full data's means and modes, per attribute
     * @param fullSize the full data's total weight
     * @param centroids per cluster, its value per attribute (nominal: value index)
     * @param sizes per cluster, its total weight
     * @param stdDevs null, or per attribute the standard deviations of the full data and each
     *        cluster (NaN where there is none: nominal attributes), printed as SimpleKMeans' -V does
     * @return the table, as text
     */
    public static String render(Instances header, double[] full, double fullSize, double[][] centroids, double[] sizes,
                                double[][] stdDevs) {
        int k = centroids.length;
        String[][] cells = new String[header.numAttributes()][k + 1];
        int width = "Full Data".length() + 1;
        int nameWidth = "Attribute".length() + 2;
        for (int a = 0; a < header.numAttributes(); a++) {
            if (a == header.classIndex()) {
                continue;
            }
            Attribute attribute = header.attribute(a);
            nameWidth = Math.max(nameWidth, attribute.name().length() + 2);
            cells[a][0] = cell(attribute, full[a]);
            for (int c = 0; c < k; c++) {
                cells[a][c + 1] = cell(attribute, centroids[c][a]);
            }
            for (String cell : cells[a]) {
                width = Math.max(width, cell.length() + 1);
            }
            if (stdDevs != null && attribute.isNumeric()) {
                for (double sd : stdDevs[a]) {
                    width = Math.max(width, spread(sd).length() + 1);
                }
            }
        }
        String[] sizeCells = new String[k + 1];
        sizeCells[0] = "(" + fullSize + ")"; // as SimpleKMeans prints sizes: total weights, e.g. "(150.0)"
        for (int c = 0; c < k; c++) {
            sizeCells[c + 1] = "(" + sizes[c] + ")";
        }
        for (String cell : sizeCells) {
            width = Math.max(width, cell.length() + 1);
        }
        StringBuilder s = new StringBuilder();
        s.append(padLeft("Cluster#", nameWidth + (width + 1) * (k + 1))).append('\n');
        s.append(padRight("Attribute", nameWidth)).append(padLeft("Full Data", width + 1));
        for (int c = 0; c < k; c++) {
            s.append(padLeft(Integer.toString(c), width + 1));
        }
        s.append('\n').append(padRight("", nameWidth));
        for (String cell : sizeCells) {
            s.append(padLeft(cell, width + 1));
        }
        s.append('\n').append("=".repeat(nameWidth + (width + 1) * (k + 1))).append('\n');
        for (int a = 0; a < header.numAttributes(); a++) {
            if (a == header.classIndex()) {
                continue;
            }
            s.append(padRight(header.attribute(a).name(), nameWidth));
            for (String cell : cells[a]) {
                s.append(padLeft(cell, width + 1));
            }
            s.append('\n');
            if (stdDevs != null && header.attribute(a).isNumeric()) {
                s.append(padRight("", nameWidth));
                for (double sd : stdDevs[a]) {
                    s.append(padLeft(spread(sd), width + 1));
                }
                s.append('\n');
            }
        }
        return s.append('\n').toString();
    }

    /** A standard deviation as SimpleKMeans' -V prints it; empty where there is none. */
    private static String spread(double sd) {
        return Double.isNaN(sd) ? "" : "+/-" + Utils.doubleToString(sd, 4).trim();
    }

    private static String padLeft(String text, int width) {
        return " ".repeat(Math.max(0, width - text.length())) + text;
    }

    private static String padRight(String text, int width) {
        return text + " ".repeat(Math.max(0, width - text.length()));
    }
}
