package io.github.minibatchkmeans.weka;

import io.github.minibatchkmeans.core.spi.BatchReader;
import io.github.minibatchkmeans.core.spi.BatchSource;
import io.github.minibatchkmeans.core.spi.InvalidInputException;
import io.github.minibatchkmeans.core.spi.LabelCodes;
import io.github.minibatchkmeans.core.spi.Weights;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.SparseInstance;
import weka.core.converters.ArffLoader;

/**
 * An ARFF file streamed by Weka's own {@link ArffLoader}, one instance at a time, on every pass:
 * exact multi-pass k-means over ARFF files of any size. The encoding (ranges, means, value
 * frequencies) is learned in a first pass.
 */
public final class ArffSource implements BatchSource {
    private final Path file;
    private AttributeEncoding encoding;
    private final int labelIndex;
    /** The label attribute's name, or null. */
    private final String labelName;
    /** True for a sparse ARFF file whose encoding keeps its rows sparse: they are delivered sparse. */
    private final boolean sparse;

    /**
     * A source over every attribute of {@code file}; its statistics are learned here, in one pass.
     *
     * @param file      the ARFF file
     * @param normalize scale numeric attributes to [0, 1] as Weka's EuclideanDistance does
     */
    public ArffSource(Path file, boolean normalize) {
        this(file, normalize, List.of(), null);
    }

    /**
     * A source over the chosen attributes of {@code file}; its statistics are learned here, in one pass.
     *
     * @param file        the ARFF file
     * @param normalize   scale numeric attributes to [0, 1] as Weka's EuclideanDistance does
     * @param columns     the attributes to cluster on, by name or 0-based index; empty: all but the label
     * @param labelColumn an attribute kept out of the features and read by {@link #labels}, or null
     */
    public ArffSource(Path file, boolean normalize, List<String> columns, String labelColumn) {
        this.file = file;
        io.github.minibatchkmeans.core.spi.SourceFiles.checkRereadable(file);
        Instances header = structure(newLoader());
        this.labelIndex = labelColumn == null ? -1 : attribute(header, labelColumn, "label column");
        this.labelName = labelIndex < 0 ? null : header.attribute(labelIndex).name();
        Set<Integer> excluded = new HashSet<>();
        if (!columns.isEmpty()) {
            Set<Integer> chosen = new HashSet<>();
            for (String spec : columns) {
                int a = attribute(header, spec, "column");
                if (a == labelIndex || !chosen.add(a)) {
                    throw new InvalidInputException(file + ": column '" + spec + "' is selected twice");
                }
            }
            for (int a = 0; a < header.numAttributes(); a++) {
                if (!chosen.contains(a)) {
                    excluded.add(a);
                }
            }
        }
        if (labelIndex >= 0) {
            excluded.add(labelIndex);
        }
        for (int a = 0; a < header.numAttributes(); a++) {
            weka.core.Attribute attribute = header.attribute(a);
            if (!excluded.contains(a) && !attribute.isNumeric() && !attribute.isNominal() || !excluded.contains(a) && attribute.isDate()) {
                throw new InvalidInputException(file + ": attribute '" + attribute.name() + "' is a "
                        + weka.core.Attribute.typeToString(attribute) + " attribute, which has no distance: choose the others with "
                        + "--columns, or make it numeric or nominal");
            }
        }
        boolean[] sparseFile = new boolean[1];
        Iterable<Instance> noting = () -> {
            Iterator<Instance> it = instances(newLoader());
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return it.hasNext();
                }

                @Override
                public Instance next() {
                    Instance instance = it.next();
                    sparseFile[0] |= instance instanceof SparseInstance; // {index value, ...} rows
                    return instance;
                }
            };
        };
        this.encoding = AttributeEncoding.fit(noting, header, normalize, excluded);
        this.sparse = sparseFile[0] && encoding.keepsSparse();
        if (encoding.dimensions() == 0) {
            throw new InvalidInputException(file + ": no feature columns selected");
        }
    }

    /**
     * The attribute {@code spec} names: its name (exactly, else the one name equal to it but for
     * case), {@code first} or {@code last} as Weka's {@code -c} takes them, or a 0-based index.
     */
    private int attribute(Instances header, String spec, String what) {
        if (header.attribute(spec) != null) {
            return header.attribute(spec).index();
        }
        List<String> names = new java.util.ArrayList<>();
        for (int a = 0; a < header.numAttributes(); a++) {
            names.add(header.attribute(a).name());
        }
        List<String> alike = names.stream().filter(n -> n.equalsIgnoreCase(spec.trim())).toList();
        if (alike.size() == 1) {
            return names.indexOf(alike.get(0));
        }
        if (spec.trim().equalsIgnoreCase("first") || spec.trim().equalsIgnoreCase("last")) {
            return spec.trim().equalsIgnoreCase("first") ? 0 : header.numAttributes() - 1;
        }
        try {
            int index = Integer.parseInt(spec.trim());
            if (index < 0 || index >= header.numAttributes()) {
                throw new InvalidInputException(file + ": " + what + " index " + index + " is out of range (the file has "
                        + header.numAttributes() + " attributes, numbered from 0)");
            }
            return index;
        } catch (NumberFormatException e) {
            throw new InvalidInputException(file + ": " + what + " '" + spec + "' is not an attribute of the file (its attributes: "
                    + String.join(", ", names.size() <= 20 ? names : names.subList(0, 20)) + (names.size() <= 20 ? "" : ", …")
                    + "; or first, last, or a 0-based index)");
        }
    }

    /**
     * Values given as missing ({@code ?}) in the attributes clustered on: Weka's convention replaces them, and says so.
     *
     * @return the count
     */
    public long missingValues() {
        return encoding.missingValues();
    }

    /**
     * True if a label attribute was named.
     *
     * @return whether one was named
     */
    public boolean hasLabels() {
        return labelIndex >= 0;
    }

    /**
     * The label attribute's name, however it was given (a name in any case, {@code first},
     * {@code last}, an index).
     *
     * @return the name, or null without a label attribute
     */
    public String labelName() {
        return labelName;
    }

    /**
     * The label attribute's value for each instance, in order, as codes; {@code names} receives each value at its code.
     *
     * @param names receives the distinct values
     * @return one code per instance
     */
    public int[] labels(List<String> names) {
        LabelCodes codes = new LabelCodes(names);
        for (Iterator<Instance> it = instances(newLoader()); it.hasNext(); ) {
            Instance instance = it.next();
            codes.add(instance.isMissing(labelIndex) ? "?" : instance.toString(labelIndex));
        }
        return codes.labels();
    }

    /**
     * Reads nominal attributes and missing values as {@code config} has them
     * ({@link AttributeEncoding#forNominal}): call before the first read.
     *
     * @param config the configuration the rows are fitted with
     * @return this source
     */
    public ArffSource nominalAs(io.github.minibatchkmeans.core.KMeansConfig config) {
        if (sparse && config.missing() == io.github.minibatchkmeans.core.MissingValues.IGNORE && encoding.missingValues() > 0) {
            throw new InvalidInputException(file + ": " + encoding.missingValues() + " missing values in sparse rows, which "
                    + "cannot leave one out (a value a sparse row does not store is 0): use missing = impute");
        }
        encoding = encoding.forNominal(config);
        return this;
    }

    /**
     * How instances become rows: ranges, means, one-hot columns.
     *
     * @return the encoding
     */
    public AttributeEncoding encoding() {
        return encoding;
    }

    @Override
    public int dimensions() {
        return encoding.dimensions();
    }

    @Override
    public String name() {
        return file.toString();
    }

    /** Every pass parses the text again: the estimator keeps what the first pass parsed. */
    @Override
    public Rereading rereading() {
        return Rereading.PARSES;
    }

    /**
     * A loader on the file, its text ending in a newline: Weka 3.8.7's header parser loops forever
     * when the file ends inside an {@code @attribute} line (found by fuzzing).
     */
    private ArffLoader newLoader() {
        ArffLoader loader = new ArffLoader();
        try {
            InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
            if (file.getFileName().toString().endsWith(".gz")) {
                in = new GZIPInputStream(in, 1 << 16);
            }
            loader.setSource(new SequenceInputStream(in, new ByteArrayInputStream(new byte[] {'\n'})));
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read: " + e.getMessage(), e);
        }
        return loader;
    }

    private Instances structure(ArffLoader loader) {
        try {
            return loader.getStructure();
        } catch (IOException e) {
            throw new InvalidInputException(file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) { // Weka's parser fails on some damaged text with NPEs and the like (found by fuzzing)
            throw malformed(e, "the header");
        }
    }

    private InvalidInputException malformed(RuntimeException e, String where) {
        return e instanceof InvalidInputException bad ? bad
                : new InvalidInputException(file + ": " + where + " is not valid ARFF (Weka's parser: " + e + ")", e);
    }

    /** The file's instances, read one at a time ({@code getStructure} first: the loader needs it). */
    private Iterator<Instance> instances(ArffLoader loader) {
        Instances header = structure(loader);
        return new Iterator<>() {
            private long read;
            private Instance next = read();

            private Instance read() {
                try {
                    return loader.getNextInstance(header);
                } catch (IOException e) {
                    throw new InvalidInputException(file + ": " + e.getMessage(), e);
                } catch (RuntimeException e) {
                    throw malformed(e, "the data after instance " + read);
                }
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public Instance next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                Instance current = next;
                read++;
                next = read();
                return current;
            }
        };
    }

    @Override
    public boolean sparse() {
        return sparse;
    }

    @Override
    public BatchReader open() {
        ArffLoader loader = newLoader();
        Iterator<Instance> it = instances(loader);
        return new BatchReader() {
            private long row;

            @Override
            public int read(double[] rows, double[] weights, int maxRows) {
                int n = 0;
                int d = encoding.dimensions();
                while (n < maxRows && it.hasNext()) {
                    Instance instance = it.next();
                    encoding.encode(instance, rows, n * d);
                    row++;
                    if (!Weights.isValid(instance.weight())) {
                        throw Weights.rejected(instance.weight(), file + ": instance " + row);
                    }
                    weights[n++] = instance.weight();
                }
                return n;
            }

            private final SparseRowWriter sparse = new SparseRowWriter(encoding);
            /** An instance read but not delivered: its values did not fit the caller's arrays. */
            private Instance pending;

            @Override
            public int readSparse(int[] rowEnds, int[] indices, double[] values, double[] weights, int maxRows) {
                sparse.start();
                while (sparse.rows() < maxRows && (pending != null || it.hasNext())) {
                    Instance instance = pending != null ? pending : it.next();
                    if (pending == null) {
                        row++;
                    }
                    pending = null;
                    if (!Weights.isValid(instance.weight())) {
                        throw Weights.rejected(instance.weight(), file + ": instance " + row);
                    }
                    if (!sparse.write(instance, instance.weight(), rowEnds, indices, values, weights)) {
                        pending = instance;
                        break;
                    }
                }
                return sparse.rows();
            }

            @Override
            public void close() throws IOException {
                loader.reset();
            }
        };
    }
}
