package io.github.minibatchkmeans.examples.cli;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * An output file that appears only when complete: written to a temporary file beside the target
 * and renamed over it by {@link #commit()}; closing without committing deletes the temporary file.
 */
final class AtomicFile implements Closeable {
    private final Path target;
    private final Path temporary;
    private final OutputStream stream;
    private boolean committed;

    AtomicFile(Path target) throws IOException {
        this.target = target.toAbsolutePath();
        Path dir = this.target.getParent();
        if (!Files.isDirectory(dir)) {
            throw new IOException(target + ": directory " + dir + " does not exist");
        }
        // Not Files.createTempFile: its owner-only permissions would stick to the renamed file.
        this.temporary = dir.resolve("." + this.target.getFileName() + "." + Long.toHexString(System.nanoTime()) + ".part");
        this.stream = Files.newOutputStream(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }

    OutputStream stream() {
        return stream;
    }

    BufferedWriter writer() {
        return new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
    }

    Path target() {
        return target;
    }

    /** Moves the finished file into place. The stream must have been flushed. */
    void commit() throws IOException {
        stream.close();
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        committed = true;
    }

    @Override
    public void close() throws IOException {
        if (!committed) {
            stream.close();
            Files.deleteIfExists(temporary);
        }
    }
}
