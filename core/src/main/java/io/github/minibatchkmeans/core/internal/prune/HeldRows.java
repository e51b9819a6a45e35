package io.github.minibatchkmeans.core.internal.prune;

import io.github.minibatchkmeans.core.internal.pass.PassRunner;
import io.github.minibatchkmeans.core.internal.rows.RowFormat;
import io.github.minibatchkmeans.core.internal.rows.Rows;
import io.github.minibatchkmeans.core.internal.stats.TopRows;
import java.lang.ref.SoftReference;
import java.util.Arrays;

/**
 * Rows kept in memory because their bounds will soon make them due: rows near a boundary between
 * clusters. In a shuffled file such rows sit in almost every block, so a block could seldom go
 * unread; with them held, a block whose due rows are all here is filled from memory instead of
 * read. Each block holds a fixed quota of its rows: whenever it is read, the ones with the least
 * budget left, which keeps it unread for as long as its quota can. That choice (a {@link TopRows}
 * under a total order) depends on the block's rows alone, so what is held never depends on threads
 * or batch sizes — and since held values are the values read, neither does any result.
 *
 * <p>A block's rows are one {@link Pack}, rewritten (in place when its size stays) once the block is read. Held
 * rows are a cache: packs are softly reachable, so a heap that runs short empties it rather than
 * fail (a block whose pack is gone is read again); a pass pins the packs it plans to fill from,
 * copies out only their due rows, and leaves what a block holds as it was.
 */
final class HeldRows {
    private static final int WORDS = PassRunner.BLOCK_ROWS / 64;

    private final int dims;
    /** How held rows are stored: as the pass holds them (doubles or float32). */
    private final RowFormat format;
    private final int quota;
    private final SoftReference<Pack>[] packs;
    /** {@link #hold}'s working buffers (it runs in block order on one thread): a mask, and each held offset's slot. */
    private final long[] mask = new long[WORDS];
    private final int[] slotOf = new int[PassRunner.BLOCK_ROWS];
    /** {@link #hold}'s copy of one row on its way from the candidates to a pack. */
    private final double[] row;

    /** One block's held rows: which ({@code mask}, by offset in the block), in offset order. */
    record Pack(long[] mask, Rows rows) {
        /** True if the row at {@code offset} in the block is held. */
        boolean has(int offset) {
            return (mask[offset >>> 6] & 1L << offset) != 0;
        }
    }

    /** A block a pass fills from its held rows: the pack, pinned for the pass, and which rows are due (by offset, a mask). */
    record Pinned(Pack pack, long[] due) {
    }

    /** A mask of the rows of a block, by offset. */
    static long[] newMask() {
        return new long[WORDS];
    }

    @SuppressWarnings({"unchecked", "rawtypes"}) // Java has no generic array creation
    private HeldRows(int blocks, int dims, RowFormat format, int quota) {
        this.dims = dims;
        this.format = format;
        this.row = new double[dims];
        this.quota = quota;
        this.packs = new SoftReference[blocks];
    }

    /** A store for {@code rows} rows of {@code dims} values held as {@code format} within {@code budgetBytes}, or null if not one row per block fits. */
    static HeldRows create(long rows, int dims, RowFormat format, long budgetBytes) {
        long blocks = (rows + PassRunner.BLOCK_ROWS - 1) / PassRunner.BLOCK_ROWS;
        long perBlock = budgetBytes / Math.max(1, blocks) / format.bytesPerRow(dims);
        return perBlock < 1 || blocks > Integer.MAX_VALUE ? null
                : new HeldRows((int) blocks, dims, format, (int) Math.min(PassRunner.BLOCK_ROWS, perBlock));
    }

    /** How many rows of a block may be held. */
    int quota() {
        return quota;
    }

    /** Block {@code block}'s held rows, pinned for as long as the caller keeps them; null if none. */
    Pack pack(long block) {
        SoftReference<Pack> ref = packs[(int) block];
        return ref == null ? null : ref.get();
    }

    /**
     * Copies the due rows of {@code pinned} in {@code [firstRow, firstRow + count)} (one block) to row
     * {@code at} on of the arrays: the pass touches no other row of the block, so no other is copied.
     */
    void fill(Pinned pinned, long firstRow, int count, Rows rows, int at) {
        int from = (int) (firstRow % PassRunner.BLOCK_ROWS);
        long[] held = pinned.pack().mask;
        int rank = 0; // a held row's place among the block's held rows: where its values are
        for (int word = 0; word < WORDS; word++) {
            for (long bits = held[word] & pinned.due()[word]; bits != 0; bits &= bits - 1) {
                int bit = Long.numberOfTrailingZeros(bits);
                int offset = word * 64 + bit;
                int slot = rank + Long.bitCount(held[word] & ((1L << bit) - 1));
                if (offset >= from && offset < from + count) {
                    pinned.pack().rows.copyInto(slot, 1, rows, at + offset - from);
                }
            }
            rank += Long.bitCount(held[word]);
        }
    }

    /** Holds {@code chosen} (their rows: offsets in the block) as block {@code block}'s rows from now on (a pack is built only if they changed). */
    void hold(long block, TopRows chosen) {
        int b = (int) block;
        Pack old = pack(b);
        Arrays.fill(mask, 0);
        int count = chosen.size();
        for (int slot = 0; slot < count; slot++) {
            int offset = (int) chosen.row(slot);
            mask[offset >>> 6] |= 1L << offset;
            slotOf[offset] = slot;
        }
        if (old == null ? count == 0 : Arrays.equals(old.mask, mask)) {
            return; // the same rows: the same values
        }
        if (count == 0) {
            packs[b] = null;
            return;
        }
        // the block's old pack, if as large, takes the new rows in place: no pass has it pinned while the block is read
        boolean reuse = old != null && old.rows.capacity() == count;
        Rows values = reuse ? old.rows : format.buffer(count, dims);
        int rank = 0;
        for (int word = 0; word < WORDS; word++) {
            for (long bits = mask[word]; bits != 0; bits &= bits - 1) {
                int slot = slotOf[word * 64 + Long.numberOfTrailingZeros(bits)];
                chosen.copyValues(slot, row, 0); // float32 rows were widened exactly: narrowed back exactly
                values.putRow(rank, row, 0, chosen.weight(slot));
                rank++;
            }
        }
        if (reuse) {
            System.arraycopy(mask, 0, old.mask, 0, WORDS);
        } else {
            packs[b] = new SoftReference<>(new Pack(mask.clone(), values));
        }
    }
}
