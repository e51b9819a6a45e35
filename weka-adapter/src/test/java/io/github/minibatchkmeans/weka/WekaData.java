package io.github.minibatchkmeans.weka;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instances;
import weka.core.Utils;

/** Seeded Weka data for the tests: well-separated groups with numeric and nominal attributes. */
public final class WekaData {
    static final int NUMERIC = 12;
    private static final List<String> COLOURS = List.of("red", "green", "blue", "black", "white", "grey", "pink", "cyan");

    private WekaData() {
    }

    /**
     * Group g sits at 20 on the numeric attributes x(j+1) whose bit {@code j mod 3} of g is set and
     * at 0 elsewhere (unit noise), so any two groups differ by 20 on at least four attributes — more,
     * after [0,1] normalization, than the cost 1 of a nominal mismatch. The nominal "colour" names
     * the group; the class "group" comes last.
     */
    private static double numeric(int g, int j, Random random) {
        return ((g >> (j % 3)) & 1) * 20 + random.nextGaussian();
    }

    private static Instances header(int groups) {
        ArrayList<Attribute> attributes = new ArrayList<>();
        for (int j = 0; j < NUMERIC; j++) {
            attributes.add(new Attribute("x" + (j + 1)));
        }
        List<String> names = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            names.add("g" + g);
        }
        attributes.add(new Attribute("colour", COLOURS.subList(0, groups)));
        attributes.add(new Attribute("group", names));
        return new Instances("groups", attributes, 0);
    }

    /**
     * {@code n} instances in {@code groups} (at most 8) groups; with probability {@code missingRate}
     * an instance has one attribute value missing (never two, so every instance can be placed).
     */
    public static Instances groups(int n, int groups, double missingRate, long seed) {
        Instances data = new Instances(header(groups), n);
        Random random = new Random(seed);
        for (int i = 0; i < n; i++) {
            int g = i % groups;
            double[] values = new double[NUMERIC + 2];
            for (int j = 0; j < NUMERIC; j++) {
                values[j] = numeric(g, j, random);
            }
            values[NUMERIC] = g;
            values[NUMERIC + 1] = g;
            if (random.nextDouble() < missingRate) {
                values[random.nextInt(NUMERIC + 1)] = Utils.missingValue();
            }
            data.add(new DenseInstance(1.0, values));
        }
        return data;
    }

    /** Writes the same kind of data as ARFF, streaming, so the file can be larger than any heap. */
    public static void writeArff(Path file, int n, int groups, long seed) throws IOException {
        Random random = new Random(seed);
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            out.write(header(groups).toString());
            out.write('\n');
            for (int i = 0; i < n; i++) {
                int g = i % groups;
                StringBuilder line = new StringBuilder();
                for (int j = 0; j < NUMERIC; j++) {
                    line.append(String.format(java.util.Locale.ROOT, "%.5f,", numeric(g, j, random)));
                }
                out.write(line.append(COLOURS.get(g)).append(",g").append(g).append('\n').toString());
            }
        }
    }
}
