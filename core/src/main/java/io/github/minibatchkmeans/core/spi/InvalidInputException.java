package io.github.minibatchkmeans.core.spi;

/**
 * Bad input data, with a message a user can act on. Messages name the place, for example
 * {@code "data.csv:1207:5: not a number: 'abc'"}. Sources throw it and the estimator passes it
 * on; it lives beside {@link BatchSource} so that source implementations need nothing else.
 *
 * <p>The message is always one line of at most {@value #MAX_LENGTH} characters: control
 * characters that a quoted piece of a damaged file may carry are escaped ({@code \n},
 * {@code \u0000}), so an error never spills raw bytes onto a terminal.
 */
public class InvalidInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    static final int MAX_LENGTH = 400;

    /**
     * Bad data: the message (made one line) names what and where.
     *
     * @param message what is wrong and where
     */
    public InvalidInputException(String message) {
        super(oneLine(message));
    }

    /**
     * Bad data found through {@code cause}.
     *
     * @param message what is wrong and where
     * @param cause the underlying failure
     */
    public InvalidInputException(String message, Throwable cause) {
        super(oneLine(message), cause);
    }

    private static String oneLine(String message) {
        if (message == null) {
            return null;
        }
        StringBuilder s = new StringBuilder(Math.min(message.length(), MAX_LENGTH + 1));
        for (int i = 0; i < message.length() && s.length() < MAX_LENGTH; i++) {
            char c = message.charAt(i);
            if (c == '\n') {
                s.append("\\n");
            } else if (c < 0x20 || c == 0x7f || c == '\ufffd' || c >= 0x80 && c < 0xa0) {
                s.append(String.format("\\u%04x", (int) c));
            } else {
                s.append(c);
            }
        }
        return s.length() >= MAX_LENGTH && s.length() < message.length() ? s + "…" : s.toString();
    }
}
