package io.github.minibatchkmeans.core.spi;

import java.util.concurrent.Callable;
import java.util.concurrent.Future;

/**
 * The threads a pass lends its reader ({@link BatchSource#open(ReadThreads)}): work submitted runs
 * on the core's shared pool, and a reader keeps at most {@link #count()} tasks running, so a fit's
 * {@code threads} setting bounds its parsing too. A source that parses text in parallel (CSV)
 * uses them; others ignore them.
 */
public interface ReadThreads {
    /** Reading on the caller's thread alone. */
    ReadThreads NONE = new ReadThreads() {
        @Override
        public int count() {
            return 1;
        }

        @Override
        public <T> Future<T> submit(Callable<T> task) {
            java.util.concurrent.FutureTask<T> run = new java.util.concurrent.FutureTask<>(task);
            run.run();
            return run;
        }
    };

    /**
     * How many tasks the reader may keep running at once (at least 1).
     *
     * @return the count
     */
    int count();

    /**
     * Runs {@code task} on the core's shared pool.
     *
     * @param task the work
     * @param <T> its result's type
     * @return its future
     */
    <T> Future<T> submit(Callable<T> task);
}
