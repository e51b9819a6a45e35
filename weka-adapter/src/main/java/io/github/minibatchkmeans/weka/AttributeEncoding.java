package io.github.minibatchkmeans.weka;

import io.github.minibatchkmeans.core.KMeansConfig;
import io.github.minibatchkmeans.core.MissingValues;
import io.github.minibatchkmeans.core.Nominal;
import java.io.Serializable;
import java.util.Locale;
import weka.core.Attribute;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.SparseInstance;
import weka.core.Utils;

/**
 * How Weka instances become dense rows for the engine, matching SimpleKMeans' distance:
 * numeric attributes normalized to [0, 1] by their training range (as {@code EuclideanDistance}
 * does by default; optional), nominal attributes one-hot encoded with the configuration's
 * {@link KMeansConfig#nominalValue()} (1/√2 by default) so that a mismatch costs exactly its
 * nominal weight (1: SimpleKMeans' 0/1 distance), missing values replaced by the mean (numeric)
 * and, for nominal ones, the mode (k-prototypes' centroids, as Weka's ReplaceMissingValues) or the
 * value frequencies (one-hot centroids). The class attribute, if set, is left out. Centroids
 * decode back to the original attribute space.
 *
 * @serial exclude
 */
public final class AttributeEncoding implements Serializable {
    private static final long serialVersionUID = 1L;
    /** One-hot entries are 1/√2 unless configured: two differing entries add (1/√2)² + (1/√2)² = 1 to the squared distance. */
    private static final double NOMINAL_SCALE = Math.sqrt(0.5);

    private final Instances header;
    private final boolean normalize;
    private final int[] offset;
    private final double[] min;
    private final double[] max;
    private final double[] mean;
    private final double[][] frequencies;
    /** Per nominal attribute, its most frequent value (the first of equals), as Weka's {@code Utils.maxIndex}. */
    private final int[] modes;
    private final double totalWeight;
    private final long missing;
    private final int dims;
    /** What a present nominal value's column holds. */
    private final double one;
    /** True if a missing nominal value becomes the mode, false if the value frequencies. */
    private final boolean imputeModes;
    /**
     * True if a missing value is left out — NaN in its column, or in all of a nominal attribute's
     * columns — for the fit to measure the row over the values it has ({@code MissingValues.IGNORE});
     * false (Weka's way, and any encoding saved before 0.2.0) if it is replaced.
     */
    private final boolean leavesOutMissing;
    /** The attributes that encode their zeros, once asked for ({@link #alwaysEncoded}). */
    private transient int[] alwaysEncoded;

    private AttributeEncoding(Instances header, boolean normalize, Statistics stats) {
        this(header, normalize, stats, java.util.Set.of());
    }

    private AttributeEncoding(Instances header, boolean normalize, Statistics stats, java.util.Set<Integer> excluded) {
        this.header = new Instances(header, 0);
        this.normalize = normalize;
        int n = header.numAttributes();
        this.offset = new int[n];
        this.min = stats.min;
        this.max = stats.max;
        this.mean = new double[n];
        this.frequencies = new double[n][];
        this.totalWeight = stats.weight;
        long missingValues = 0;
        int next = 0;
        for (int a = 0; a < n; a++) {
            Attribute attribute = header.attribute(a);
            if (a == header.classIndex() || excluded.contains(a)) {
                offset[a] = -1;
                continue;
            }
            offset[a] = next;
            missingValues += stats.missing[a];
            if (attribute.isNominal()) {
                frequencies[a] = new double[attribute.numValues()];
                double seen = Utils.sum(stats.counts[a]);
                for (int v = 0; v < attribute.numValues(); v++) {
                    frequencies[a][v] = seen > 0 ? stats.counts[a][v] / seen : 1.0 / attribute.numValues();
                }
                next += attribute.numValues();
            } else {
                mean[a] = stats.present[a] > 0 ? stats.sum[a] / stats.present[a] : 0;
                next++;
            }
        }
        this.dims = next;
        this.missing = missingValues;
        this.modes = modesOf(frequencies);
        this.one = NOMINAL_SCALE;
        this.imputeModes = false;
        this.leavesOutMissing = false;
    }

    private AttributeEncoding(AttributeEncoding base, double one, boolean imputeModes, boolean leavesOutMissing) {
        this.header = base.header;
        this.normalize = base.normalize;
        this.offset = base.offset;
        this.min = base.min;
        this.max = base.max;
        this.mean = base.mean;
        this.frequencies = base.frequencies;
        this.modes = modesOf(frequencies); // a stream saved before 0.2.0 has none
        this.totalWeight = base.totalWeight;
        this.missing = base.missing;
        this.dims = base.dims;
        this.one = one;
        this.imputeModes = imputeModes;
        this.leavesOutMissing = leavesOutMissing;
    }

    private static int[] modesOf(double[][] frequencies) {
        int[] modes = new int[frequencies.length];
        for (int a = 0; a < modes.length; a++) {
            modes[a] = frequencies[a] == null ? -1 : Utils.maxIndex(frequencies[a]);
        }
        return modes;
    }

    /** An encoding saved before 0.2.0 lacks the one-hot value (read as 0): the 1/√2 and the frequencies it had then. */
    private Object readResolve() {
        return one == 0 ? new AttributeEncoding(this, NOMINAL_SCALE, false, false) : this;
    }

    /**
     * This encoding with the nominal attributes as {@code config} has them: its one-hot value
     * ({@link KMeansConfig#nominalValue()}), and missing values by the mode when centroids are
     * modes ({@link Nominal#MODE}), by the frequencies when they are one-hot means — or left out
     * (NaN) when {@code config} ignores them ({@link MissingValues#IGNORE}).
     *
     * @param config the configuration
     * @return the encoding
     */
    public AttributeEncoding forNominal(KMeansConfig config) {
        return new AttributeEncoding(this, config.nominalValue(), config.nominal() == Nominal.MODE,
                config.missing() == MissingValues.IGNORE);
    }

    /**
     * {@code config} with this encoding's nominal attributes declared ({@link KMeansConfig.Builder#nominalColumns}).
     *
     * @param config the configuration to add them to
     * @return the builder, for chaining
     */
    public KMeansConfig.Builder declareNominal(KMeansConfig.Builder config) {
        for (int a = 0; a < offset.length; a++) {
            if (offset[a] >= 0 && frequencies[a] != null) {
                config.nominalColumns(offset[a], frequencies[a].length);
            }
        }
        return config;
    }

    /** What a missing value of nominal attribute {@code a} holds in the column of value {@code v}. */
    private double missingNominal(int a, int v) {
        return leavesOutMissing ? Double.NaN : imputeModes ? (v == modes[a] ? one : 0) : one * frequencies[a][v];
    }

    /**
     * Why {@code instance} cannot be encoded as the training data was — another number of
     * attributes, or a header that differs in names, types or nominal values — or null if it can.
     *
     * @param instance an instance to encode
     * @return the mismatch, or null
     */
    public String mismatch(Instance instance) {
        if (instance.numAttributes() != header.numAttributes()) {
            return "the instance has " + instance.numAttributes() + " attributes, the clusterer was trained on "
                    + header.numAttributes();
        }
        if (instance.dataset() != null) {
            for (int a = 0; a < header.numAttributes(); a++) {
                String differs = offset[a] < 0 ? null : header.attribute(a).equalsMsg(instance.dataset().attribute(a));
                if (differs != null) {
                    return "attribute " + (a + 1) + " differs from the training data's: " + differs;
                }
            }
        }
        return null;
    }

    /**
     * The name of each encoded column: a numeric attribute's name, {@code name=value} for each
     * value of a nominal one — names that say what a column means whatever order a file declares
     * the values in.
     *
     * @return one name per encoded column
     */
    public java.util.List<String> columnNames() {
        String[] names = new String[dims];
        for (int a = 0; a < header.numAttributes(); a++) {
            Attribute attribute = header.attribute(a);
            if (offset[a] < 0) {
                continue;
            }
            if (attribute.isNominal()) {
                for (int v = 0; v < attribute.numValues(); v++) {
                    names[offset[a] + v] = attribute.name() + "=" + attribute.value(v);
                }
            } else {
                names[offset[a]] = attribute.name();
            }
        }
        return java.util.List.of(names);
    }

    /**
     * Missing values ({@code ?}) among the encoded attributes, replaced by means and frequencies.
     *
     * @return the count
     */
    public long missingValues() {
        return missing;
    }

    /**
     * Learns ranges, means and frequencies from {@code data} in one pass.
     *
     * @param data the instances
     * @param header their header
     * @param normalize whether numeric attributes are scaled to [0, 1]
     * @return the encoding
     */
    public static AttributeEncoding fit(Iterable<Instance> data, Instances header, boolean normalize) {
        return fit(data, header, normalize, java.util.Set.of());
    }

    /**
     * As {@link #fit(Iterable, Instances, boolean)}, leaving the attributes {@code excluded} (and the class) out.
     *
     * @param data the instances
     * @param header their header
     * @param normalize whether numeric attributes are scaled to [0, 1]
     * @param excluded attribute indices left out
     * @return the encoding
     */
    public static AttributeEncoding fit(Iterable<Instance> data, Instances header, boolean normalize,
                                        java.util.Set<Integer> excluded) {
        Statistics stats = new Statistics(header);
        for (Instance instance : data) {
            stats.add(instance);
        }
        return new AttributeEncoding(header, normalize, stats.settled(), excluded);
    }

    /** Statistics gathered one instance at a time, for an encoding of a whole stream. */
    public static final class Accumulator {
        private final Instances header;
        private final Statistics stats;

        /**
         * An accumulator for instances of {@code header}.
         *
         * @param header the stream's header
         */
        public Accumulator(Instances header) {
            this.header = header;
            this.stats = new Statistics(header);
        }

        /**
         * Counts {@code instance} into the statistics.
         *
         * @param instance the next instance
         */
        public void add(Instance instance) {
            stats.add(instance);
        }

        /**
         * The encoding of everything added so far.
         *
         * @param normalize whether numeric attributes are scaled to [0, 1]
         * @return the encoding
         */
        public AttributeEncoding build(boolean normalize) {
            return new AttributeEncoding(header, normalize, stats.settled());
        }
    }

    /**
     * Per encoded column, what normalization subtracts and then multiplies by: a numeric
     * attribute's minimum and 1/range (0 for a constant one), 0 and 1 for one-hot columns and
     * without normalization. {@code encode} of this encoding equals a raw encoding mapped by them.
     *
     * @return one value per encoded column
     */
    public double[] shift() {
        double[] shift = new double[dims];
        for (int a = 0; a < offset.length; a++) {
            if (offset[a] >= 0 && frequencies[a] == null && normalize) {
                shift[offset[a]] = min[a];
            }
        }
        return shift;
    }

    /**
     * See {@link #shift()}.
     *
     * @return one value per encoded column
     */
    public double[] scale() {
        double[] scale = new double[dims];
        java.util.Arrays.fill(scale, 1);
        for (int a = 0; a < offset.length; a++) {
            if (offset[a] >= 0 && frequencies[a] == null && normalize) {
                double range = max[a] - min[a];
                scale[offset[a]] = range > 0 ? 1 / range : 0;
            }
        }
        return scale;
    }

    /**
     * Width of an encoded row.
     *
     * @return the width
     */
    public int dimensions() {
        return dims;
    }

    /**
     * The training data's header.
     *
     * @return an empty copy of the header
     */
    public Instances header() {
        return new Instances(header, 0);
    }

    /**
     * The total weight of the instances the encoding was learned from.
     *
     * @return Σ weight
     */
    public double totalWeight() {
        return totalWeight;
    }

    /**
     * Writes the encoded {@code instance} into {@code out[at .. at+dimensions())}.
     *
     * @param instance the instance
     * @param out the row buffer
     * @param at where its row starts
     */
    public void encode(Instance instance, double[] out, int at) {
        for (int a = 0; a < offset.length; a++) {
            int o = offset[a];
            if (o < 0) {
                continue;
            }
            boolean missing = instance.isMissing(a);
            if (frequencies[a] != null) {
                int values = frequencies[a].length;
                for (int v = 0; v < values; v++) {
                    out[at + o + v] = missing ? missingNominal(a, v) : 0;
                }
                if (!missing) {
                    out[at + o + (int) instance.value(a)] = one;
                }
            } else {
                out[at + o] = missing && leavesOutMissing ? Double.NaN : scale(a, missing ? mean[a] : instance.value(a));
            }
        }
    }

    /**
     * True if an attribute an instance does not store (value 0) still encodes to a non-zero value:
     * nominal ones (value 0 is one-hot too), numeric ones whose normalization moves 0.
     */
    private boolean encodesZero(int a) {
        return offset[a] >= 0 && (frequencies[a] != null || scale(a, 0) != 0);
    }

    /** The attributes, in order, that {@link #encodesZero} — each sparse row has a value for them. */
    private int[] alwaysEncoded() {
        int[] always = alwaysEncoded;
        if (always == null) {
            always = java.util.stream.IntStream.range(0, offset.length).filter(this::encodesZero).toArray();
            alwaysEncoded = always;
        }
        return always;
    }

    /**
     * True if sparse instances encode to mostly empty rows: fewer than a quarter of the encoded
     * columns belong to attributes that encode their zeros.
     *
     * @return whether rows of sparse instances are best kept sparse
     */
    public boolean keepsSparse() {
        return 4L * alwaysEncoded().length < dims;
    }

    /**
     * Writes the non-zero values of the encoded {@code instance} and their columns, in increasing
     * order, to {@code values[0 ..]} and {@code columns[0 ..]} (each at least {@link #dimensions()}
     * long): what {@link #encode} writes, without its zeros, touching only the values a
     * {@link SparseInstance} stores and the attributes that encode their zeros.
     *
     * @param instance the instance
     * @param columns where the columns go
     * @param values where the values go
     * @return the number of values written
     */
    public int encodeSparse(Instance instance, int[] columns, double[] values) {
        int[] always = alwaysEncoded();
        int count = 0;
        int stored = instance.numValues();
        int p = 0;
        int q = 0;
        while (p < stored || q < always.length) { // merge the stored attributes with those encoded even when 0
            int a;
            double raw;
            int next = p < stored ? instance.index(p) : Integer.MAX_VALUE;
            if (q < always.length && always[q] < next) {
                a = always[q++];
                raw = 0;
            } else {
                a = next;
                raw = instance.valueSparse(p++);
                if (q < always.length && always[q] == a) {
                    q++;
                }
            }
            int o = offset[a];
            if (o < 0) {
                continue;
            }
            boolean missing = Utils.isMissingValue(raw);
            if (frequencies[a] != null) {
                for (int v = 0; v < frequencies[a].length; v++) {
                    double value = missing ? missingNominal(a, v) : v == (int) raw ? one : 0;
                    if (value != 0) {
                        columns[count] = o + v;
                        values[count++] = value;
                    }
                }
            } else {
                double value = scale(a, missing ? mean[a] : raw);
                if (value != 0) {
                    columns[count] = o;
                    values[count++] = value;
                }
            }
        }
        return count;
    }

    private double scale(int a, double raw) {
        double range = max[a] - min[a];
        return normalize ? (range > 0 ? (raw - min[a]) / range : 0) : raw;
    }

    /**
     * An encoded centroid as attribute values: numeric attributes in their original units, nominal
     * ones as the index of their most frequent value; NaN for the class attribute.
     *
     * @param encoded a centroid of {@link #dimensions()} values
     * @return one value per attribute
     */
    public double[] decode(double[] encoded) {
        double[] values = new double[offset.length];
        for (int a = 0; a < offset.length; a++) {
            int o = offset[a];
            if (o < 0) {
                values[a] = Double.NaN;
            } else if (frequencies[a] != null) {
                int best = 0;
                for (int v = 1; v < frequencies[a].length; v++) {
                    if (encoded[o + v] > encoded[o + best]) {
                        best = v;
                    }
                }
                values[a] = best;
            } else {
                double range = max[a] - min[a];
                values[a] = normalize ? (range > 0 ? encoded[o] * range + min[a] : min[a]) : encoded[o];
            }
        }
        return values;
    }

    /**
     * The whole data's means and modes, as {@link #decode} gives them for a centroid.
     *
     * @return one value per attribute
     */
    public double[] fullData() {
        double[] values = new double[offset.length];
        for (int a = 0; a < offset.length; a++) {
            if (offset[a] < 0) {
                values[a] = Double.NaN;
            } else if (frequencies[a] != null) {
                values[a] = modes[a];
            } else {
                values[a] = mean[a];
            }
        }
        return values;
    }

    /**
     * "name [min, max]" for each numeric attribute, for reports.
     *
     * @return the ranges, one per line
     */
    public String describeRanges() {
        StringBuilder s = new StringBuilder();
        for (int a = 0; a < offset.length; a++) {
            if (offset[a] >= 0 && frequencies[a] == null) {
                s.append(String.format(Locale.ROOT, "  %s [%s, %s]%n", header.attribute(a).name(),
                        Utils.doubleToString(min[a], 4), Utils.doubleToString(max[a], 4)));
            }
        }
        return s.toString();
    }

    /**
     * True if numeric attributes are scaled to [0, 1].
     *
     * @return whether it normalizes
     */
    public boolean normalizes() {
        return normalize;
    }

    /** Weighted per-attribute statistics, gathered in one pass. */
    private static final class Statistics {
        final double[] min;
        final double[] max;
        final double[] sum;
        final double[] present;
        final long[] missing;
        final double[][] counts;
        double weight;
        /** Sparse instances seen, their weight, and per attribute how many of them (and what weight) store a value. */
        long sparseCount;
        double sparseWeight;
        final long[] storedCount;
        final double[] storedWeight;

        private Statistics(int n) {
            storedCount = new long[n];
            storedWeight = new double[n];
            min = new double[n];
            max = new double[n];
            sum = new double[n];
            present = new double[n];
            missing = new long[n];
            counts = new double[n][];
            java.util.Arrays.fill(min, Double.POSITIVE_INFINITY);
            java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
        }

        Statistics(Instances header) {
            this(header.numAttributes());
            int n = header.numAttributes();
            for (int a = 0; a < n; a++) {
                if (header.attribute(a).isNominal()) {
                    counts[a] = new double[header.attribute(a).numValues()];
                }
            }
        }

        Statistics copy() {
            Statistics copy = new Statistics(min.length);
            System.arraycopy(min, 0, copy.min, 0, min.length);
            System.arraycopy(max, 0, copy.max, 0, max.length);
            System.arraycopy(sum, 0, copy.sum, 0, sum.length);
            System.arraycopy(present, 0, copy.present, 0, present.length);
            System.arraycopy(missing, 0, copy.missing, 0, missing.length);
            for (int a = 0; a < counts.length; a++) {
                copy.counts[a] = counts[a] == null ? null : counts[a].clone();
            }
            copy.weight = weight;
            copy.sparseCount = sparseCount;
            copy.sparseWeight = sparseWeight;
            System.arraycopy(storedCount, 0, copy.storedCount, 0, storedCount.length);
            System.arraycopy(storedWeight, 0, copy.storedWeight, 0, storedWeight.length);
            return copy;
        }

        /** A copy with the zeros sparse instances do not store counted in: value 0 of a nominal attribute, 0 for a numeric one. */
        Statistics settled() {
            Statistics settled = copy();
            for (int a = 0; a < min.length; a++) {
                long implicit = sparseCount - storedCount[a];
                double implicitWeight = sparseWeight - storedWeight[a];
                if (implicit == 0) {
                    continue;
                }
                if (counts[a] != null) {
                    settled.counts[a][0] += implicitWeight;
                } else {
                    settled.min[a] = Math.min(min[a], 0);
                    settled.max[a] = Math.max(max[a], 0);
                    settled.present[a] += implicitWeight;
                }
            }
            settled.sparseCount = 0;
            settled.sparseWeight = 0;
            java.util.Arrays.fill(settled.storedCount, 0);
            java.util.Arrays.fill(settled.storedWeight, 0);
            return settled;
        }

        void add(Instance instance) {
            double w = instance.weight();
            weight += w;
            if (instance instanceof SparseInstance) { // the values it stores; the zeros it does not, in settled()
                sparseCount++;
                sparseWeight += w;
                for (int p = 0; p < instance.numValues(); p++) {
                    int a = instance.index(p);
                    storedCount[a]++;
                    storedWeight[a] += w;
                    add(a, instance.valueSparse(p), w);
                }
                return;
            }
            for (int a = 0; a < min.length; a++) {
                add(a, instance.value(a), w);
            }
        }

        private void add(int a, double v, double w) {
            if (Utils.isMissingValue(v)) {
                missing[a]++;
            } else if (counts[a] != null) {
                counts[a][(int) v] += w;
            } else {
                min[a] = Math.min(min[a], v);
                max[a] = Math.max(max[a], v);
                sum[a] += w * v;
                present[a] += w;
            }
        }
    }
}
