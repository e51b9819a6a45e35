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
 *
 * <p>The process a user kills is the parent. Killed by a signal it can handle, it takes the child
 * along; killed outright ({@code kill -9}), it cannot — so the child watches it: within
 * {@link #WATCH_MILLIS} of the parent's death the child exits (its shutdown deletes the outputs it
 * had not finished) and commits no output after it noticed. The relaunch stays because a jar's
 * manifest cannot add the Vector API module, and without it the distance kernel runs 2–6× slower.
 */
final class Relaunch {
    /** Set in the child to the parent's process id, so that it never relaunches in turn and watches its parent. */
    static final String MARKER = "minibatchkmeans.relaunched";
    private static final String NOTICE = "WARNING: Using incubator modules";
    /** How often the child looks whether its parent is still alive. */
    static final long WATCH_MILLIS = 200;
    /** Set in a child whose parent died: nothing more may be written. */
    private static volatile boolean orphaned;

    private Relaunch() {
    }

    /** True in a child whose parent is gone: outputs must not be committed. */
    static boolean orphaned() {
        return orphaned;
    }

    /**
     * In a relaunched child: a daemon thread that ends this JVM (through its shutdown hooks) soon
     * after the parent, whose id the marker carries, has died — whatever killed it.
     */
    static void watchParent() {
        String marker = System.getProperty(MARKER);
        if (marker == null) {
            return;
        }
        long parentPid;
        try {
            parentPid = Long.parseLong(marker);
        } catch (NumberFormatException e) {
            return; // an old marker without a pid
        }
        ProcessHandle parent = ProcessHandle.of(parentPid).orElse(null);
        java.util.Optional<java.time.Instant> started = parent == null ? java.util.Optional.empty() : parent.info().startInstant();
        Thread watcher = new Thread(() -> {
            while (true) {
                // the same pid with another start time is another process: the parent is gone
                boolean alive = parent != null && parent.isAlive() && parent.info().startInstant().equals(started);
                if (!alive) {
                    orphaned = true;
                    System.err.println("minibatch-kmeans: the process that started this one is gone: stopping");
                    System.exit(Main.EXIT_ERROR);
                }
                try {
                    Thread.sleep(WATCH_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "watch-parent");
        watcher.setDaemon(true);
        watcher.start();
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
        command.addAll(List.of("-D" + MARKER + "=" + ProcessHandle.current().pid(), "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
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
