package io.github.minibatchkmeans.core.internal.engine;

import io.github.minibatchkmeans.core.spi.PassStatistics;
import java.io.Serial;
import java.util.Arrays;

/**
 * Several fits' statistics in one engine pass — the starts of a fit, the models of a sweep over k:
 * the pass's centers are every fit's centers one after the other, and each row is added to every
 * fit's own {@link GatheredStatistics}, which merge part by part. Each fit gets exactly the
 * statistics a pass of its own would give; the engine reads its data once for all of them.
 */
final class GroupedStatistics implements PassStatistics {
    @Serial
    private static final long serialVersionUID = 1L;

    private final GatheredStatistics[] parts;

    private GroupedStatistics(GatheredStatistics[] parts) {
        this.parts = parts;
    }

    /**
     * How a grouped pass starts: the centers it is given are cut into fits of {@code sizes}
     * centers, each fit's statistics started by {@code part}.
     */
    static Start start(int[] sizes, Start part) {
        int[] cuts = sizes.clone();
        return centers -> {
            GatheredStatistics[] parts = new GatheredStatistics[cuts.length];
            for (int f = 0, from = 0; f < cuts.length; from += cuts[f], f++) {
                parts[f] = (GatheredStatistics) part.create(Arrays.copyOfRange(centers, from, from + cuts[f]));
            }
            return new GroupedStatistics(parts);
        };
    }

    /** Each fit's statistics, in the order of the sizes. */
    GatheredStatistics[] parts() {
        return parts;
    }

    @Override
    public GroupedStatistics add(double[][] batch, double[] weights, long[] ids) {
        for (GatheredStatistics part : parts) {
            part.add(batch, weights, ids);
        }
        return this;
    }

    @Override
    public GroupedStatistics addSparse(int[] rowEnds, int[] indices, double[] values, double[] weights, long[] ids) {
        for (GatheredStatistics part : parts) {
            part.addSparse(rowEnds, indices, values, weights, ids);
        }
        return this;
    }

    @Override
    public GroupedStatistics merge(PassStatistics other) {
        if (!(other instanceof GroupedStatistics group) || group.parts.length != parts.length) {
            throw new IllegalArgumentException("statistics of another pass (another group of fits)");
        }
        for (int f = 0; f < parts.length; f++) {
            parts[f].merge(group.parts[f]);
        }
        return this;
    }

    @Override
    public long rows() {
        return parts[0].rows();
    }
}
