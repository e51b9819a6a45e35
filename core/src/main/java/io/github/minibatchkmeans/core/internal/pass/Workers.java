package io.github.minibatchkmeans.core.internal.pass;

import io.github.minibatchkmeans.core.spi.ReadThreads;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads every pass shares: daemon threads made on demand and retired after a minute idle,
 * so a fit never has to be closed to release them and concurrent fits (as in a GUI) simply share.
 */
final class Workers {
    /** {@code threads} of the pool lent to a pass's reader. */
    static ReadThreads lent(int threads) {
        return new ReadThreads() {
            @Override
            public int count() {
                return threads;
            }

            @Override
            public <T> Future<T> submit(Callable<T> task) {
                return POOL.submit(task);
            }
        };
    }

    private static final AtomicInteger NEXT_ID = new AtomicInteger();
    static final ExecutorService POOL = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
            new SynchronousQueue<>(), runnable -> {
                Thread thread = new Thread(runnable, "minibatch-kmeans-" + NEXT_ID.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });

    private Workers() {
    }
}
