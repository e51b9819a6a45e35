package io.github.minibatchkmeans.core;

import io.github.minibatchkmeans.core.internal.assign.FarthestTask;
import io.github.minibatchkmeans.core.internal.assign.LloydTask;
import io.github.minibatchkmeans.core.internal.pass.BlockSupply;
import io.github.minibatchkmeans.core.internal.pass.BlockTask;
import io.github.minibatchkmeans.core.internal.prune.BoundedLloyd;
import io.github.minibatchkmeans.core.internal.prune.BoundedLloyd.Outcome;
import io.github.minibatchkmeans.core.internal.stats.ClusterStatistics;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongPredicate;

/**
 * One start of an EXACT fit, iterated to convergence: its centroids, history and state. Restarts
 * of a fit advance together, one shared pass per iteration ({@link ExactLloyd}); each drops out
 * when it converges, after one more pass for its returned centroids' sizes and inertia when the
 * last iteration did not already give them.
 */
final class Restart implements AutoCloseable {
    enum Phase { ITERATING, FINAL, DONE }

    private final Fit context;
    private final BoundedLloyd bounded;
    /** This start's labels by row, when the caller wants labels and pruning does not keep them. */
    private final int[] labels;
    final double[][] start;
    double[][] centers;
    final List<IterationRecord> history = new ArrayList<>();
    int iterations;
    boolean converged;
    Phase phase = Phase.ITERATING;
    /** The pass of the returned centroids, once done. */
    Outcome result;
    private BoundedLloyd.Plan plan;

    Restart(Fit context, double[][] start, BoundedLloyd bounded, int[] labels) {
        this.context = context;
        this.start = start;
        this.centers = start;
        this.bounded = bounded;
        this.labels = labels;
    }

    /** This start's task for the next pass. */
    BlockTask<?> task() {
        if (bounded != null) {
            plan = bounded.begin(centers);
            return plan.task();
        }
        return new LloydTask(context.kernel(centers), labels);
    }

    /** The blocks the next pass must read for this start (null: all); after {@link #task()}. */
    LongPredicate needed() {
        return plan == null ? null : plan.needed();
    }

    /** Of those, the blocks this start fills from its held rows (null: none); after {@link #task()}. */
    BlockSupply supply() {
        return plan == null ? null : plan.supply();
    }

    /** Takes the pass's folded result: an iteration's new centroids, or the final statistics. */
    Outcome finish(Object folded) throws IOException {
        Outcome pass;
        if (bounded != null) {
            pass = bounded.end(folded, plan);
            plan = null;
        } else {
            ClusterStatistics stats = LloydTask.statisticsOf(folded);
            double inertia = stats.inertia();
            if (stats.anyEmpty()) { // rare: one more pass finds the far points scikit-learn relocates to
                stats.relocateEmptyClusters(FarthestTask.find(context.passes(), context.source(), context.kernel(centers),
                        stats.emptyCount() + centers.length));
            }
            pass = new Outcome(stats.means(centers), stats.weights(), inertia, 0, 0);
        }
        if (phase == Phase.FINAL) {
            result = pass;
            phase = Phase.DONE;
            return pass;
        }
        iterations++;
        double[][] next = pass.means();
        double shift = ExactLloyd.squaredShift(centers, next);
        history.add(new IterationRecord(pass.inertia(), shift, pass.rowsSettled(), pass.blocksUnread()));
        centers = next;
        switch (ExactLloyd.verdict(shift, iterations, context.config(), context.summary().meanVariance())) {
            case FIXED_POINT -> {
                converged = true;
                result = pass;
                phase = Phase.DONE;
            }
            case CONVERGED -> {
                converged = true;
                phase = Phase.FINAL;
            }
            case LIMIT -> phase = Phase.FINAL;
            case CONTINUE -> { }
        }
        return pass;
    }

    /** Copies this start's final labels into {@code out}. */
    void labelsInto(int[] out) {
        if (bounded != null) {
            bounded.labels(out);
        } else if (labels != out) {
            System.arraycopy(labels, 0, out, 0, out.length);
        }
    }

    /** What a checkpoint keeps of a start. */
    record Saved(double[][] start, double[][] centers, List<IterationRecord> history, int iterations, boolean converged,
                 Phase phase, Outcome result, BoundedLloyd.Saved bounded) implements java.io.Serializable {
    }

    Saved save() {
        return new Saved(start, centers, new ArrayList<>(history), iterations, converged, phase, result,
                bounded == null ? null : bounded.save());
    }

    /** Continues from {@code saved}, as it was when saved. */
    void restore(Saved saved) {
        centers = saved.centers();
        history.addAll(saved.history());
        iterations = saved.iterations();
        converged = saved.converged();
        phase = saved.phase();
        result = saved.result();
        if (bounded != null) {
            bounded.restore(saved.bounded());
        }
    }

    KMeansModel model() {
        return KMeansModel.builder(centers).mode(Mode.EXACT).sizes(result.weights()).inertia(result.inertia())
                .iterations(iterations).converged(converged).history(history).initialCentroids(start).build();
    }

    @Override
    public void close() {
        if (bounded != null) {
            bounded.close();
        }
    }
}
