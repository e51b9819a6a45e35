package io.github.minibatchkmeans.core.internal.pass;

import io.github.minibatchkmeans.core.internal.rows.Rows;

import java.util.List;

/**
 * Several tasks in one pass: each block is handed to every task in turn, so fits that read the
 * same stream — restarts of one fit — read it once between them. Each task keeps its own partials
 * and folds them in block order, so each gets exactly the result it would get alone.
 */
public final class TaskGroup implements BlockTask<Object[]> {
    private final List<BlockTask<Object>> tasks;

    @SuppressWarnings("unchecked")
    public TaskGroup(List<? extends BlockTask<?>> tasks) {
        this.tasks = List.copyOf((List<BlockTask<Object>>) tasks);
    }

    @Override
    public Object[] newPartial() {
        Object[] partials = new Object[tasks.size()];
        for (int t = 0; t < partials.length; t++) {
            partials[t] = tasks.get(t).newPartial();
        }
        return partials;
    }

    @Override
    public void accumulate(Object[] partial, Rows rows, int from, int to) {
        for (int t = 0; t < partial.length; t++) {
            tasks.get(t).accumulate(partial[t], rows, from, to);
        }
    }

    @Override
    public void fold(Object[] total, Object[] block) {
        for (int t = 0; t < total.length; t++) {
            tasks.get(t).fold(total[t], block[t]);
        }
    }

    @Override
    public void reset(Object[] partial) {
        for (int t = 0; t < partial.length; t++) {
            tasks.get(t).reset(partial[t]);
        }
    }

    @Override
    public long partialBytes() {
        long bytes = 0;
        for (BlockTask<Object> task : tasks) {
            bytes += task.partialBytes();
        }
        return bytes;
    }
}
