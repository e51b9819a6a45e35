package io.github.minibatchkmeans.core.internal.pass;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.minibatchkmeans.core.SparseArraySource;
import io.github.minibatchkmeans.core.internal.rows.Rows;
import io.github.minibatchkmeans.core.spi.BatchReader;
import io.github.minibatchkmeans.core.spi.BatchSource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A pass that needs only some blocks of a source that cannot seek reads the others and drops them — sparse rows sparse. */
class PlannedReaderTest {
    /** Row i of 2,000 has one non-zero, i + 1, at feature i mod 1,000 of 2^20: a dense row would be 8 MB. */
    private static SparseArraySource wide() {
        int n = 2_000;
        int[] pointers = new int[n + 1];
        int[] indices = new int[n];
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            pointers[i + 1] = i + 1;
            indices[i] = i % 1_000;
            values[i] = i + 1;
        }
        return SparseArraySource.ofCsr(1 << 20, pointers, indices, values, null);
    }

    /** {@code inner}'s rows through its readers only, which cannot skip. */
    private static BatchSource unseekable(BatchSource inner) {
        return new BatchSource() {
            @Override
            public int dimensions() {
                return inner.dimensions();
            }

            @Override
            public BatchReader open() throws IOException {
                return inner.open();
            }

            @Override
            public String name() {
                return "unseekable";
            }

            @Override
            public boolean sparse() {
                return true;
            }
        };
    }

    @Test
    void unneededBlocksOfSparseRowsAreReadAndDroppedSparse() throws IOException {
        BlockTask<List<Double>> firstValues = new BlockTask<>() {
            @Override
            public List<Double> newPartial() {
                return new ArrayList<>();
            }

            @Override
            public void accumulate(List<Double> partial, Rows rows, int from, int to) {
                for (int i = from; i < to; i++) {
                    partial.add((double) rows.rowIndex(i) + 1 - Math.sqrt(rows.squaredNorm(i))); // 0 if the row is row i
                }
            }

            @Override
            public void fold(List<Double> total, List<Double> block) {
                total.addAll(block);
            }

            @Override
            public void reset(List<Double> partial) {
                partial.clear();
            }
        };
        List<Double> total = new PassRunner(1, 300).run(unseekable(wide()), firstValues, null, block -> block % 2 == 1, null);
        assertEquals(512 + 464, total.size(), "blocks 1 and 3 of 0..3 (2,000 rows: 512, 512, 512, 464)");
        assertArrayEquals(new double[total.size()], total.stream().mapToDouble(Double::doubleValue).toArray(), 0.0,
                "each row delivered is the row of its index");
    }
}
