package io.github.minibatchkmeans.core.internal.engine;

import io.github.minibatchkmeans.core.internal.rows.DenseRows;
import io.github.minibatchkmeans.core.internal.stats.DataSummary;
import io.github.minibatchkmeans.core.spi.InitContext;
import io.github.minibatchkmeans.core.spi.Sample;
import java.io.IOException;

/**
 * What an initializer sees of a fit's data: the statistics pass's figures and sample, and D²
 * passes run by the fit's {@link DataPasses}, each reported as the next initialization pass.
 */
final class Seeding implements InitContext {
    private final DataPasses passes;
    private final DataSummary summary;
    private final Progress progress;
    private int pass;

    Seeding(DataPasses passes, DataSummary summary, Progress progress) {
        this.passes = passes;
        this.summary = summary;
        this.progress = progress;
    }

    @Override
    public int dimensions() {
        return passes.dimensions();
    }

    @Override
    public long rows() {
        return summary.rows();
    }

    @Override
    public double totalWeight() {
        return summary.totalWeight();
    }

    @Override
    public double[] mean() {
        return summary.mean().clone();
    }

    @Override
    public double[] variance() {
        return summary.variance().clone();
    }

    @Override
    public Sample sample() {
        return summary.sample();
    }

    @Override
    public DistanceDraw drawByDistance(double[][] centers, int count, long seed) throws IOException {
        if (centers.length == 0 || count < 0) {
            throw new IllegalArgumentException("drawByDistance needs at least one center and a count >= 0");
        }
        for (double[] c : centers) {
            if (c.length != dimensions()) {
                throw new IllegalArgumentException("a center of " + c.length + " values for data of " + dimensions() + " features");
            }
        }
        DataPasses.Draw draw = passes.draw(centers, count, seed, progress, ++pass);
        double[] fills = summary.fills();
        if (fills != null) { // a drawn row's missing values (left out by the passes) become its column's mean, as the sample's
            for (double[] row : draw.rows()) {
                DenseRows.of(row, new double[] {1}, row.length).fillMissing(0, 1, fills);
            }
        }
        return new DistanceDraw(draw.rows(), draw.weights(), draw.cost());
    }
}
