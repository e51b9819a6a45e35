package io.github.minibatchkmeans.core;

import io.github.minibatchkmeans.core.internal.rows.Arithmetic;
import io.github.minibatchkmeans.core.internal.source.Checksums;
import io.github.minibatchkmeans.core.internal.source.NpyHeader;
import io.github.minibatchkmeans.core.spi.BatchReader;
import io.github.minibatchkmeans.core.spi.BatchSource;
import io.github.minibatchkmeans.core.spi.InvalidInputException;
import io.github.minibatchkmeans.core.spi.SourceFiles;
import io.github.minibatchkmeans.core.spi.Values;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A 2-D float32/float64 {@code .npy} file, streamed through a reused direct buffer on every pass
 * it is read (a fit keeps its rows in memory after the first pass when they fit the heap budget, and
 * reads it once). A file that changes under a running fit is an error naming the pass: its size and
 * modification time are checked at the start and end of every pass, and every chunk of rows read
 * whole is checksummed (CRC32C) and compared with earlier passes.
 */
public final class NpySource implements BatchSource {
    /** Values converted and checked at a time: 8 KB of doubles, checked before they leave L1. */
    private static final int CHUNK = 1024;
    /** The read buffer of the last closed reader, for the next one. */
    private final java.util.concurrent.atomic.AtomicReference<ByteBuffer> spareBuffer = new java.util.concurrent.atomic.AtomicReference<>();
    private final Path file;
    private final String name;
    private final NpyHeader header;
    private final SourceFiles.Stamp stamp;
    private final Checksums checksums;
    private final AtomicInteger passes = new AtomicInteger();

    /**
     * A source reading {@code file}; its header is read and checked here.
     *
     * @param file a 2-D, C-order, little-endian float32 or float64 {@code .npy} file
     * @throws InvalidInputException when the file cannot be read or its header is wrong
     */
    public NpySource(Path file) {
        this.file = file;
        this.name = file.toString();
        try (FileChannel channel = SourceFiles.openChannelChecked(file)) {
            this.header = NpyHeader.read(channel, name);
            this.stamp = SourceFiles.Stamp.of(file);
        } catch (IOException e) {
            throw SourceFiles.unreadable(file, e);
        }
        this.checksums = new Checksums(name, header.rows());
    }

    @Override
    public OptionalLong rows() {
        return OptionalLong.of(header.rows());
    }

    /** Every pass reads, checksums and checks the values again: a fit keeps them in memory when they fit. */
    @Override
    public Rereading rereading() {
        return Rereading.DECODES;
    }

    /**
     * The header of a {@code .npy} file holding {@code rows × columns} little-endian float64 (or
     * float32) values in C order, padded so the data starts 64-byte aligned: write it, then the values.
     *
     * @param rows the rows
     * @param columns the columns per row
     * @param float32 true for float32 values, false for float64
     * @return the header's bytes
     */
    public static byte[] header(long rows, int columns, boolean float32) {
        return NpyHeader.encode(rows, columns, float32);
    }

    @Override
    public int dimensions() {
        return header.columns();
    }

    /** True for a float32 file: a fit holds its rows as float32 (half the memory), with the results of the same values as doubles. */
    @Override
    public boolean float32() {
        return header.itemSize() == Float.BYTES;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public BatchReader open() throws IOException {
        int pass = passes.incrementAndGet();
        stamp.verify(file, "at the start of pass " + pass);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        channel.position(header.dataOffset());
        return new Reader(channel, pass);
    }

    private final class Reader implements BatchReader {
        private final FileChannel channel;
        private final int pass;
        private final Checksums.Pass checksum;
        private ByteBuffer buffer;
        /** float32 values on their way to doubles. */
        private final float[] widening = new float[CHUNK];
        private long row;

        Reader(FileChannel channel, int pass) {
            this.channel = channel;
            this.pass = pass;
            this.buffer = spareBuffer.getAndSet(null);
            this.checksum = checksums.pass(pass);
        }

        /** Reads the bytes of up to {@code maxRows} rows into the buffer, checksummed; how many rows. */
        private int fill(int maxRows) throws IOException {
            int d = header.columns();
            int n = (int) Math.min(maxRows, header.rows() - row);
            if (n <= 0) {
                return 0;
            }
            int bytes = n * d * header.itemSize();
            if (buffer == null || buffer.capacity() < bytes) {
                buffer = ByteBuffer.allocateDirect(bytes).order(ByteOrder.LITTLE_ENDIAN);
            }
            buffer.clear().limit(bytes);
            while (buffer.hasRemaining()) {
                if (channel.read(buffer) < 0) {
                    throw new InvalidInputException(name + ": truncated .npy: data ends inside row " + (row + buffer.position() / (d * header.itemSize())));
                }
            }
            buffer.flip();
            checksum.rows(buffer, row, n, d * header.itemSize());
            return n;
        }

        @Override
        public int read(double[] data, double[] weights, int maxRows) throws IOException {
            int n = fill(maxRows);
            if (n == 0) {
                return 0;
            }
            int d = header.columns();
            DoubleBuffer doubles = header.itemSize() == Double.BYTES ? buffer.asDoubleBuffer() : null;
            FloatBuffer floats = doubles == null ? buffer.asFloatBuffer() : null;
            Arithmetic arithmetic = Arithmetic.get();
            for (int from = 0; from < n * d; from += CHUNK) { // each chunk checked while it is still in L1
                int to = Math.min(n * d, from + CHUNK);
                if (doubles != null) {
                    doubles.get(from, data, from, to - from);
                } else {
                    floats.get(from, widening, 0, to - from); // a bulk copy, then a loop the JIT vectorizes
                    for (int i = from; i < to; i++) {
                        data[i] = widening[i - from];
                    }
                }
                int bad = arithmetic.firstInvalid(data, from, to);
                if (bad >= 0) {
                    throw Values.rejected(data[bad], name + ": row " + (row + bad / d) + ", column " + (bad % d));
                }
            }
            return delivered(weights, n);
        }

        @Override
        public int readFloats(float[] data, double[] weights, int maxRows) throws IOException {
            if (!float32()) {
                throw new UnsupportedOperationException(name + " holds float64 values");
            }
            int n = fill(maxRows);
            if (n == 0) {
                return 0;
            }
            int d = header.columns();
            FloatBuffer floats = buffer.asFloatBuffer();
            Arithmetic arithmetic = Arithmetic.get();
            for (int from = 0; from < n * d; from += 2 * CHUNK) { // each chunk checked while it is still in L1
                int to = Math.min(n * d, from + 2 * CHUNK);
                floats.get(from, data, from, to - from);
                int bad = arithmetic.firstInvalid(data, from, to);
                if (bad >= 0) {
                    throw Values.rejected(data[bad], name + ": row " + (row + bad / d) + ", column " + (bad % d));
                }
            }
            return delivered(weights, n);
        }

        /** Weights 1 for the {@code n} rows just read, which are now behind. */
        private int delivered(double[] weights, int n) {
            java.util.Arrays.fill(weights, 0, n, 1.0);
            row += n;
            return n;
        }

        @Override
        public long skip(long rows) throws IOException {
            long n = Math.min(rows, header.rows() - row);
            row += n;
            channel.position(header.dataOffset() + row * header.columns() * header.itemSize());
            return n;
        }

        @Override
        public void close() throws IOException {
            if (buffer != null) {
                spareBuffer.set(buffer); // the next pass reads through it: direct memory is freed only by a collection
                buffer = null;
            }
            channel.close();
            if (row == header.rows()) {
                stamp.verify(file, "at the end of pass " + pass);
            }
        }
    }
}
