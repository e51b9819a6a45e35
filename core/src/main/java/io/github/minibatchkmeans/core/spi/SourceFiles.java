package io.github.minibatchkmeans.core.spi;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * For sources that read files: the usual failures (missing, a directory, no permission) as
 * one-line {@link InvalidInputException}s naming the file.
 */
public final class SourceFiles {
    private SourceFiles() {
    }

    /**
     * Fails with a one-line message unless {@code file} is a readable regular file.
     *
     * @param file the file
     */
    public static void checkReadable(Path file) {
        if (Files.isDirectory(file)) {
            throw new InvalidInputException(file + ": is a directory, not a data file");
        }
        if (!Files.exists(file)) {
            throw new InvalidInputException(file + ": no such file");
        }
        if (!Files.isReadable(file)) {
            throw new InvalidInputException(file + ": permission denied");
        }
    }

    /**
     * {@link #checkReadable}, for data a fit reads pass after pass: it must also be a regular file.
     * A pipe or a device reads only once, and opening a named pipe waits for a writer that may never come.
     *
     * @param file the file
     */
    public static void checkRereadable(Path file) {
        checkReadable(file);
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(file + ": not a regular file (a pipe or a device), which can be read only once; "
                    + "a fit reads its data more than once (the tool streams standard input: --input -)");
        }
    }

    /**
     * Opens data {@code file} for reading ({@link #checkRereadable}), turning the usual failures into one-line messages.
     *
     * @param file the file
     * @return an open channel
     */
    public static FileChannel openChannelChecked(Path file) {
        checkRereadable(file);
        try {
            return FileChannel.open(file, StandardOpenOption.READ);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    /**
     * Text from a file, fit to quote in a one-line message: control and non-ASCII bytes escaped
     * (a binary file read as text must not print its bytes), at most 40 characters.
     *
     * @param text a field's text
     * @return the excerpt
     */
    public static String excerpt(String text) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < text.length() && s.length() < 40; i++) {
            char c = text.charAt(i);
            s.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c));
        }
        return text.length() > 40 && s.length() >= 40 ? s + "…" : s.toString();
    }

    /**
     * The one-line error for {@code file} that could not be read: no such file, permission denied, or the cause.
     *
     * @param file the file
     * @param e the failure
     * @return the one-line error
     */
    public static InvalidInputException unreadable(Path file, IOException e) {
        if (e instanceof NoSuchFileException) {
            return new InvalidInputException(file + ": no such file", e);
        }
        if (e instanceof AccessDeniedException) {
            return new InvalidInputException(file + ": permission denied", e);
        }
        return new InvalidInputException(file + ": cannot read: " + e.getMessage(), e);
    }

    /**
     * A file's size and modification time: taken when a fit first reads the file and compared at
     * every later open and end of a pass, so that a file changed under a running fit is an error,
     * not a silently mixed result.
     */
    public record Stamp(long size, long modifiedNanos) {
        /**
         * The current stamp of {@code file}.
         *
         * @param file the file
         * @return its stamp
         */
        public static Stamp of(Path file) {
            try {
                BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                return new Stamp(attributes.size(), attributes.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS));
            } catch (IOException e) {
                throw unreadable(file, e);
            }
        }

        /**
         * Fails, naming the file and {@code when} (such as "at the start of pass 3"), if {@code file}'s stamp is no longer this.
         *
         * @param file the file
         * @param when the moment, for the message
         */
        public void verify(Path file, String when) {
            Stamp now = of(file);
            if (now.size != size) {
                throw new InvalidInputException(file + ": the file changed during the fit (" + size + " bytes, now " + now.size
                        + "), found " + when);
            }
            if (now.modifiedNanos != modifiedNanos) {
                throw new InvalidInputException(file + ": the file changed during the fit (modified again), found " + when);
            }
        }
    }
}
