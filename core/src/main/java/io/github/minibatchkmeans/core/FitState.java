package io.github.minibatchkmeans.core;

import io.github.minibatchkmeans.core.internal.engine.FitRun;
import io.github.minibatchkmeans.core.spi.InvalidInputException;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * The state of an EXACT fit between two passes, for a checkpoint: every start's centroids, history
 * and sums (and, with pruning, every row's label), the pass counters, and what the fit must find
 * again to continue — the options that decide the result and the statistics pass's figures of the
 * data (a fingerprint of its content). A fit resumed from it on the same data with the same options
 * gives a result bit-identical to an uninterrupted one, for any thread count and batch size.
 *
 * <p>The file form ({@link #write}) is a versioned binary format, documented in
 * docs/RELIABILITY.md: a tag, the format version, the payload's length, the payload (plain
 * big-endian fields, no Java serialization) and its CRC32C. {@link #read} checks every length
 * against the bytes actually there before allocating, so a truncated, damaged or hostile file is
 * refused with one line and can neither hang the reader nor exhaust its memory.
 */
public final class FitState {
    private static final byte[] MAGIC = "minibatch-kmeans checkpoint\n".getBytes(StandardCharsets.US_ASCII);
    /** Version 1 was Java-serialized (0.1.0); version 2 is the plain binary layout. */
    private static final int VERSION = 2;
    /** A payload beyond this is no checkpoint of ours: labels of 2^31 rows take 8 GB, and they are capped below that. */
    static final long MAX_PAYLOAD = Integer.MAX_VALUE - 8;

    private final byte[] payload;
    private final int iterations;
    /** Where this state was read from, for messages. */
    private final String origin;

    FitState(byte[] payload, int iterations, String origin) {
        this.payload = payload;
        this.iterations = iterations;
        this.origin = origin;
    }

    /**
     * Iterations done when this state was saved (of the start furthest along).
     *
     * @return the iterations
     */
    public int iterations() {
        return iterations;
    }

    byte[] payload() {
        return payload;
    }

    String origin() {
        return origin;
    }

    /**
     * Writes this state: tag, version, length, payload, CRC32C of the payload.
     *
     * @param out where the state goes (not closed)
     * @throws IOException when writing fails
     */
    public void write(OutputStream out) throws IOException {
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

    /**
     * Reads a state {@link #write} wrote; anything else is an {@link InvalidInputException} naming {@code name}.
     *
     * @param in the bytes {@link #write} wrote (not closed)
     * @param name what to call the input in errors (a file name)
     * @return the state
     * @throws IOException when reading fails
     */
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
                        + VERSION + (version == 1 ? "; version 1 came from 0.1.0: start the fit again" : "") + ")");
            }
            int length = data.readInt();
            if (length < 0 || length > MAX_PAYLOAD) {
                throw new InvalidInputException(name + ": damaged checkpoint (length " + length + ")");
            }
            payload = data.readNBytes(length); // reads what is there, in chunks: a false length allocates no more than the file holds
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
        return new FitState(payload, FitRun.iterationsIn(payload, name), name);
    }
}
