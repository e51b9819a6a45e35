package io.github.minibatchkmeans.cli;

import io.github.minibatchkmeans.core.ProgressEvent;
import io.github.minibatchkmeans.core.ProgressListener;

/** Counts finished passes and remembers the row count, passing every event on. */
final class PassCounter implements ProgressListener {
    private final ProgressListener next;
    private int count;
    private long rows;

    PassCounter(ProgressListener next) {
        this.next = next;
    }

    @Override
    public void onProgress(ProgressEvent event) {
        if (event.finished()) {
            count++;
            rows = event.rowsDone();
        }
        next.onProgress(event);
    }

    int count() {
        return count;
    }

    long rows() {
        return rows;
    }
}
