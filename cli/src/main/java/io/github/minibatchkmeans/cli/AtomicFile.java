package io.github.minibatchkmeans.cli;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An output file that appears only when complete: written to a temporary file beside the target
 * and renamed over it by {@link #commit()}; closing without committing deletes the temporary file,
 * and so does the JVM's shutdown on SIGTERM or Ctrl-C. The temporary file exists only while the
 * output is being written (at construction it is created and deleted at once, to prove the
 * directory writable before any work), and its name carries the writing process's id, so that a
 * later run writing beside it deletes what a killed run left. A file that exists keeps its
 * permissions (and, where the process may set them, its owner and group); one without write
 * permission for its owner is refused, whoever runs the tool. A target that is a symbolic link is
 * written through: the link's file is replaced, the link stays.
 *
 * <p>A target that exists and is not a regular file — {@code /dev/null}, {@code /dev/stdout}, a
 * terminal, a named pipe — is written to directly, never replaced: what was written stays written.
 */
final class AtomicFile implements Closeable {
    /** Temporary files not yet committed or deleted, for the shutdown hook. */
    private static final Set<Path> PENDING = ConcurrentHashMap.newKeySet();
    private static final String PART = ".part";

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> PENDING.forEach(p -> p.toFile().delete()), "delete-partial-outputs"));
    }

    private final Path named;
    private final Path target;
    /** Null for a special file, written in place. */
    private final Path temporary;
    private OutputStream stream;
    private boolean committed;

    AtomicFile(Path named) throws IOException {
        this.named = named;
        this.target = resolve(named);
        if (special(target)) {
            if (!Files.isWritable(target)) {
                throw new UsageException(named + ": cannot be written (permission denied)");
            }
            this.temporary = null;
            return;
        }
        refuseReadOnly(named, target);
        Path dir = target.getParent();
        deleteLeftovers(dir, target.getFileName().toString());
        // Not Files.createTempFile: its owner-only permissions would stick to the renamed file.
        this.temporary = dir.resolve(prefix(target.getFileName().toString()) + ProcessHandle.current().pid() + "."
                + Long.toHexString(System.nanoTime()) + PART);
        open();
        stream.close();
        Files.delete(temporary);
        stream = null;
    }

    /** True for a path that exists and is neither a regular file nor a directory: a device, a pipe, a socket. */
    static boolean special(Path path) {
        return Files.exists(path) && !Files.isRegularFile(path) && !Files.isDirectory(path);
    }

    /** The start of the temporary files' names for target file {@code name}; then the pid, a dot, a stamp and {@code .part}. */
    private static String prefix(String name) {
        return "." + name + ".";
    }

    /** An existing file whose owner may not write it is refused — also when root, who could. */
    private static void refuseReadOnly(Path named, Path target) {
        if (!Files.exists(target)) {
            return;
        }
        boolean writable = Files.isWritable(target);
        try {
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(target);
            writable &= mode.contains(PosixFilePermission.OWNER_WRITE);
            if (!writable) {
                throw new UsageException(named + ": is read-only (" + PosixFilePermissions.toString(mode)
                        + "): make it writable or write elsewhere");
            }
        } catch (UnsupportedOperationException | IOException e) {
            // no POSIX permissions here: what the OS says
        }
        if (!writable) {
            throw new UsageException(named + ": is read-only: make it writable or write elsewhere");
        }
    }

    /** Deletes the temporary files of {@code name} in {@code dir} whose writing process is gone (killed before it could). */
    private static void deleteLeftovers(Path dir, String name) {
        String prefix = prefix(name);
        try (DirectoryStream<Path> parts = Files.newDirectoryStream(dir, p -> {
            String file = p.getFileName().toString();
            return file.startsWith(prefix) && file.endsWith(PART);
        })) {
            for (Path part : parts) {
                String rest = part.getFileName().toString().substring(prefix.length());
                int dot = rest.indexOf('.');
                try {
                    long pid = Long.parseLong(dot < 0 ? rest : rest.substring(0, dot));
                    if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                        continue; // still being written
                    }
                } catch (NumberFormatException e) {
                    continue; // not one of ours
                }
                Files.deleteIfExists(part);
            }
        } catch (IOException e) {
            // leftovers are litter, not an error: the output itself is checked next
        }
    }

    private void open() {
        try {
            if (temporary == null) {
                stream = naming(Files.newOutputStream(target, StandardOpenOption.WRITE));
                return;
            }
            PENDING.add(temporary);
            stream = naming(Files.newOutputStream(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE));
        } catch (AccessDeniedException e) {
            forget();
            throw new UsageException(named + ": cannot write in " + (temporary == null ? target : temporary.getParent())
                    + " (permission denied)");
        } catch (IOException e) {
            forget();
            throw new UsageException(named + ": cannot be written (" + e.getMessage() + ")");
        }
    }

    /** {@code out}, whose failures (a full disk, say) name the output: the JDK's name neither file nor option. */
    private OutputStream naming(OutputStream out) {
        return new java.io.FilterOutputStream(out) {
            @Override
            public void write(int b) throws IOException {
                try {
                    out.write(b);
                } catch (IOException e) {
                    throw failed(e);
                }
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                try {
                    out.write(b, off, len);
                } catch (IOException e) {
                    throw failed(e);
                }
            }

            @Override
            public void flush() throws IOException {
                try {
                    out.flush();
                } catch (IOException e) {
                    throw failed(e);
                }
            }

            @Override
            public void close() throws IOException {
                try {
                    out.close();
                } catch (IOException e) {
                    throw failed(e);
                }
            }
        };
    }

    private IOException failed(IOException e) {
        return e instanceof OutputFailed ? e : new OutputFailed(named + ": cannot be written (" + e.getMessage() + ")", e);
    }

    /** A write to an output failed; the message names the output. */
    static final class OutputFailed extends IOException {
        private static final long serialVersionUID = 1L;

        OutputFailed(String message, IOException cause) {
            super(message, cause);
        }
    }

    /** The temporary file is gone or never was: the shutdown hook need not delete it. */
    private void forget() {
        if (temporary != null) {
            PENDING.remove(temporary);
        }
    }

    /**
     * Where {@code named} really is: links followed, the parent directory checked. A directory or a
     * missing parent is a one-line error naming the path, before any work. A special file keeps the
     * name it was given ({@code /dev/stdout} leads to a pipe, which has no path).
     */
    static Path resolve(Path named) {
        Path absolute = named.toAbsolutePath().normalize();
        try {
            if (Files.exists(absolute)) {
                if (special(absolute)) {
                    return absolute;
                }
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
            throw new UsageException(named + ": cannot be resolved (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
    }

    /** The output's stream, opened on first use: a temporary file's, or a special file's own. */
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

    /** True if the target is a device or pipe, written in place: any number of outputs may share it. */
    boolean special() {
        return temporary == null;
    }

    /**
     * Moves the finished file into place, with the permissions (and owner, where allowed) of the file
     * it replaces; a special file is only flushed. The stream must have been flushed.
     */
    void commit() throws IOException {
        stream().close();
        if (Relaunch.orphaned()) {
            throw new OutputFailed(named + ": not written: the process that started this one is gone", null);
        }
        if (temporary == null) {
            committed = true;
            return;
        }
        keepAttributesOf(target, temporary);
        try {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw failed(e);
        }
        forget();
        committed = true;
    }

    /** Gives {@code replacement} the permissions, owner and group of {@code existing}, as far as this process may. */
    private static void keepAttributesOf(Path existing, Path replacement) {
        if (!Files.exists(existing)) {
            return;
        }
        try {
            PosixFileAttributes old = Files.readAttributes(existing, PosixFileAttributes.class);
            PosixFileAttributeView view = Files.getFileAttributeView(replacement, PosixFileAttributeView.class);
            view.setPermissions(old.permissions());
            try {
                if (!old.owner().equals(Files.getOwner(replacement))) {
                    view.setOwner(old.owner());
                }
                view.setGroup(old.group());
            } catch (IOException e) {
                // only root may give a file away: the permissions were kept, the owner is who wrote it
            }
        } catch (UnsupportedOperationException | IOException e) {
            // no POSIX attributes here
        }
    }

    @Override
    public void close() throws IOException {
        if (!committed && stream != null) {
            stream.close();
            if (temporary != null) {
                Files.deleteIfExists(temporary);
                forget();
            }
        }
    }
}
