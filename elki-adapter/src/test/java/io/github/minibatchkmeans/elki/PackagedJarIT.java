package io.github.minibatchkmeans.elki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Runs after {@code package}, against the built jar — not {@code target/classes}, which ELKI's
 * registry would also scan and so prove nothing about what users install.
 */
class PackagedJarIT {
    private static final String ALGORITHM_LINE = "elki.clustering.kmeans.MiniBatchKMeans minibatch-kmeans";

    private static Path jar() {
        Path jar = Path.of("target", "minibatch-kmeans-elki-" + System.getProperty("project.version", "0.2.0") + ".jar");
        assertTrue(Files.isRegularFile(jar), "packaged jar " + jar);
        return jar.toAbsolutePath();
    }

    /** The test JVM's class path with this module's classes replaced by its packaged jar. */
    private static String classPath() {
        List<String> entries = new ArrayList<>();
        entries.add(jar().toString());
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(entry).toAbsolutePath();
            boolean ours = p.endsWith(Path.of("elki-adapter", "target", "classes")) || p.equals(jar());
            if (!ours) {
                entries.add(entry);
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static String java(String... args) throws IOException, InterruptedException {
        return run(true, args);
    }

    /** Runs a forked JVM on the packaged jar; returns its output, checking the exit code if asked. */
    private static String run(boolean mustSucceed, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", classPath()));
        command.addAll(Arrays.asList(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(process.waitFor(120, TimeUnit.SECONDS));
        if (mustSucceed) {
            assertEquals(0, process.exitValue(), output);
        }
        return output;
    }

    private static List<String> serviceLines(JarFile jar, String service) throws IOException {
        try (InputStream in = jar.getInputStream(jar.getEntry("META-INF/elki/" + service))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().collect(Collectors.toList());
        }
    }

    @Test
    void thePluginJarHoldsOurClassesOnly() throws IOException {
        Path plugin = jar().resolveSibling("minibatch-kmeans-elki-" + System.getProperty("project.version", "0.2.0") + "-plugin.jar");
        List<String> classes;
        try (JarFile contents = new JarFile(plugin.toFile())) {
            classes = contents.stream().map(e -> e.getName()).filter(name -> name.endsWith(".class")).toList();
        }
        assertTrue(classes.stream().anyMatch(name -> name.startsWith("io/github/minibatchkmeans/core/")), "core is inside");
        // ours, and our algorithm's entry in ELKI's k-means package (where the MiniGUI lists it)
        assertEquals(List.of(), classes.stream().filter(name -> !name.startsWith("io/github/minibatchkmeans/")
                && !name.startsWith("elki/clustering/kmeans/MiniBatchKMeans")).toList(),
                "third-party classes in the plug-in jar (ELKI's own are provided by ELKI)");
    }

    @Test
    void serviceFilesInTheJarListTheClassesWithTheirAliases() throws IOException {
        try (JarFile jar = new JarFile(jar().toFile())) {
            for (String service : List.of("elki.Algorithm", "elki.clustering.ClusteringAlgorithm", "elki.clustering.kmeans.KMeans")) {
                assertTrue(serviceLines(jar, service).contains(ALGORITHM_LINE), service);
            }
            assertTrue(serviceLines(jar, "elki.clustering.kmeans.initialization.KMeansInitialization")
                    .contains("io.github.minibatchkmeans.elki.KMeansParallelInitialization k-means|| kmeans-parallel"));
        }
    }

    @Test
    void elkiRegistryFindsTheAlgorithmByAliasFromTheJar() throws Exception {
        String out = java(RegistryProbe.class.getName(), "minibatch-kmeans", "k-means||");
        assertTrue(out.contains("minibatch-kmeans -> elki.clustering.kmeans.MiniBatchKMeans"), out);
        assertTrue(out.contains("k-means|| -> io.github.minibatchkmeans.elki.KMeansParallelInitialization"), out);
        assertTrue(out.contains("from jar"), out);
    }

    @Test
    void kddCliApplicationRunsItByAliasAndEvaluates() throws Exception {
        String data = ElkiTestData.differentDensities().toString();
        String out = java("elki.application.KDDCLIApplication", "-dbc.in", data, "-algorithm", "minibatch-kmeans",
                "-kmeans.k", "5", "-kmeans.seed", "7", "-evaluator", "clustering.EvaluateClustering",
                "-resulthandler", "ResultWriter");
        assertTrue(out.contains("-algorithm clustering.kmeans.MiniBatchKMeans"), out); // ELKI names it as one of its own
        assertTrue(out.contains("Pair counting F1-Measure 0.99800"), out);
        // beside ELKI's own k-means, by the short name ELKI's own take (-algorithm clustering.kmeans.LloydKMeans)
        String shortName = java("elki.application.KDDCLIApplication", "-dbc.in", data, "-algorithm",
                "clustering.kmeans.MiniBatchKMeans", "-kmeans.k", "5", "-kmeans.seed", "7", "-evaluator",
                "clustering.EvaluateClustering", "-resulthandler", "ResultWriter");
        assertTrue(shortName.contains("Pair counting F1-Measure 0.99800"), shortName);

        String parallel = java("elki.application.KDDCLIApplication", "-dbc.in", data, "-algorithm", "minibatch-kmeans",
                "-kmeans.k", "5", "-kmeans.initialization", "k-means||", "-kmeans.seed", "3",
                "-evaluator", "clustering.EvaluateClustering", "-resulthandler", "ResultWriter");
        assertTrue(parallel.contains("-kmeans.initialization io.github.minibatchkmeans.elki.KMeansParallelInitialization"), parallel);
        assertTrue(parallel.contains("Pair counting F1-Measure"), parallel);
    }

    @Test
    void descriptionExplainsEveryOption() throws Exception {
        // ELKI ends -description with a non-zero exit code, as it does for -h.
        String out = run(false, "elki.application.KDDCLIApplication", "-description", "elki.clustering.kmeans.MiniBatchKMeans");
        for (String option : List.of("-kmeans.k", "-kmeans.maxiter", "-kmeans.initialization", "-kmeans.seed",
                "-minibatch.batchsize", "-minibatch.mode <exact | stochastic>", "-minibatch.seed", "-minibatch.threads",
                "-minibatch.tol")) {
            assertTrue(out.contains(option), option + " in\n" + out);
        }
        assertTrue(out.contains("Sculley"), "the paper is cited");
    }
}
