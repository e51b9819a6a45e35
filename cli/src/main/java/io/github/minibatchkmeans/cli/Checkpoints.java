package io.github.minibatchkmeans.cli;

import io.github.minibatchkmeans.core.CheckpointListener;
import io.github.minibatchkmeans.core.FitState;
import io.github.minibatchkmeans.core.spi.SourceFiles;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** The tool's checkpoint files: read for --resume, replaced atomically after every pass for --checkpoint. */
final class Checkpoints {
    private Checkpoints() {
    }

    static FitState read(Path file) throws IOException {
        SourceFiles.checkReadable(file);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            return FitState.read(in, file.toString());
        } catch (IOException e) {
            throw SourceFiles.unreadable(file, e);
        }
    }

    /** Writes each state to {@code file} through a temporary file and a rename: a kill leaves the old one or the new one. */
    static CheckpointListener writer(Path file) {
        return file == null ? null : state -> {
            try (AtomicFile target = new AtomicFile(file)) {
                state.write(target.stream());
                target.commit();
            }
        };
    }
}
