package io.github.minibatchkmeans.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fit --checkpoint/--resume} in forked JVMs killed with SIGKILL before the first checkpoint,
 * right after one (between passes) and during passes: resumed until it finishes, the model and
 * labels are bit-identical to an uninterrupted run's; a SIGTERM leaves no temporary file.
 */
class CheckpointKillTest {
    @TempDir
    Path dir;

    private static ProcessBuilder tool(Path dir, List<String> args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "-Xmx256m", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(dir.resolve("stderr.txt").toFile());
        builder.environment().put("MINIBATCHKMEANS_NO_RELAUNCH", "1"); // one process to kill, not a relaunched child
        return builder;
    }

    private List<String> fit(String model, String labels, String... extra) {
        List<String> args = new ArrayList<>(List.of("fit", "--input", "x.npy", "--k", "40", "--seed", "3", "--tol", "1e-6",
                "--threads", "2", "--quiet", "--model-out", model, "--labels-out", labels));
        args.addAll(List.of(extra));
        return args;
    }

    private static FileTime modified(Path file) throws IOException {
        return Files.exists(file) ? Files.getLastModifiedTime(file) : FileTime.fromMillis(0);
    }

    @Test
    void killedAnywhereAndResumedTheResultIsBitIdentical() throws Exception {
        assertEquals(0, CliRun.of("generate", "--rows", "200000", "--dims", "6", "--clusters", "40", "--cluster-std", "3",
                "--seed", "2", "--out", dir.resolve("x.npy").toString()).exitCode());
        Process whole = tool(dir, fit("whole.json", "whole.txt")).start();
        assertEquals(0, whole.waitFor(), () -> read(dir.resolve("stderr.txt")));

        Path checkpoint = dir.resolve("ck.bin");
        long[] delaysMs = {-1, 0, 15, 40, 3, 90, 25};
        int kills = 0;
        int exit = -1;
        for (int round = 0; exit != 0; round++) {
            List<String> extra = new ArrayList<>(List.of("--checkpoint", "ck.bin"));
            if (Files.exists(checkpoint)) {
                extra.addAll(List.of("--resume", "ck.bin"));
            }
            FileTime before = modified(checkpoint);
            Process run = tool(dir, fit("resumed.json", "resumed.txt", extra.toArray(String[]::new))).start();
            if (round < delaysMs.length) {
                long delay = delaysMs[round];
                if (delay < 0) {
                    Thread.sleep(150); // before the first checkpoint: still starting or in the statistics pass
                } else {
                    while (run.isAlive() && modified(checkpoint).equals(before)) {
                        Thread.sleep(1);
                    }
                    Thread.sleep(delay); // 0: right after a pass's checkpoint; more: inside a later pass
                }
                if (run.isAlive()) {
                    run.destroyForcibly(); // SIGKILL
                    kills++;
                }
            }
            assertTrue(run.waitFor(120, TimeUnit.SECONDS));
            exit = run.exitValue();
            int r = round;
            assertTrue(exit == 0 || round < delaysMs.length, () -> "round " + r + ": " + read(dir.resolve("stderr.txt")));
        }
        assertTrue(kills >= 4, "killed " + kills + " times");
        // every number of the model, bit for bit (shortest round-trip decimals); only the work counts differ, as bounds restart
        assertEquals(withoutWorkCounts(dir.resolve("whole.json")), withoutWorkCounts(dir.resolve("resumed.json")));
        assertEquals(Files.readString(dir.resolve("whole.txt")), Files.readString(dir.resolve("resumed.txt")));
        try (Stream<Path> files = Files.list(dir)) {
            List<String> left = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".part")).toList();
            // temporary files exist only while an output or checkpoint is written: a SIGKILL then may leave one
            assertTrue(left.size() <= 1, "temporary files left: " + left);
        }
    }

    @Test
    void aTerminatedFitLeavesNoTemporaryFile() throws Exception {
        assertEquals(0, CliRun.of("generate", "--rows", "400000", "--dims", "8", "--clusters", "60", "--seed", "2",
                "--out", dir.resolve("x.npy").toString()).exitCode());
        Path checkpoint = dir.resolve("ck.bin");
        Process run = tool(dir, fit("m.json", "l.txt", "--checkpoint", "ck.bin", "--centroids-out", "c.csv")).start();
        while (run.isAlive() && !Files.exists(checkpoint)) {
            Thread.sleep(1);
        }
        Thread.sleep(20);
        run.destroy(); // SIGTERM
        assertTrue(run.waitFor(60, TimeUnit.SECONDS));
        try (Stream<Path> files = Files.list(dir)) {
            List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
            assertEquals(List.of("ck.bin", "stderr.txt", "x.npy"), names);
        }
    }

    @Test
    void resumingWithOtherDataOrOptionsIsRefused() throws IOException {
        Path data = dir.resolve("x.npy");
        assertEquals(0, CliRun.of("generate", "--rows", "20000", "--dims", "3", "--clusters", "5", "--seed", "2", "--out",
                data.toString()).exitCode());
        Path ck = dir.resolve("ck.bin");
        assertEquals(0, CliRun.of("fit", "--input", data.toString(), "--k", "5", "--quiet", "--checkpoint", ck.toString()).exitCode());
        CliRun other = CliRun.of("fit", "--input", data.toString(), "--k", "6", "--quiet", "--resume", ck.toString());
        assertEquals("minibatch-kmeans: " + ck + ": written with other options: k=5 then, k=6 now", other.err().strip());
        CliRun stochastic = CliRun.of("fit", "--input", data.toString(), "--k", "5", "--mode", "stochastic", "--quiet",
                "--resume", ck.toString());
        assertTrue(stochastic.err().contains("--resume: checkpoints are for exact mode"), stochastic.err());
        assertEquals(0, CliRun.of("generate", "--rows", "20000", "--dims", "3", "--clusters", "5", "--seed", "3", "--out",
                data.toString()).exitCode());
        CliRun changed = CliRun.of("fit", "--input", data.toString(), "--k", "5", "--quiet", "--resume", ck.toString());
        assertTrue(changed.err().strip().startsWith("minibatch-kmeans: " + data + ": the data differs from the checkpoint's"
                + " (same row count, other values; " + ck + " was written for "), changed.err());
        assertTrue(changed.exitCode() != 0);
    }

    private static List<String> withoutWorkCounts(Path model) throws IOException {
        return Files.readAllLines(model).stream().filter(l -> !l.contains("\"rowsPruned\"") && !l.contains("\"blocksUnread\"")).toList();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
