package io.github.minibatchkmeans.core.internal.pass;

import io.github.minibatchkmeans.core.internal.metric.Geometry;
import io.github.minibatchkmeans.core.internal.rows.DenseRows;
import io.github.minibatchkmeans.core.internal.rows.FloatRows;
import io.github.minibatchkmeans.core.internal.rows.RowFormat;
import io.github.minibatchkmeans.core.internal.rows.Rows;
import io.github.minibatchkmeans.core.internal.rows.SparseRows;
import io.github.minibatchkmeans.core.spi.BatchReader;
import io.github.minibatchkmeans.core.spi.BatchSource;
import io.github.minibatchkmeans.core.spi.InvalidInputException;
import io.github.minibatchkmeans.core.spi.ReadThreads;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * A source read once: the first complete pass keeps the rows it delivers in memory, in chunks that
 * later passes read in place (no parsing, decoding, conversion or copy), while they fit
 * {@code budgetBytes}. Past the budget, text parsed on every pass ({@link Rereading#PARSES}) goes on
 * into a binary {@link SpillFile}, read instead of parsing again; rows decoded on every pass
 * ({@link Rereading#DECODES}) are let go and read again on every pass, as they would have been.
 * Rows are kept prepared for the fit's metric (cosine: unit length), so that later passes need
 * not prepare them again and can use them in place. Sparse rows are kept sparse, in memory only:
 * past the budget they are read again on every pass.
 */
public final class KeptRows implements BatchSource, PreparedSource, AutoCloseable {
    /** Bytes per in-memory chunk: large enough to be a batch, small enough to allocate anywhere. */
    private static final long CHUNK_BYTES = 8L << 20;

    private final BatchSource inner;
    private final long budgetBytes;
    /** The metric the kept rows are prepared for. */
    private final Geometry geometry;
    /** How the rows are held: as the inner source delivers them, for this metric. */
    private final RowFormat format;
    private FlatRows resident;
    /** Heap bytes of the resident rows. */
    private long residentBytes;
    private SpillFile spill;

    /** Set once the rows proved larger than the budget and are not spilled: every pass reads {@code inner}. */
    private boolean unkept;

    public KeptRows(BatchSource inner, long budgetBytes) {
        this(inner, budgetBytes, Geometry.EUCLIDEAN);
    }

    /** Keeps {@code inner}'s rows prepared for {@code geometry}. */
    public KeptRows(BatchSource inner, long budgetBytes, Geometry geometry) {
        this.inner = inner;
        this.budgetBytes = budgetBytes;
        this.geometry = geometry;
        this.format = RowFormat.of(inner, geometry.preparesRows());
        long rows = inner.rows().orElse(-1);
        // known to be too large and not text: not even tried
        this.unkept = inner.rereading() != Rereading.PARSES && format != RowFormat.SPARSE && rows >= 0
                && (double) rows * format.bytesPerRow(inner.dimensions()) > budgetBytes;
    }

    /** The rows in memory once the first pass is done and they fitted, else null. */
    FlatRows resident() {
        return resident;
    }

    /** Once kept (in memory or spilled), the rows it delivers are prepared; before that, and when let go, they are not. */
    @Override
    public Geometry preparedFor() {
        return resident != null || spill != null ? geometry : null;
    }

    /** Bytes of heap the kept rows take. */
    public long residentBytes() {
        return residentBytes;
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
    public boolean sparse() {
        return inner.sparse();
    }

    @Override
    public boolean float32() {
        return format == RowFormat.FLOAT32;
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
        return unkept ? inner.open(threads) : new Keeping(inner.open(threads), false);
    }

    /** True while no pass has kept the rows, nor found them too large to keep: the next pass keeps them. */
    boolean keepsNext() {
        return resident == null && spill == null && !unkept;
    }

    /**
     * The first pass's reader, for a caller that reads into a fresh buffer for every batch and never
     * touches one again once read: the rows are kept in those buffers themselves, without a copy.
     */
    Keeping openTakingBuffers(ReadThreads threads) throws IOException {
        return new Keeping(inner.open(threads), true);
    }

    /** The first pass: delivers the rows and keeps them; only a pass read to its end keeps anything. */
    final class Keeping implements BatchReader {
        private final BatchReader reader;
        private final int dims = inner.dimensions();
        private final int chunkRows = (int) Math.max(1, CHUNK_BYTES / format.bytesPerRow(dims));
        private final List<Rows> chunks = new ArrayList<>();
        /** The chunk being filled (rows copied from the caller's buffers), and how many rows it holds. */
        private Rows current;
        private int filled;
        private long bytes;
        private SpillFile file;
        /** Rows kept so far: the index of the next one, for messages. */
        private long kept;
        private boolean complete;
        private boolean failed;
        /** Over budget and not text: nothing is kept. */
        private boolean letGo;
        /** The caller's buffers become the kept chunks (see {@link #openTakingBuffers}). */
        private final boolean takesBuffers;

        Keeping(BatchReader reader, boolean takesBuffers) {
            this.reader = reader;
            this.takesBuffers = takesBuffers;
        }

        /** True while the buffers read into are kept: the caller must hand a fresh one to every read. */
        boolean takesBuffers() {
            return takesBuffers && !letGo && file == null;
        }

        @Override
        public int read(double[] data, double[] weights, int maxRows) throws IOException {
            int n = delivered(() -> reader.read(data, weights, maxRows));
            if (n > 0) {
                Rows read = new DenseRows(data, weights, dims);
                keep(format == RowFormat.FLOAT32 ? narrowed(read, n) : read, n);
            }
            return n;
        }

        @Override
        public int readFloats(float[] data, double[] weights, int maxRows) throws IOException {
            int n = delivered(() -> reader.readFloats(data, weights, maxRows));
            if (n > 0) {
                keep(new FloatRows(data, weights, dims), n);
            }
            return n;
        }

        @Override
        public int readSparse(int[] rowEnds, int[] indices, double[] values, double[] weights, int maxRows) throws IOException {
            int n = delivered(() -> reader.readSparse(rowEnds, indices, values, weights, maxRows));
            if (n > 0) {
                keepSparse(new SparseRows(rowEnds, indices, values, weights, dims), n);
            }
            return n;
        }

        /** What one read of the source delivers: the end of the pass noted, a failure too (then nothing is kept). */
        private int delivered(Read read) throws IOException {
            try {
                int n = read.rows();
                complete = n == 0;
                return n;
            } catch (IOException | RuntimeException e) {
                failed = true;
                throw e;
            }
        }

        /** Keeps a trimmed copy of a sparse batch, prepared for the metric, while the budget lasts. */
        private void keepSparse(SparseRows read, int n) {
            long first = kept;
            kept += n;
            if (letGo) {
                return;
            }
            SparseRows copy = read.trimmedCopy(n);
            bytes += SparseRows.bytesOf(n, copy.valueCount());
            if (bytes > budgetBytes) { // over budget: read again on every pass (sparse rows are not spilled)
                letGo = true;
                chunks.clear();
                return;
            }
            copy.span(first, n);
            try {
                geometry.prepare(copy, 0, n);
            } catch (InvalidInputException e) {
                throw new InvalidInputException(inner.name() + ": " + e.getMessage(), e);
            }
            chunks.add(copy);
        }

        /** Rows {@code [0, n)} of float32 rows read as doubles (widened, so narrowed exactly), to keep as float32. */
        private Rows narrowed(Rows read, int n) {
            Rows floats = RowFormat.FLOAT32.buffer(n, dims);
            double[] row = new double[dims];
            for (int i = 0; i < n; i++) {
                read.copyRow(i, row, 0);
                floats.putRow(i, row, 0, read.weights[i]);
            }
            return floats;
        }

        /** Keeps rows {@code [0, n)} of a batch of a dense format (doubles or float32) while the budget lasts, or spills them. */
        private void keep(Rows read, int n) throws IOException {
            if (geometry.preparesRows() && !letGo) { // kept as passes will use them; the caller's buffer stays as read
                read = read.trimmedCopy(n);
                read.span(kept, n);
                try {
                    geometry.prepare(read, 0, n);
                } catch (InvalidInputException e) {
                    throw new InvalidInputException(inner.name() + ": " + e.getMessage(), e);
                }
            }
            kept += n;
            if (file != null) {
                file.append(read, n);
                return;
            }
            if (letGo) {
                return;
            }
            bytes += format.bytesPerRow(dims) * n;
            if (bytes > budgetBytes && inner.rereading() != Rereading.PARSES) { // over budget: read again on every pass
                letGo = true;
                chunks.clear();
                current = null;
                return;
            }
            if (bytes > budgetBytes) { // over budget: everything so far, and all that follows, goes to disk
                file = new SpillFile(dims, format);
                for (Rows chunk : chunks) {
                    file.append(chunk, chunk.count());
                }
                if (current != null) {
                    file.append(current, filled);
                }
                chunks.clear();
                current = null;
                file.append(read, n);
                return;
            }
            if (takesBuffers) { // the buffer itself is kept; only the last, part-filled one is trimmed
                Rows chunk = n == read.capacity() ? read : read.trimmedCopy(n);
                chunk.span(0, n);
                chunks.add(chunk);
                return;
            }
            for (int done = 0; done < n; ) {
                if (current == null) {
                    current = format.buffer(chunkRows, dims);
                    filled = 0;
                }
                int take = Math.min(n - done, chunkRows - filled);
                read.copyInto(done, take, current, filled);
                filled += take;
                done += take;
                if (filled == chunkRows) {
                    current.span(0, chunkRows);
                    chunks.add(current);
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
            if (letGo) {
                unkept = true;
                return;
            }
            if (current != null) {
                Rows last = current.trimmedCopy(filled);
                last.span(0, filled);
                chunks.add(last);
            }
            resident = new FlatRows(chunks, dims, inner.name());
            residentBytes = bytes;
        }
    }

    /** One read of the inner source. */
    @FunctionalInterface
    private interface Read {
        int rows() throws IOException;
    }

    /** Deletes the spill file, if any. */
    @Override
    public void close() {
        if (spill != null) {
            spill.close();
        }
    }
}
