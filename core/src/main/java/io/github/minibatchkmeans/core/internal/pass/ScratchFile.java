package io.github.minibatchkmeans.core.internal.pass;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A temporary file only this process can reach: created in the temporary directory and, on
 * POSIX systems, unlinked as it is opened ({@link StandardOpenOption#DELETE_ON_CLOSE}), so that it
 * is gone however the process ends — even killed with SIGKILL — and takes its space back with it.
 * Elsewhere it is deleted when closed, and at exit at the latest.
 *
 * @param where   the directory, for messages (a full disk names it)
 * @param channel open for reading and writing
 */
public record ScratchFile(Path where, FileChannel channel) {

    /** A new scratch file whose name starts with {@code prefix}; {@code what} says what it is for, in the error. */
    public static ScratchFile create(String prefix, String what) {
        Path file = null;
        try {
            file = Files.createTempFile(prefix, ".bin");
            file.toFile().deleteOnExit(); // where an open file cannot be unlinked
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE,
                    StandardOpenOption.DELETE_ON_CLOSE);
            return new ScratchFile(file.getParent(), channel);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the scratch file for " + what + " in "
                    + (file != null ? file.getParent() : System.getProperty("java.io.tmpdir")) + ": " + e.getMessage(), e);
        }
    }

    /** {@code e}, a failed write, as an error that names this file's directory (a full disk, say). */
    public IOException failed(String what, IOException e) {
        return new IOException("cannot write the scratch file for " + what + " in " + where + ": " + e.getMessage(), e);
    }

    /** Closes it, which deletes it where it was not already unlinked. */
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // deleted at exit at the latest
        }
    }
}
