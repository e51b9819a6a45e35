package io.github.minibatchkmeans.core.spi;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * For sources that read files: the usual failures (missing, a directory, no permission) as
 * one-line {@link InvalidInputException}s naming the file.
 */
public final class SourceFiles {
    private SourceFiles() {
    }

    /** Fails with a one-line message unless {@code file} is a readable regular file. */
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

    /** Opens {@code file} for reading, turning the usual failures into one-line messages. */
    public static FileChannel openChannelChecked(Path file) {
        checkReadable(file);
        try {
            return FileChannel.open(file, StandardOpenOption.READ);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    public static InvalidInputException unreadable(Path file, IOException e) {
        if (e instanceof NoSuchFileException) {
            return new InvalidInputException(file + ": no such file", e);
        }
        if (e instanceof AccessDeniedException) {
            return new InvalidInputException(file + ": permission denied", e);
        }
        return new InvalidInputException(file + ": cannot read: " + e.getMessage(), e);
    }
}
