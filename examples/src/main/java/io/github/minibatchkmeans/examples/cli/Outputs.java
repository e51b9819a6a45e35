package io.github.minibatchkmeans.examples.cli;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The output files of one command: all appear together at {@link #commitAll()}, or none does. */
final class Outputs implements Closeable {
    private final List<AtomicFile> files = new ArrayList<>();

    AtomicFile create(Path target) throws IOException {
        AtomicFile file = new AtomicFile(target);
        files.add(file);
        return file;
    }

    void commitAll() throws IOException {
        for (AtomicFile file : files) {
            file.commit();
        }
    }

    @Override
    public void close() throws IOException {
        for (AtomicFile file : files) {
            file.close();
        }
    }
}
