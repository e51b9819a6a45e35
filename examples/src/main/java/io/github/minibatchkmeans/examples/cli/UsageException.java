package io.github.minibatchkmeans.examples.cli;

/** A bad option value found after parsing; the message names the option. */
final class UsageException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
