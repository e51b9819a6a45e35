package io.github.minibatchkmeans.cli;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The output files of one command: all appear together at {@link #commitAll()}, or none does.
 * Every output is resolved to its real path and checked before any work: one that is an input
 * (the data, a model, a centers file), another output, or a directory is refused.
 */
final class Outputs implements Closeable {
    private final List<AtomicFile> files = new ArrayList<>();
    /** Real path → what it is ("--input", "--labels-out", …). */
    private final Map<Path, String> taken = new LinkedHashMap<>();

    /** Files the command reads, by option: no output may be one of them. Null paths are skipped. */
    Outputs reading(String option, Path input) {
        if (input != null && !input.toString().equals("-")) {
            Path absolute = input.toAbsolutePath().normalize();
            try {
                taken.put(Files.exists(absolute) ? absolute.toRealPath() : absolute, option);
            } catch (IOException e) {
                taken.put(absolute, option);
            }
        }
        return this;
    }

    /** A new output for {@code option}, or null when {@code target} is null. */
    AtomicFile create(String option, Path target) throws IOException {
        if (target == null) {
            return null;
        }
        AtomicFile file = claim(option, target, null);
        files.add(file);
        return file;
    }

    /**
     * Reserves {@code target} for {@code option}'s file, written again and again while the command
     * runs (a checkpoint): checked like {@link #create}, except that it may be the input named
     * {@code replaces} (the checkpoint a fit resumes from). Returns the real path; null for null.
     */
    Path reserve(String option, Path target, String replaces) throws IOException {
        if (target == null) {
            return null;
        }
        try (AtomicFile probe = claim(option, target, replaces)) {
            return probe.target();
        }
    }

    /** Checks {@code target} (real path, no clash unless with {@code replaces}, writable) and takes it for {@code option}. */
    private AtomicFile claim(String option, Path target, String replaces) throws IOException {
        AtomicFile file;
        try {
            file = new AtomicFile(target);
        } catch (UsageException e) {
            throw new UsageException(option + ": " + e.getMessage());
        }
        String clash = file.special() ? null : taken.get(file.target()); // outputs may share /dev/null or a pipe
        if (clash != null && !clash.equals(replaces)) {
            throw new UsageException(option + ": " + target + " is also " + clash + (clash.endsWith("-out") || clash.equals("--plot")
                    ? ": give each output a file of its own" : ": writing it would destroy what is read"));
        }
        if (!file.special()) {
            taken.put(file.target(), option);
        }
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
