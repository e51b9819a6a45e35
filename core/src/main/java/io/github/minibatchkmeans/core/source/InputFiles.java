package io.github.minibatchkmeans.core.source;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Opening input files with one-line messages for the usual failures. */
final class InputFiles {
    private InputFiles() {
    }

    /** Fails with a one-line message unless {@code file} is a readable regular file. */
    static void checkReadable(Path file) {
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
    static FileChannel openChannelChecked(Path file) {
        checkReadable(file);
        try {
            return FileChannel.open(file, StandardOpenOption.READ);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    static InvalidInputException unreadable(Path file, IOException e) {
        if (e instanceof NoSuchFileException) {
            return new InvalidInputException(file + ": no such file", e);
        }
        if (e instanceof AccessDeniedException) {
            return new InvalidInputException(file + ": permission denied", e);
        }
        return new InvalidInputException(file + ": cannot read: " + e.getMessage(), e);
    }
}
