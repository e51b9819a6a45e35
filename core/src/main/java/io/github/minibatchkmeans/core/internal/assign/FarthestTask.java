package io.github.minibatchkmeans.core.internal.assign;

import io.github.minibatchkmeans.core.internal.kernel.BlockLabels;
import io.github.minibatchkmeans.core.internal.kernel.Kernel;
import io.github.minibatchkmeans.core.internal.pass.BlockTask;
import io.github.minibatchkmeans.core.internal.pass.PassRunner;
import io.github.minibatchkmeans.core.internal.rows.Rows;
import io.github.minibatchkmeans.core.internal.stats.TopRows;
import io.github.minibatchkmeans.core.spi.BatchSource;
import java.io.IOException;

/**
 * The rows farthest from their nearest centroid, for relocating clusters a pass left empty
 * (scikit-learn's rule). Run only when a cluster does empty, so the assignment passes never keep
 * a heap per row. Labels come from the kernel, as in the pass it repeats; distances are exact.
 */
public final class FarthestTask implements BlockTask<FarthestTask.Partial> {
    private final Kernel kernel;
    private final int keep;

    private FarthestTask(Kernel kernel, int keep) {
        this.kernel = kernel;
        this.keep = keep;
    }

    /** The {@code keep} rows of positive weight farthest from their nearest centroid of {@code kernel}. */
    public static TopRows find(PassRunner runner, BatchSource source, Kernel kernel, int keep) throws IOException {
        return runner.run(source, new FarthestTask(kernel, keep), null).top;
    }

    /** A block's farthest rows and the thread's labelling buffers. */
    public final class Partial {
        final TopRows top = new TopRows(keep, kernel.dims());
        final BlockLabels block = new BlockLabels(kernel, PassRunner.BLOCK_ROWS, false);
    }

    @Override
    public Partial newPartial() {
        return new Partial();
    }

    @Override
    public void accumulate(Partial p, Rows rows, int from, int to) {
        p.block.assign(rows, from, to);
        for (int i = from; i < to; i++) {
            if (rows.weights[i] > 0) {
                int c = p.block.labels[i - from];
                p.top.offer(kernel.distance(rows, i, c), rows.rowIndex(i), rows.weights[i], c, rows, i);
            }
        }
    }

    @Override
    public void fold(Partial total, Partial block) {
        total.top.merge(block.top);
    }

    @Override
    public void reset(Partial p) {
        p.top.clear();
    }

    @Override
    public long partialBytes() {
        return 8L * keep * (kernel.dims() + 4) + 8L * PassRunner.BLOCK_ROWS * (kernel.dims() + 4);
    }
}
