package io.github.minibatchkmeans.core.internal.pass;

import io.github.minibatchkmeans.core.internal.rows.RowFormat;
import io.github.minibatchkmeans.core.internal.rows.Rows;
import io.github.minibatchkmeans.core.spi.BatchReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;

/**
 * Parsed rows kept on disk between passes: each row its values (native-order doubles, or floats for
 * float32 rows) then its weight (a double), in a {@link ScratchFile} (gone however the process ends).
 * Read back sequentially, with seeks for skipped blocks.
 */
final class SpillFile implements AutoCloseable {
    private final int dims;
    /** Whether values are float32 (4 bytes) rather than doubles. */
    private final boolean floats;
    private final ScratchFile file;
    private final FileChannel channel;
    private ByteBuffer buffer;
    private long rows;

    SpillFile(int dims, RowFormat format) {
        this.dims = dims;
        this.floats = format == RowFormat.FLOAT32;
        this.file = ScratchFile.create("minibatch-kmeans-rows", "the parsed rows");
        this.channel = file.channel();
    }

    private int rowBytes() {
        return (floats ? 4 : 8) * dims + 8;
    }

    /** Appends rows {@code [0, n)} of {@code from}, a buffer of this file's format. */
    void append(Rows from, int n) throws IOException {
        int bytes = n * rowBytes();
        if (buffer == null || buffer.capacity() < bytes) {
            buffer = ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
        }
        buffer.clear();
        for (int i = 0; i < n; i++) {
            from.writeValues(i, buffer);
            buffer.putDouble(from.weights[i]);
        }
        buffer.flip();
        try {
            while (buffer.hasRemaining()) {
                channel.write(buffer, rows * rowBytes() + buffer.position());
            }
        } catch (IOException e) {
            throw file.failed("the parsed rows", e);
        }
        rows += n;
    }

    long rows() {
        return rows;
    }

    /** A pass over the rows written: as doubles, or (float32 files) as floats too. */
    BatchReader open() {
        return new BatchReader() {
            private long next;
            private ByteBuffer in;

            /** Up to {@code maxRows} rows' bytes into {@code in}; how many rows. */
            private int fill(int maxRows) throws IOException {
                int n = (int) Math.min(maxRows, rows - next);
                if (n <= 0) {
                    return 0;
                }
                int bytes = n * rowBytes();
                if (in == null || in.capacity() < bytes) {
                    in = ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
                }
                in.clear().limit(bytes);
                while (in.hasRemaining()) {
                    if (channel.read(in, next * rowBytes() + in.position()) < 0) {
                        throw new IOException("the spill file in " + file.where() + " ends early");
                    }
                }
                in.flip();
                next += n;
                return n;
            }

            // one view of the buffer per read, values taken by absolute index: no object per row
            @Override
            public int read(double[] data, double[] weights, int maxRows) throws IOException {
                int n = fill(maxRows);
                if (n == 0) {
                    return 0;
                }
                if (floats) {
                    FloatBuffer values = in.asFloatBuffer();
                    for (int i = 0; i < n; i++) {
                        int at = i * rowBytes() / Float.BYTES;
                        for (int j = 0; j < dims; j++) {
                            data[i * dims + j] = values.get(at + j);
                        }
                        weights[i] = in.getDouble(i * rowBytes() + Float.BYTES * dims);
                    }
                    return n;
                }
                DoubleBuffer values = in.asDoubleBuffer();
                for (int i = 0; i < n; i++) {
                    values.get(i * (dims + 1), data, i * dims, dims);
                    weights[i] = values.get(i * (dims + 1) + dims);
                }
                return n;
            }

            @Override
            public int readFloats(float[] data, double[] weights, int maxRows) throws IOException {
                if (!floats) {
                    throw new UnsupportedOperationException("a spill file of doubles");
                }
                int n = fill(maxRows);
                if (n == 0) {
                    return 0;
                }
                FloatBuffer values = in.asFloatBuffer();
                for (int i = 0; i < n; i++) {
                    values.get(i * rowBytes() / Float.BYTES, data, i * dims, dims);
                    weights[i] = in.getDouble(i * rowBytes() + Float.BYTES * dims);
                }
                return n;
            }

            @Override
            public long skip(long skip) {
                long n = Math.min(skip, rows - next);
                next += n;
                return n;
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public void close() {
        file.close();
    }
}
