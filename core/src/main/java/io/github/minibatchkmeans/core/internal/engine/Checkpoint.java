package io.github.minibatchkmeans.core.internal.engine;

import io.github.minibatchkmeans.core.spi.InvalidInputException;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.BufferUnderflowException;
import java.nio.charset.StandardCharsets;

/**
 * The checkpoint payload: plain big-endian fields written in a fixed order, read back with every
 * length checked against the bytes left before anything is allocated — a damaged or hostile file
 * is refused with one line, never deserialized into objects, never able to ask for more memory
 * than its own size. The layout (version 2) is documented in docs/RELIABILITY.md; the envelope
 * around it (tag, version, length, CRC32C) is the facade's {@code FitState}.
 */
public final class Checkpoint {
    private Checkpoint() {
    }

    /** Writes fields in order. */
    public static final class Writer {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final DataOutputStream out = new DataOutputStream(bytes);

        void writeInt(int v) throws IOException {
            out.writeInt(v);
        }

        void writeLong(long v) throws IOException {
            out.writeLong(v);
        }

        void writeDouble(double v) throws IOException {
            out.writeDouble(v);
        }

        void writeBoolean(boolean v) throws IOException {
            out.writeBoolean(v);
        }

        void writeString(String s) throws IOException {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            out.writeInt(utf8.length);
            out.write(utf8);
        }

        void writeDoubles(double[] values) throws IOException {
            out.writeInt(values.length);
            for (double v : values) {
                out.writeDouble(v);
            }
        }

        void writeInts(int[] values) throws IOException {
            out.writeInt(values.length);
            for (int v : values) {
                out.writeInt(v);
            }
        }

        /** A matrix of rows of equal length: rows, columns, values. */
        void writeMatrix(double[][] m) throws IOException {
            out.writeInt(m.length);
            out.writeInt(m.length == 0 ? 0 : m[0].length);
            for (double[] row : m) {
                for (double v : row) {
                    out.writeDouble(v);
                }
            }
        }

        /** The payload written so far. */
        public byte[] toByteArray() throws IOException {
            out.flush();
            return bytes.toByteArray();
        }
    }

    /** Reads fields in order; any inconsistency is an {@link InvalidInputException} naming the file. */
    public static final class Reader {
        private final ByteBuffer in;
        private final String name;

        public Reader(byte[] payload, String name) {
            this.in = ByteBuffer.wrap(payload);
            this.name = name;
        }

        private InvalidInputException damaged(String what) {
            return new InvalidInputException(name + ": damaged checkpoint (" + what + ")");
        }

        int readInt() {
            try {
                return in.getInt();
            } catch (BufferUnderflowException e) {
                throw damaged("ends early");
            }
        }

        long readLong() {
            try {
                return in.getLong();
            } catch (BufferUnderflowException e) {
                throw damaged("ends early");
            }
        }

        double readDouble() {
            try {
                return in.getDouble();
            } catch (BufferUnderflowException e) {
                throw damaged("ends early");
            }
        }

        boolean readBoolean() {
            try {
                byte b = in.get();
                if (b != 0 && b != 1) {
                    throw damaged("a flag is " + b);
                }
                return b == 1;
            } catch (BufferUnderflowException e) {
                throw damaged("ends early");
            }
        }

        /** A count that the bytes left can hold at {@code bytesEach} bytes per item. */
        int readCount(int bytesEach, String what) {
            int n = readInt();
            if (n < 0 || (long) n * bytesEach > in.remaining()) {
                throw damaged(what + " of length " + n + " in " + in.remaining() + " bytes left");
            }
            return n;
        }

        String readString() {
            byte[] utf8 = new byte[readCount(1, "a text")];
            in.get(utf8);
            return new String(utf8, StandardCharsets.UTF_8);
        }

        double[] readDoubles() {
            double[] v = new double[readCount(Double.BYTES, "a list of numbers")];
            for (int i = 0; i < v.length; i++) {
                v[i] = in.getDouble();
            }
            return v;
        }

        int[] readInts() {
            int[] v = new int[readCount(Integer.BYTES, "a list of integers")];
            for (int i = 0; i < v.length; i++) {
                v[i] = in.getInt();
            }
            return v;
        }

        double[][] readMatrix() {
            int rows = readInt();
            int columns = readInt();
            // by division: rows × columns × 8 overflows a long for counts near 2^31
            if (rows < 0 || columns < 0 || rows > 0 && (columns == 0 || rows > in.remaining() / Double.BYTES / columns)) {
                throw damaged("a matrix of " + rows + " x " + columns + " in " + in.remaining() + " bytes left");
            }
            double[][] m = new double[rows][columns];
            for (double[] row : m) {
                for (int j = 0; j < columns; j++) {
                    row[j] = in.getDouble();
                }
            }
            return m;
        }

        /** Fails unless every byte was read. */
        void end() {
            if (in.hasRemaining()) {
                throw damaged(in.remaining() + " bytes after the end");
            }
        }

        /** Fails with {@code message} about this file. */
        InvalidInputException invalid(String message) {
            return new InvalidInputException(name + ": " + message);
        }
    }
}
