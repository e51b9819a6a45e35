package io.github.minibatchkmeans.core.internal.engine;

/** Hears the engine's passes; the facade turns each report into a public progress event. */
@FunctionalInterface
public interface Progress {
    Progress NONE = (stage, pass, rowsDone, totalRows, inertia, finished, pruned, unread, starts) -> { };

    /**
     * @param totalRows rows in the data, or -1 while unknown
     * @param inertia   the pass's inertia once finished, else NaN
     * @param pruned    of a finished exact iteration: rows the bounds settled
     * @param unread    of a finished exact iteration: blocks not read
     * @param starts    the starts (restarts) of the fit, some perhaps done
     */
    void report(Stage stage, int pass, long rowsDone, long totalRows, double inertia, boolean finished, long pruned, long unread,
                int starts);

    /** A report of a pass for one start, without pruning counts. */
    default void report(Stage stage, int pass, long rowsDone, long totalRows, double inertia, boolean finished) {
        report(stage, pass, rowsDone, totalRows, inertia, finished, 0, 0, 1);
    }
}
