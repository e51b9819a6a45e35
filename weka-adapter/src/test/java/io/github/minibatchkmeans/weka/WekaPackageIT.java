package io.github.minibatchkmeans.weka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * After {@code package}: installs the built zip with Weka's package manager into a temporary
 * WEKA_HOME, then uses it as Weka users do — in forked JVMs whose class path holds Weka only, so
 * MiniBatchKMeans can come from nowhere but the installed package.
 */
class WekaPackageIT {
    @TempDir
    static Path home;
    private static Path data;

    private static Path zip() {
        Path zip = Path.of("target", "MiniBatchKMeans-" + System.getProperty("project.version", "0.2.0") + ".zip");
        assertTrue(Files.isRegularFile(zip), zip.toString());
        return zip.toAbsolutePath();
    }

    /** Weka and its dependencies from the test class path; nothing of this project. */
    private static String wekaClassPath(boolean withProbes) {
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(entry).toAbsolutePath();
            boolean ours = p.toString().contains("minibatch-kmeans") || p.startsWith(Path.of("target").toAbsolutePath())
                    || p.toString().contains("junit") || p.toString().contains("opentest4j");
            if (!ours) {
                entries.add(entry);
            }
        }
        if (withProbes) {
            entries.add(Path.of("target", "test-classes").toAbsolutePath().toString());
        }
        return String.join(File.pathSeparator, entries);
    }

    /** Runs a Weka JVM; returns exit code and output. */
    private static Result weka(String heap, Map<String, String> env, boolean probes, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                heap, "-Dweka.packageManager.offline=true", "-cp", wekaClassPath(probes)));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("WEKA_HOME", home.toString());
        builder.environment().putAll(env);
        Process process = builder.start();
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(process.waitFor(10, TimeUnit.MINUTES));
        return new Result(process.exitValue(), output);
    }

    private record Result(int exitCode, String output) {
    }

    @BeforeAll
    static void installThePackage() throws Exception {
        Result install = weka("-Xmx256m", Map.of(), false, "weka.core.WekaPackageManager", "-offline", "-install-package",
                zip().toString());
        assertEquals(0, install.exitCode(), install.output());
        assertTrue(Files.isRegularFile(home.resolve("packages/MiniBatchKMeans/MiniBatchKMeans.jar")), install.output());
        data = home.resolve("groups.arff");
        WekaData.writeArff(data, 600, 3, 1);
    }

    @Test
    void packageManagerListsItAndTheExplorersChooserOffersIt() throws Exception {
        Result installed = weka("-Xmx256m", Map.of(), false, "weka.core.WekaPackageManager", "-list-packages", "installed");
        assertTrue(installed.output().contains("MiniBatchKMeans"), installed.output());
        Result listed = weka("-Xmx256m", Map.of(), true, GenericPropertiesProbe.class.getName());
        assertEquals(0, listed.exitCode(), listed.output());
        assertTrue(listed.output().contains("weka.clusterers.MiniBatchKMeans"), listed.output());
    }

    @Test
    void aSavedModelCarriesTheModelDocumentAndLoadsAgainThroughThePackage() throws Exception {
        Path saved = home.resolve("groups.model");
        Result save = weka("-Xmx256m", Map.of(), false, "weka.Run", "weka.clusterers.MiniBatchKMeans", "-t", data.toString(),
                "-N", "3", "-d", saved.toString());
        assertEquals(0, save.exitCode(), save.output());
        assertTrue(new String(Files.readAllBytes(saved), StandardCharsets.ISO_8859_1).contains("\"format\" : \"minibatch-kmeans-model\""),
                "the model file carries the JSON model document (Jackson relocated inside the package jar)");
        Result load = weka("-Xmx256m", Map.of(), false, "weka.Run", "weka.clusterers.MiniBatchKMeans", "-l", saved.toString(),
                "-T", data.toString());
        assertEquals(0, load.exitCode(), load.output());
        assertTrue(load.output().contains("Final cluster centroids:"), load.output());
    }

    @Test
    void wekaRunClustersAndEvaluatesClassesToClusters() throws Exception {
        Result run = weka("-Xmx256m", Map.of(), false, "weka.Run", "weka.clusterers.MiniBatchKMeans", "-t", data.toString(),
                "-N", "3", "-c", "last");
        assertEquals(0, run.exitCode(), run.output());
        assertTrue(run.output().contains("Final cluster centroids:"), run.output());
        assertTrue(run.output().contains("Classes to Clusters:"), run.output());
        assertTrue(run.output().contains("Incorrectly clustered instances :\t0.0"), run.output());
    }

    @Test
    void wekaRunStreamsAnArffFileMuchLargerThanTheHeap() throws Exception {
        Path big = home.resolve("big.arff");
        WekaData.writeArff(big, 1_500_000, 4, 2);
        long heap = 64L << 20;
        assertTrue(Files.size(big) > 2 * heap, "file of " + Files.size(big) + " bytes");
        Result run = weka("-Xmx64m", Map.of(), false, "weka.Run", "weka.clusterers.MiniBatchKMeans", "-t", big.toString(),
                "-N", "4");
        assertEquals(0, run.exitCode(), run.output());
        assertTrue(run.output().contains("Mode: one pass (1500000 instances summarized by a streaming coreset"), run.output());
        assertTrue(run.output().contains("(1500000.0)"), "Full Data counts the whole stream:\n" + run.output());
        assertTrue(run.output().contains("Final cluster centroids:"), run.output());
        assertTrue(!run.output().contains("OutOfMemoryError"), run.output());
    }

    @Test
    void thePackageHoldsDescriptionPropsAndOneJarOfOurClassesOnly() throws Exception {
        List<String> entries;
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(zip().toFile())) {
            entries = zip.stream().map(java.util.zip.ZipEntry::getName).toList();
        }
        // the jar, its description, the project's licence map and the GPL the package is under
        assertEquals(List.of("COPYING", "Description.props", "LICENSE", "MiniBatchKMeans.jar"), entries.stream().sorted().toList());
        Path jar = home.resolve("packaged.jar");
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(zip().toFile())) {
            Files.copy(zip.getInputStream(zip.getEntry("MiniBatchKMeans.jar")), jar);
        }
        List<String> foreign;
        try (java.util.jar.JarFile contents = new java.util.jar.JarFile(jar.toFile())) {
            foreign = contents.stream().map(java.util.jar.JarEntry::getName).filter(name -> name.endsWith(".class"))
                    .filter(name -> !name.startsWith("io/github/minibatchkmeans/") && !name.startsWith("weka/clusterers/MiniBatchKMeans"))
                    .toList();
        }
        assertEquals(List.of(), foreign, "third-party classes in the package's jar (Weka's own are provided by Weka)");
    }

    @Test
    void theRealExplorerRunsItAndShowsTheCentroidTable() throws Exception {
        String output = inTheExplorer("explorer-minibatch-kmeans.png", data.toString());
        assertTrue(output.contains("=== clusterer: weka.clusterers.MiniBatchKMeans using weka.clusterers.MiniBatchKMeans from"), output);
        assertTrue(output.contains("packages/MiniBatchKMeans"), "loaded from the installed package: " + output);
        assertTrue(output.contains("Final cluster centroids:"), output);
        assertTrue(output.contains("Full Data"), output);
    }

    @Test
    void theRealExplorerClustersTextThroughFilteredClustererAndStringToWordVector() throws Exception {
        Path reuters = home.resolve("ReutersGrain-test.arff");
        try (InputStream in = WekaPackageIT.class.getResourceAsStream("/weka-data/ReutersGrain-test.arff")) {
            Files.copy(in, reuters, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        String output = inTheExplorer("explorer-text.png", reuters.toString(), "weka.clusterers.FilteredClusterer",
                "-F", "weka.filters.unsupervised.attribute.StringToWordVector -W 100000 -I -T -L",
                "-W", "weka.clusterers.MiniBatchKMeans", "--", "-N", "2", "-metric", "cosine", "-D");
        assertTrue(output.contains("=== clusterer: weka.clusterers.FilteredClusterer using weka.clusterers.MiniBatchKMeans from"),
                output);
        assertTrue(output.contains("packages/MiniBatchKMeans"), "loaded from the installed package: " + output);
        assertTrue(output.contains("FilteredClusterer using weka.clusterers.MiniBatchKMeans -N 2"), output);
        assertTrue(output.contains("-metric cosine"), output);
        assertTrue(output.contains("Final cluster centroids:"), output);
    }

    /** The Explorer's output for {@code probe} arguments (data, then a clusterer), from the installed package, on Xvfb. */
    private String inTheExplorer(String screenshotName, String... probe) throws Exception {
        Path xvfb = Path.of("/usr/bin/Xvfb");
        if (!Files.isExecutable(xvfb)) {
            System.out.println("SKIPPED the Weka Explorer test: Xvfb is not installed (.ci/run installs it as root)");
        }
        Assumptions.assumeTrue(Files.isExecutable(xvfb), "Xvfb is not installed (.ci/run installs it)");
        String display = ":" + (90 + (int) (ProcessHandle.current().pid() % 50) + screenshotName.length() % 7);
        Process server = new ProcessBuilder(xvfb.toString(), display, "-screen", "0", "1280x1024x24", "-nolisten", "tcp")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            Thread.sleep(1500); // let the X server come up
            Path screenshot = Path.of("target", screenshotName).toAbsolutePath();
            Files.deleteIfExists(screenshot);
            List<String> args = new java.util.ArrayList<>(List.of(ExplorerProbe.class.getName(), probe[0], screenshot.toString()));
            args.addAll(List.of(probe).subList(1, probe.length));
            Result run = weka("-Xmx512m", Map.of("DISPLAY", display), true, args.toArray(new String[0]));
            assertEquals(0, run.exitCode(), run.output());
            BufferedImage image = ImageIO.read(screenshot.toFile());
            assertEquals(1100, image.getWidth());
            return run.output();
        } finally {
            server.destroy();
        }
    }

    /** Weka's own example files, as a new user would cluster them: default options, {@code -N} the number of classes. */
    private static final List<String> WEKA_FILES = List.of("iris", "diabetes", "labor", "segment-challenge", "ionosphere",
            "vote", "glass", "weather.numeric", "breast-cancer", "credit-g", "contact-lenses", "weather.nominal");
    /** The files whose attributes are all numeric: there SimpleKMeans' SSE and ours measure the same thing. */
    private static final List<String> NUMERIC_FILES = List.of("iris", "diabetes", "segment-challenge", "ionosphere", "glass");
    private static final Pattern WRONG = Pattern.compile("Incorrectly clustered instances :\\s*[0-9.]+\\s*([0-9.]+)\\s*%");
    private static final Pattern SSE = Pattern.compile("Within cluster sum of squared errors: ([0-9.E-]+)");

    private static Path wekaFile(String name) throws IOException {
        Path file = home.resolve(name + ".arff");
        if (!Files.exists(file)) {
            try (InputStream in = WekaPackageIT.class.getResourceAsStream("/weka-data/" + name + ".arff")) {
                Files.copy(in, file);
            }
        }
        return file;
    }

    private static double number(Pattern pattern, String output) {
        Matcher m = pattern.matcher(output);
        assertTrue(m.find(), pattern + " in\n" + output);
        return Double.parseDouble(m.group(1));
    }

    /** SimpleKMeans through Weka's own evaluation, in this JVM: the error % and SSE of one seed (null: its default). */
    private static double[] simpleKMeans(Path file, int k, Integer seed) throws Exception {
        List<String> args = new ArrayList<>(List.of("-t", file.toString(), "-c", "last", "-N", "" + k));
        if (seed != null) {
            args.addAll(List.of("-S", "" + seed));
        }
        String out = weka.clusterers.ClusterEvaluation.evaluateClusterer(new weka.clusterers.SimpleKMeans(),
                args.toArray(new String[0]));
        return new double[] {number(WRONG, out), number(SSE, out)};
    }

    @Test
    void onWekasOwnFilesTheDefaultsClusterAtLeastAsWellAsSimpleKMeans() throws Exception {
        StringBuilder table = new StringBuilder(String.format(java.util.Locale.ROOT, "%-18s %3s %9s %9s %7s %11s %11s %11s%n",
                "file", "k", "SKM med%", "SKM def%", "ours%", "SKM SSE", "ours SSE", "SKM med SSE"));
        List<String> failures = new ArrayList<>();
        for (String name : WEKA_FILES) {
            Path file = wekaFile(name);
            weka.core.Instances data = weka.core.converters.ConverterUtils.DataSource.read(file.toString());
            int k = data.attribute(data.numAttributes() - 1).numValues();
            double[] errors = new double[10];
            double[] squares = new double[10];
            for (int seed = 1; seed <= 10; seed++) {
                double[] run = simpleKMeans(file, k, seed);
                errors[seed - 1] = run[0];
                squares[seed - 1] = run[1];
            }
            java.util.Arrays.sort(errors);
            java.util.Arrays.sort(squares);
            double median = (errors[4] + errors[5]) / 2;
            double medianSse = (squares[4] + squares[5]) / 2;
            double[] byDefault = simpleKMeans(file, k, null);
            Result ours = weka("-Xmx256m", Map.of(), false, "weka.Run", "weka.clusterers.MiniBatchKMeans", "-t", file.toString(),
                    "-c", "last", "-N", "" + k);
            assertEquals(0, ours.exitCode(), ours.output());
            double error = number(WRONG, ours.output());
            double sse = number(SSE, ours.output());
            table.append(String.format(java.util.Locale.ROOT, "%-18s %3d %9.1f %9.1f %7.1f %11.3f %11.3f %11.3f%n", name, k,
                    median, byDefault[0], error, byDefault[1], sse, medianSse));
            // SimpleKMeans' SSE counts a nominal mismatch as 1, as our k-prototypes' does: the same objective on every file
            if (sse > medianSse * (1 + 1e-4)) {
                failures.add(name + ": SSE " + sse + " above SimpleKMeans' median " + medianSse);
            }
            // the classes within 2 points of SimpleKMeans' median — or, where they disagree with its objective (14 rows of
            // weather.numeric: its lowest-SSE partition, which its seeds 3, 4 and 9 find, is 50 % off), a lower SSE
            if (error > median + 2 && sse >= medianSse) {
                failures.add(name + ": " + error + " % wrong, SimpleKMeans' median " + median + " %");
            }
            if (NUMERIC_FILES.contains(name) && sse > byDefault[1] * (1 + 1e-4)) {
                failures.add(name + ": SSE " + sse + " above SimpleKMeans' default run's " + byDefault[1]);
            }
        }
        System.out.print(table);
        assertTrue(failures.isEmpty(), failures + "\n" + table);
    }

    @Test
    void theFullDataColumnIsTheWholeDatasMeanAndCount() throws Exception {
        Path file = wekaFile("iris");
        Result run = weka("-Xmx256m", Map.of(), false, "weka.Run", "weka.clusterers.MiniBatchKMeans", "-t", file.toString(),
                "-c", "last", "-N", "3");
        assertEquals(0, run.exitCode(), run.output());
        assertTrue(run.output().contains("(150.0)"), run.output());
        weka.core.Instances data = weka.core.converters.ConverterUtils.DataSource.read(file.toString());
        for (int a = 0; a < 4; a++) {
            String name = data.attribute(a).name();
            Matcher row = Pattern.compile("\\n" + name + "\\s+([0-9.]+)").matcher(run.output());
            assertTrue(row.find(), name + " in\n" + run.output());
            assertEquals(data.meanOrMode(a), Double.parseDouble(row.group(1)), 1e-4, name);
        }
    }
}
