package io.github.minibatchkmeans.cli;

import io.github.minibatchkmeans.core.ProgressEvent;
import io.github.minibatchkmeans.core.ProgressListener;

/** Counts finished passes and remembers the row count and the most starts a pass served, passing every event on. */
final class PassCounter implements ProgressListener {
    private final ProgressListener next;
    private int count;
    private long rows;
    private int starts = 1;

    PassCounter(ProgressListener next) {
        this.next = next;
    }

    @Override
    public void onProgress(ProgressEvent event) {
        if (event.finished()) {
            count++;
            rows = event.rowsDone();
            starts = Math.max(starts, event.starts());
        }
        next.onProgress(event);
    }

    int count() {
        return count;
    }

    int starts() {
        return starts;
    }

    long rows() {
        return rows;
    }
}
