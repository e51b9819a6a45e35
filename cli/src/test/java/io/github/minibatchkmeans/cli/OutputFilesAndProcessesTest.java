package io.github.minibatchkmeans.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Outputs that are not plain files, outputs that exist, what a killed run leaves, and a relaunched
 * tool whose parent is killed (the third hostile trial, defects 1–4).
 */
class OutputFilesAndProcessesTest {
    @TempDir
    Path dir;

    private Path data() throws IOException {
        Path file = dir.resolve("data.npy");
        assertEquals(0, CliRun.of("generate", "--rows", "3000", "--dims", "3", "--clusters", "4", "--seed", "2", "--out",
                file.toString()).exitCode());
        return file;
    }

    private static boolean posix() {
        return java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    @Test
    void devNullAndOtherDevicesAreWrittenToNeverReplaced() throws IOException {
        Path devNull = Path.of("/dev/null");
        assumeTrue(Files.exists(devNull) && posix());
        Object before = Files.getAttribute(devNull, "unix:rdev");
        CliRun run = CliRun.of("fit", "--input", data().toString(), "--k", "4", "--quiet", "--labels-out", "/dev/null",
                "--model-out", "/dev/null", "--centroids-out", "/dev/null");
        assertEquals(0, run.exitCode(), run.err());
        assertFalse(Files.isRegularFile(devNull), "/dev/null is still a device");
        assertEquals(before, Files.getAttribute(devNull, "unix:rdev"));
    }

    @Test
    void aNamedPipeOutputIsWrittenThroughAndStaysAPipe() throws Exception {
        assumeTrue(posix());
        Path fifo = dir.resolve("labels.fifo");
        assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0);
        Path input = data();
        CompletableFuture<String> read = CompletableFuture.supplyAsync(() -> {
            try {
                return Files.readString(fifo); // opens the pipe for reading: the tool's write may proceed
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        CliRun run = CliRun.of("fit", "--input", input.toString(), "--k", "4", "--quiet", "--labels-out", fifo.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(3000, read.get(30, TimeUnit.SECONDS).lines().count(), "every label came through the pipe");
        assertTrue(Files.exists(fifo) && !Files.isRegularFile(fifo), "still a pipe");
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".part")), "no temporary file");
        }
    }

    @Test
    void anExistingOutputKeepsItsPermissionsAndAReadOnlyOneIsRefused() throws IOException {
        assumeTrue(posix());
        Path input = data();
        Path labels = dir.resolve("labels.txt");
        Files.writeString(labels, "old");
        Files.setPosixFilePermissions(labels, PosixFilePermissions.fromString("rw-------"));
        CliRun run = CliRun.of("fit", "--input", input.toString(), "--k", "4", "--quiet", "--labels-out", labels.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(labels)));
        assertEquals(3000, Files.readAllLines(labels).size());

        Path locked = dir.resolve("locked.txt");
        Files.writeString(locked, "keep me");
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r--r--r--"));
        CliRun refused = CliRun.of("fit", "--input", input.toString(), "--k", "4", "--quiet", "--model-out", locked.toString());
        assertEquals(2, refused.exitCode());
        assertEquals("minibatch-kmeans: --model-out: " + locked + ": is read-only (r--r--r--): make it writable or write elsewhere",
                refused.err().strip());
        assertEquals("keep me", Files.readString(locked), "whoever runs the tool, even root");
    }

    @Test
    void aLaterRunDeletesTheTemporaryFilesAKilledRunLeftBesideItsOutput() throws IOException {
        Path input = data();
        long dead = deadPid();
        Path leftover = dir.resolve(".labels.txt." + dead + ".1a2b.part");
        Files.writeString(leftover, "half a file");
        Path live = dir.resolve(".labels.txt." + ProcessHandle.current().pid() + ".1a2b.part");
        Files.writeString(live, "being written");
        CliRun run = CliRun.of("fit", "--input", input.toString(), "--k", "4", "--quiet", "--labels-out",
                dir.resolve("labels.txt").toString());
        assertEquals(0, run.exitCode(), run.err());
        assertFalse(Files.exists(leftover), "the dead run's part file is gone");
        assertTrue(Files.exists(live), "a running writer's part file is left alone");
    }

    /** A process id no live process has. */
    private static long deadPid() throws IOException {
        try {
            Process p = new ProcessBuilder("true").start();
            p.waitFor();
            return p.pid();
        } catch (InterruptedException e) {
            throw new IOException(e);
        }
    }

    /**
     * The tool started without the Vector API module starts itself again in a child JVM; SIGKILL to
     * the parent — the process the user started — must end the child within a second or so, and the
     * child must write no output afterwards.
     */
    @Test
    void killingTheToolsProcessEndsItsRelaunchedChildWhichWritesNothing() throws Exception {
        assumeTrue(java.lang.module.ModuleFinder.ofSystem().find("jdk.incubator.vector").isPresent());
        Path input = dir.resolve("big.npy");
        // overlapping blobs, k = 100: a fit of many seconds, whose bounds prune little
        assertEquals(0, CliRun.of("generate", "--rows", "200000", "--dims", "32", "--clusters", "100", "--cluster-std", "5",
                "--seed", "1", "--out", input.toString()).exitCode());
        Path model = dir.resolve("model.json");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), Main.class.getName(), "fit", "--input", input.toString(),
                "--k", "100", "--threads", "1", "--tol", "0", "--max-iter", "300", "--quiet",
                "--model-out", model.toString()));
        Process parent = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        ProcessHandle child = null;
        for (long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20); child == null && System.nanoTime() < deadline; ) {
            child = parent.toHandle().children().findFirst().orElse(null);
            Thread.sleep(50);
        }
        assertTrue(child != null, "the tool relaunched itself with the module");
        Thread.sleep(1500); // into the fit
        parent.destroyForcibly().waitFor();
        long killed = System.nanoTime();
        while (!ended(child) && System.nanoTime() - killed < TimeUnit.SECONDS.toNanos(5)) {
            Thread.sleep(10);
        }
        double seconds = (System.nanoTime() - killed) / 1e9;
        assertTrue(seconds < 2, "the child ended " + seconds + " s after its parent");
        Thread.sleep(1000);
        assertFalse(Files.exists(model), "no output after the parent's death");
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".part")), "no temporary file");
        }
    }

    /**
     * True once {@code process} has exited. An orphan is reaped by whoever adopts it (a container's
     * first process may take seconds), and until then it looks alive: on Linux its state says it
     * is a zombie — its exit is done.
     */
    private static boolean ended(ProcessHandle process) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException e) {
            return !process.isAlive();
        }
    }

    @Test
    void aNamedPipeInputIsRefusedAtOnceInsteadOfWaitingForAWriter() throws Exception {
        assumeTrue(posix());
        Path fifo = dir.resolve("in.csv");
        assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0);
        CliRun run = CliRun.of("fit", "--input", fifo.toString(), "--k", "2");
        assertEquals(1, run.exitCode());
        assertTrue(run.err().strip().endsWith(fifo + ": not a regular file (a pipe or a device), which can be read only once; "
                + "a fit reads its data more than once (the tool streams standard input: --input -)"), run.err());
    }
}
