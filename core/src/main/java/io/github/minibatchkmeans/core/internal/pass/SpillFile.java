package io.github.minibatchkmeans.core.internal.pass;

import io.github.minibatchkmeans.core.spi.BatchReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.channels.FileChannel;

/**
 * Parsed rows kept on disk between passes: each row its values then its weight, as native-order
 * doubles, in a {@link ScratchFile} (gone however the process ends). Read back sequentially, with
 * seeks for skipped blocks.
 */
final class SpillFile implements AutoCloseable {
    private final int dims;
    private final ScratchFile file;
    private final FileChannel channel;
    private ByteBuffer buffer;
    private long rows;

    SpillFile(int dims) {
        this.dims = dims;
        this.file = ScratchFile.create("minibatch-kmeans-rows", "the parsed rows");
        this.channel = file.channel();
    }

    private int rowBytes() {
        return 8 * (dims + 1);
    }

    /** Appends {@code n} rows. */
    void append(double[] data, double[] weights, int n) throws IOException {
        int bytes = n * rowBytes();
        if (buffer == null || buffer.capacity() < bytes) {
            buffer = ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
        }
        buffer.clear();
        DoubleBuffer values = buffer.asDoubleBuffer();
        for (int i = 0; i < n; i++) {
            values.put(data, i * dims, dims);
            values.put(weights[i]);
        }
        buffer.limit(bytes);
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

    /** A pass over the rows written. */
    BatchReader open() {
        return new BatchReader() {
            private long next;
            private ByteBuffer in;

            @Override
            public int read(double[] data, double[] weights, int maxRows) throws IOException {
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
                DoubleBuffer values = in.asDoubleBuffer();
                for (int i = 0; i < n; i++) {
                    values.get(data, i * dims, dims);
                    weights[i] = values.get();
                }
                next += n;
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
