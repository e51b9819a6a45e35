package io.github.minibatchkmeans.elki;

import io.github.minibatchkmeans.core.spi.Values;
import elki.data.NumberVector;
import elki.database.ids.DBIDIter;
import elki.database.relation.Relation;
import elki.database.relation.RelationUtil;
import io.github.minibatchkmeans.core.spi.BatchReader;
import io.github.minibatchkmeans.core.spi.BatchSource;
import io.github.minibatchkmeans.core.spi.InvalidInputException;
import java.util.Arrays;
import java.util.OptionalLong;

/**
 * An ELKI relation read as batches, in the relation's iteration order. Each pass converts its
 * vectors again, so a fit keeps the converted rows in memory after the first pass when they fit its
 * heap budget ({@link Rereading#DECODES}), and reads the relation only once.
 */
final class RelationSource implements BatchSource {
    private final Relation<? extends NumberVector> relation;
    private final int dims;

    RelationSource(Relation<? extends NumberVector> relation) {
        this.relation = relation;
        this.dims = RelationUtil.dimensionality(relation);
    }

    @Override
    public int dimensions() {
        return dims;
    }

    @Override
    public String name() {
        return relation.getLongName();
    }

    /**
     * Fails on the first object whose width or values the core would refuse, before any ELKI
     * initializer sees the relation (ELKI's k-means++ loops forever over a NaN).
     */
    void check() {
        long row = 0;
        for (DBIDIter it = relation.iterDBIDs(); it.valid(); it.advance(), row++) {
            checked(relation.get(it), row);
        }
    }

    /**
     * The whole relation as one row-major array, checked as {@link #check} does, in one pass — or
     * null if it would take more than {@code budgetBytes} (it is then read pass by pass).
     */
    double[] toFlat(long budgetBytes) {
        long values = (long) relation.size() * dims;
        if (8 * values > budgetBytes || values > Integer.MAX_VALUE - 8) {
            return null;
        }
        double[] flat = new double[(int) values];
        int row = 0;
        for (DBIDIter it = relation.iterDBIDs(); it.valid(); it.advance(), row++) {
            NumberVector v = checkedWidth(relation.get(it), row);
            int at = row * dims;
            for (int j = 0; j < dims; j++) {
                flat[at + j] = v.doubleValue(j);
            }
            for (int j = 0; j < dims; j++) { // checked where copied: one read of the vector, not two
                if (!Values.isUsable(flat[at + j])) {
                    throw Values.rejected(flat[at + j], name() + ": object " + row + ", dimension " + j);
                }
            }
        }
        return flat;
    }

    /** {@code v}, if it has the relation's width. */
    private NumberVector checkedWidth(NumberVector v, long row) {
        if (v.getDimensionality() != dims) {
            throw new InvalidInputException(name() + ": object " + row + " has " + v.getDimensionality() + " dimensions, expected " + dims);
        }
        return v;
    }

    /** {@code v}, if it has the relation's width and usable values. */
    private NumberVector checked(NumberVector v, long row) {
        checkedWidth(v, row);
        for (int j = 0; j < dims; j++) {
            if (!Values.isUsable(v.doubleValue(j))) {
                throw Values.rejected(v.doubleValue(j), name() + ": object " + row + ", dimension " + j);
            }
        }
        return v;
    }

    @Override
    public OptionalLong rows() {
        return OptionalLong.of(relation.size());
    }

    @Override
    public Rereading rereading() {
        return Rereading.DECODES;
    }

    @Override
    public BatchReader open() {
        DBIDIter it = relation.iterDBIDs();
        return new BatchReader() {
            private long row;

            @Override
            public int read(double[] data, double[] weights, int maxRows) {
                int n = 0;
                for (; n < maxRows && it.valid(); n++, it.advance(), row++) {
                    NumberVector v = checked(relation.get(it), row);
                    for (int j = 0; j < dims; j++) {
                        data[n * dims + j] = v.doubleValue(j);
                    }
                }
                Arrays.fill(weights, 0, n, 1.0);
                return n;
            }

            @Override
            public void close() {
            }
        };
    }
}
