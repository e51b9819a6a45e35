package io.github.minibatchkmeans.core.spi;

/**
 * Bad input data, with a message a user can act on. Messages name the place, for example
 * {@code "data.csv:1207:5: not a number: 'abc'"}. Sources throw it and the estimator passes it
 * on; it lives beside {@link BatchSource} so that source implementations need nothing else.
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
