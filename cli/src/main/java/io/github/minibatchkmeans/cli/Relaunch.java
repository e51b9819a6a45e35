package io.github.minibatchkmeans.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Starts the tool again in a JVM with the Vector API module ({@code --add-modules
 * jdk.incubator.vector}), so that its distance kernel runs on SIMD: a jar's manifest cannot add a
 * module. The child gets the same JVM options, arguments, stdin and stdout; its stderr is copied
 * through without the JVM's one-line notice that an incubator module is in use. {@code demo}
 * without {@code -Xmx} also gets a small heap there, so that its data does not fit in memory.
 * Skipped when nothing is missing, when this JVM is the child, or when
 * {@code MINIBATCHKMEANS_NO_RELAUNCH} is set.
 */
final class Relaunch {
    /** Set in the child, so that it never relaunches in turn. */
    static final String MARKER = "minibatchkmeans.relaunched";
    private static final String NOTICE = "WARNING: Using incubator modules";

    private Relaunch() {
    }

    /** The heap {@code demo} gives itself when started without {@code -Xmx}: its data is twice that, so out of core. */
    static final String DEMO_HEAP = "-Xmx64m";

    /**
     * The exit code of the tool run in a child JVM — with the Vector API module when this one lacks
     * it, and for {@code demo} started without {@code -Xmx} with {@link #DEMO_HEAP} — or empty when
     * this JVM should run it.
     */
    static Optional<Integer> inChildJvm(String[] args) {
        if (System.getProperty(MARKER) != null || System.getenv("MINIBATCHKMEANS_NO_RELAUNCH") != null) {
            return Optional.empty();
        }
        List<String> jvmOptions = ManagementFactory.getRuntimeMXBean().getInputArguments();
        boolean addModule = ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty() && moduleInstalled();
        boolean capHeap = args.length > 0 && args[0].equals("demo") && jvmOptions.stream().noneMatch(o -> o.startsWith("-Xmx"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        if (!addModule && !capHeap || !Files.isExecutable(java)) {
            return Optional.empty();
        }
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(jvmOptions);
        if (capHeap) {
            command.add(DEMO_HEAP);
        }
        if (addModule) {
            command.addAll(List.of("--add-modules", "jdk.incubator.vector"));
        }
        command.addAll(List.of("-D" + MARKER + "=true", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        try {
            Process child = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.INHERIT)
                    .redirectOutput(ProcessBuilder.Redirect.INHERIT).start();
            Runtime.getRuntime().addShutdownHook(new Thread(child::destroy)); // killed, we take the child along
            Thread copier = new Thread(() -> copyWithoutNotice(child.getErrorStream(), System.err), "stderr");
            copier.start();
            int code = child.waitFor();
            copier.join();
            return Optional.of(code);
        } catch (IOException e) {
            return Optional.empty(); // no child: run here
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of(Main.EXIT_ERROR);
        }
    }

    /** True if this JDK ships the module at all (a trimmed runtime may not). */
    private static boolean moduleInstalled() {
        return java.lang.module.ModuleFinder.ofSystem().find("jdk.incubator.vector").isPresent();
    }

    /** Copies the child's stderr, dropping the JVM's notice line that comes first. */
    private static void copyWithoutNotice(InputStream from, OutputStream to) {
        try (from) {
            byte[] head = new byte[NOTICE.length()];
            int n = from.readNBytes(head, 0, head.length);
            if (n == head.length && new String(head, StandardCharsets.US_ASCII).equals(NOTICE)) {
                for (int b = from.read(); b != -1 && b != '\n'; b = from.read()) {
                    // the rest of the notice line
                }
            } else {
                to.write(head, 0, n);
            }
            byte[] buffer = new byte[8192];
            for (int read = from.read(buffer); read != -1; read = from.read(buffer)) {
                to.write(buffer, 0, read); // unbuffered: progress bars redraw with \r
                to.flush();
            }
        } catch (IOException e) {
            // the child ended; nothing more to copy
        }
    }
}
