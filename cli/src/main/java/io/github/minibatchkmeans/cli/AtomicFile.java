package io.github.minibatchkmeans.cli;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An output file that appears only when complete: written to a temporary file beside the target
 * and renamed over it by {@link #commit()}; closing without committing deletes the temporary file,
 * and so does the JVM's shutdown on SIGTERM or Ctrl-C. The temporary file exists only while the
 * output is being written (at construction it is created and deleted at once, to prove the
 * directory writable before any work), so even a SIGKILL during a long fit leaves nothing behind. A target that is a symbolic link is
 * written through: the link's file is replaced, the link stays.
 */
final class AtomicFile implements Closeable {
    /** Temporary files not yet committed or deleted, for the shutdown hook. */
    private static final Set<Path> PENDING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> PENDING.forEach(p -> p.toFile().delete()), "delete-partial-outputs"));
    }

    private final Path named;
    private final Path target;
    private final Path temporary;
    private OutputStream stream;
    private boolean committed;

    AtomicFile(Path named) throws IOException {
        this.named = named;
        this.target = resolve(named);
        Path dir = target.getParent();
        // Not Files.createTempFile: its owner-only permissions would stick to the renamed file.
        this.temporary = dir.resolve("." + target.getFileName() + "." + Long.toHexString(System.nanoTime()) + ".part");
        open();
        stream.close();
        Files.delete(temporary);
        stream = null;
    }

    private void open() {
        try {
            PENDING.add(temporary);
            stream = Files.newOutputStream(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (AccessDeniedException e) {
            PENDING.remove(temporary);
            throw new UsageException(named + ": cannot write in " + temporary.getParent() + " (permission denied)");
        } catch (IOException e) {
            PENDING.remove(temporary);
            throw new UsageException(named + ": cannot be written (" + e.getMessage() + ")");
        }
    }

    /**
     * Where {@code named} really is: links followed, the parent directory checked. A directory or a
     * missing parent is a one-line error naming the path, before any work.
     */
    static Path resolve(Path named) {
        Path absolute = named.toAbsolutePath().normalize();
        try {
            if (Files.exists(absolute)) {
                absolute = absolute.toRealPath();
                if (Files.isDirectory(absolute)) {
                    throw new UsageException(named + ": is a directory");
                }
                return absolute;
            }
            Path dir = absolute.getParent();
            if (dir == null || !Files.isDirectory(dir)) {
                throw new UsageException(named + ": directory " + dir + " does not exist");
            }
            return dir.toRealPath().resolve(absolute.getFileName());
        } catch (IOException e) {
            throw new UsageException(named + ": " + e.getMessage());
        }
    }

    /** The temporary file's stream, created on first use. */
    OutputStream stream() {
        if (stream == null) {
            open();
        }
        return stream;
    }

    BufferedWriter writer() {
        return new BufferedWriter(new OutputStreamWriter(stream(), StandardCharsets.UTF_8), 1 << 16);
    }

    /** The file this becomes (links resolved). */
    Path target() {
        return target;
    }

    /** Moves the finished file into place. The stream must have been flushed. */
    void commit() throws IOException {
        stream().close();
        try {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new IOException(named + ": cannot be written (" + e.getMessage() + ")", e);
        }
        PENDING.remove(temporary);
        committed = true;
    }

    @Override
    public void close() throws IOException {
        if (!committed && stream != null) {
            stream.close();
            Files.deleteIfExists(temporary);
            PENDING.remove(temporary);
        }
    }
}
