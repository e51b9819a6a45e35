package io.github.minibatchkmeans.examples;

import java.io.PrintStream;

/** What an example says when it is called wrong, instead of an exception: its usage, on stderr. */
final class Usage {
    private Usage() {
    }

    /**
     * True, after printing {@code usage} of {@code example} to {@code err}, when {@code args} are
     * fewer than {@code required} or more than {@code allowed}, or one of {@code counts} (indices
     * of arguments that must be positive integers) is not one.
     */
    static boolean wrong(Class<?> example, String usage, String[] args, int required, int allowed, PrintStream err,
                         int... counts) {
        boolean wrong = args.length < required || args.length > allowed;
        for (int i : counts) {
            wrong |= i < args.length && !args[i].matches("[1-9][0-9]{0,8}");
        }
        if (wrong) {
            err.println("usage: java -cp <the examples' class path> " + example.getName() + " " + usage);
        }
        return wrong;
    }
}
