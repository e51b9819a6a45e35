package io.github.minibatchkmeans.core.internal.pass;

import io.github.minibatchkmeans.core.spi.BatchReader;
import io.github.minibatchkmeans.core.spi.BatchSource;
import io.github.minibatchkmeans.core.spi.ReadThreads;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * A source that parses text on every pass, read once: the first complete pass keeps the rows it
 * delivers — in memory, in chunks that later passes read in place, while they fit
 * {@code budgetBytes}; past that, in a binary {@link SpillFile} — and every later pass reads
 * those instead of parsing again.
 */
public final class ParsedOnce implements BatchSource, AutoCloseable {
    /** Bytes per in-memory chunk: large enough to be a batch, small enough to allocate anywhere. */
    private static final long CHUNK_BYTES = 8L << 20;

    private final BatchSource inner;
    private final long budgetBytes;
    private FlatRows resident;
    private SpillFile spill;

    public ParsedOnce(BatchSource inner, long budgetBytes) {
        this.inner = inner;
        this.budgetBytes = budgetBytes;
    }

    /** The rows in memory once the first pass is done and they fitted, else null. */
    FlatRows resident() {
        return resident;
    }

    /** Bytes of heap the kept rows take. */
    public long residentBytes() {
        return resident == null ? 0 : 8L * (inner.dimensions() + 1) * resident.rows().getAsLong();
    }

    /** True once the rows are kept in a spill file. */
    public boolean spilled() {
        return spill != null;
    }

    @Override
    public int dimensions() {
        return inner.dimensions();
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public OptionalLong rows() {
        return resident != null ? resident.rows() : spill != null ? OptionalLong.of(spill.rows()) : inner.rows();
    }

    @Override
    public Rereading rereading() {
        return resident != null || spill != null ? Rereading.CHEAP : inner.rereading();
    }

    @Override
    public BatchReader open() throws IOException {
        return open(ReadThreads.NONE);
    }

    @Override
    public BatchReader open(ReadThreads threads) throws IOException {
        if (resident != null) {
            return resident.open();
        }
        if (spill != null) {
            return spill.open();
        }
        return new Keeping(inner.open(threads));
    }

    /** The first pass: delivers the parsed rows and keeps them; only a pass read to its end keeps anything. */
    private final class Keeping implements BatchReader {
        private final BatchReader reader;
        private final int dims = inner.dimensions();
        private final int chunkRows = (int) Math.max(1, CHUNK_BYTES / (8L * (dims + 1)));
        private final List<double[]> chunks = new ArrayList<>();
        private final List<double[]> chunkWeights = new ArrayList<>();
        private double[] current;
        private double[] currentWeights;
        private int filled;
        private long bytes;
        private SpillFile file;
        private boolean complete;
        private boolean failed;

        Keeping(BatchReader reader) {
            this.reader = reader;
        }

        @Override
        public int read(double[] data, double[] weights, int maxRows) throws IOException {
            int n;
            try {
                n = reader.read(data, weights, maxRows);
            } catch (IOException | RuntimeException e) {
                failed = true;
                throw e;
            }
            if (n == 0) {
                complete = true;
            } else {
                keep(data, weights, n);
            }
            return n;
        }

        private void keep(double[] data, double[] weights, int n) throws IOException {
            if (file != null) {
                file.append(data, weights, n);
                return;
            }
            bytes += 8L * (dims + 1) * n;
            if (bytes > budgetBytes) { // over budget: everything so far, and all that follows, goes to disk
                file = new SpillFile(dims);
                for (int c = 0; c < chunks.size(); c++) {
                    file.append(chunks.get(c), chunkWeights.get(c), chunkWeights.get(c).length);
                }
                if (current != null) {
                    file.append(current, currentWeights, filled);
                }
                chunks.clear();
                chunkWeights.clear();
                current = null;
                file.append(data, weights, n);
                return;
            }
            for (int done = 0; done < n; ) {
                if (current == null) {
                    current = new double[chunkRows * dims];
                    currentWeights = new double[chunkRows];
                    filled = 0;
                }
                int take = Math.min(n - done, chunkRows - filled);
                System.arraycopy(data, done * dims, current, filled * dims, take * dims);
                System.arraycopy(weights, done, currentWeights, filled, take);
                filled += take;
                done += take;
                if (filled == chunkRows) {
                    chunks.add(current);
                    chunkWeights.add(currentWeights);
                    current = null;
                }
            }
        }

        @Override
        public void close() throws IOException {
            reader.close();
            if (!complete || failed) {
                if (file != null) {
                    file.close();
                }
                return;
            }
            if (file != null) {
                spill = file;
                return;
            }
            if (current != null) {
                chunks.add(java.util.Arrays.copyOf(current, filled * dims));
                chunkWeights.add(java.util.Arrays.copyOf(currentWeights, filled));
            }
            resident = new FlatRows(chunks, chunkWeights, dims, inner.name());
        }
    }

    /** Deletes the spill file, if any. */
    @Override
    public void close() {
        if (spill != null) {
            spill.close();
        }
    }
}
