package io.github.minibatchkmeans.core.source;

/**
 * Bad input data or configuration, with a message a user can act on. Messages name the place,
 * for example {@code "data.csv:1207:5: not a number: 'abc'"}.
 */
public class InvalidInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
