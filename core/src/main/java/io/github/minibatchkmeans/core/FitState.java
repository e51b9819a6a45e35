package io.github.minibatchkmeans.core;

import io.github.minibatchkmeans.core.internal.stats.DataSummary;
import io.github.minibatchkmeans.core.spi.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The state of an EXACT fit between two passes, for a checkpoint: every start's centroids, history
 * and sums (and, with pruning, every row's label), the pass counters, and what the fit must find
 * again to continue — the options that decide the result and the statistics pass's figures of the
 * data (row count, total weight, per-feature mean, variance, minimum and maximum: a fingerprint of
 * the data's content). A fit resumed from it on the same data with the same options gives a result
 * bit-identical to an uninterrupted one, for any thread count and batch size.
 *
 * <p>The file form ({@link #write}) is a tagged, versioned, checksummed blob: a truncated or
 * damaged file is refused with a one-line message, never half-read.
 */
public final class FitState implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final byte[] MAGIC = "minibatch-kmeans checkpoint\n".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 1;

    private final String options;
    private final String source;
    private final double[] fingerprint;
    private final int iteration;
    private final int finals;
    private final List<Restart.Saved> restarts;
    /** Where this state was read from, for messages. */
    private transient String origin = "the checkpoint";

    FitState(String options, String source, DataSummary summary, int iteration, int finals, List<Restart.Saved> restarts) {
        this.options = options;
        this.source = source;
        this.fingerprint = fingerprint(summary);
        this.iteration = iteration;
        this.finals = finals;
        this.restarts = List.copyOf(restarts);
    }

    private static double[] fingerprint(DataSummary summary) {
        int d = summary.dims();
        double[] f = new double[3 + 4 * d];
        f[0] = summary.rows();
        f[1] = summary.positiveRows();
        f[2] = summary.totalWeight();
        System.arraycopy(summary.mean(), 0, f, 3, d);
        System.arraycopy(summary.variance(), 0, f, 3 + d, d);
        System.arraycopy(summary.min(), 0, f, 3 + 2 * d, d);
        System.arraycopy(summary.max(), 0, f, 3 + 3 * d, d);
        return f;
    }

    /** Iterations done when this state was saved (of the start furthest along). */
    public int iterations() {
        return iteration;
    }

    int finals() {
        return finals;
    }

    List<Restart.Saved> restarts() {
        return restarts;
    }

    /**
     * Fails unless a fit with {@code options} over data with {@code summary} may continue from this
     * state, naming what differs.
     */
    void checkMatches(String name, String options, DataSummary summary) {
        if (!this.options.equals(options)) {
            throw new InvalidInputException(origin + ": written with other options: " + difference(this.options, options));
        }
        if (!Arrays.equals(fingerprint, fingerprint(summary))) {
            long rows = (long) fingerprint[0];
            throw new InvalidInputException(name + ": the data differs from the checkpoint's ("
                    + (rows == summary.rows() ? "same row count, other values" : rows + " rows then, " + summary.rows() + " now")
                    + "; " + origin + " was written for " + source + ")");
        }
    }

    /** The first setting that differs, as "k=5 then, k=6 now". */
    private static String difference(String then, String now) {
        String[] a = then.split(", ");
        String[] b = now.split(", ");
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            if (!a[i].equals(b[i])) {
                return a[i] + " then, " + b[i] + " now";
            }
        }
        return then + " then, " + now + " now";
    }

    /** Writes this state: tag, version, length, the state, its CRC32C. */
    public void write(OutputStream out) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream object = new ObjectOutputStream(bytes)) {
            object.writeObject(this);
        }
        byte[] payload = bytes.toByteArray();
        CRC32C crc = new CRC32C();
        crc.update(payload);
        DataOutputStream data = new DataOutputStream(out);
        data.write(MAGIC);
        data.writeInt(VERSION);
        data.writeInt(payload.length);
        data.write(payload);
        data.writeInt((int) crc.getValue());
        data.flush();
    }

    /** Only this state's own classes: a checkpoint file must not be able to build anything else. */
    private static ObjectInputFilter.Status allowed(ObjectInputFilter.FilterInfo info) {
        Class<?> type = info.serialClass();
        while (type != null && type.isArray()) {
            type = type.getComponentType();
        }
        if (type == null || type.isPrimitive()) {
            return ObjectInputFilter.Status.UNDECIDED;
        }
        String name = type.getName();
        boolean ours = name.startsWith("io.github.minibatchkmeans.core.");
        boolean plain = name.startsWith("java.util.") || name.startsWith("java.lang.");
        return ours || plain ? ObjectInputFilter.Status.ALLOWED : ObjectInputFilter.Status.REJECTED;
    }

    /** Reads a state {@link #write} wrote; anything else is an {@link InvalidInputException} naming {@code name}. */
    public static FitState read(InputStream in, String name) throws IOException {
        DataInputStream data = new DataInputStream(in);
        byte[] payload;
        int sum;
        try {
            byte[] magic = new byte[MAGIC.length];
            data.readFully(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new InvalidInputException(name + ": not a minibatch-kmeans checkpoint");
            }
            int version = data.readInt();
            if (version != VERSION) {
                throw new InvalidInputException(name + ": checkpoint version " + version + " is not supported (this build reads "
                        + VERSION + ")");
            }
            int length = data.readInt();
            if (length < 0) {
                throw new InvalidInputException(name + ": damaged checkpoint (length " + length + ")");
            }
            payload = data.readNBytes(length);
            if (payload.length < length) {
                throw new EOFException();
            }
            sum = data.readInt();
        } catch (EOFException e) {
            throw new InvalidInputException(name + ": truncated checkpoint");
        }
        CRC32C crc = new CRC32C();
        crc.update(payload);
        if ((int) crc.getValue() != sum) {
            throw new InvalidInputException(name + ": damaged checkpoint (checksum mismatch)");
        }
        try (ObjectInputStream object = new ObjectInputStream(new ByteArrayInputStream(payload))) {
            // only this state's own classes: a checkpoint file must not be able to build anything else
            object.setObjectInputFilter(FitState::allowed);
            FitState state = (FitState) object.readObject();
            state.origin = name;
            return state;
        } catch (ClassNotFoundException | ClassCastException | java.io.InvalidClassException e) {
            throw new InvalidInputException(name + ": not a checkpoint of this version of minibatch-kmeans (" + e.getMessage() + ")");
        }
    }
}
