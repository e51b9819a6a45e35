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
                    NumberVector v = relation.get(it);
                    if (v.getDimensionality() != dims) {
                        throw new InvalidInputException(name() + ": object " + row + " has " + v.getDimensionality()
                                + " dimensions, expected " + dims);
                    }
                    for (int j = 0; j < dims; j++) {
                        double x = v.doubleValue(j);
                        if (!Values.isUsable(x)) {
                            throw Values.rejected(x, name() + ": object " + row + ", dimension " + j);
                        }
                        data[n * dims + j] = x;
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
