package io.github.minibatchkmeans.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.minibatchkmeans.core.ProgressEvent;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a new user meets first: mistakes named plainly, usage when lost, progress and pictures that read right. */
class FrontDoorTest {
    @TempDir
    Path dir;

    private Path blobs() {
        Path file = dir.resolve("blobs.csv");
        assertEquals(0, CliRun.of("generate", "--rows", "600", "--dims", "2", "--clusters", "3", "--out", file.toString()).exitCode());
        return file;
    }

    @Test
    void anUnknownOptionIsNamedWithTheNearestOnesEvenWhenARequiredOneIsMissing() {
        CliRun run = CliRun.of("fit", "--inptu", "data.csv", "--k", "3");
        assertEquals(2, run.exitCode());
        assertEquals("minibatch-kmeans: Unknown option: '--inptu' (did you mean --input or --init?); see minibatch-kmeans fit --help",
                run.err().strip());
        CliRun alone = CliRun.of("fit", "--input", "data.csv", "--k", "3", "--tolerance", "0.1");
        assertTrue(alone.err().startsWith("minibatch-kmeans: Unknown option: '--tolerance' (did you mean --tol?)"), alone.err());
    }

    @Test
    void noArgumentsPrintsTheUsage() {
        CliRun run = CliRun.of();
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("Usage: minibatch-kmeans"), run.err());
        for (String command : List.of("fit", "predict", "generate", "demo", "bench")) {
            assertTrue(run.err().contains(command), command + " in\n" + run.err());
        }
        assertTrue(run.err().strip().endsWith("minibatch-kmeans: a command is needed: demo, fit, predict, generate or bench"),
                run.err());
    }

    @Test
    void aMisspelledInitializerListsTheValidOnes() {
        CliRun run = CliRun.of("fit", "--input", blobs().toString(), "--k", "3", "--init", "kmeans++");
        assertEquals(2, run.exitCode());
        assertEquals("minibatch-kmeans: --init: expected random, k-means++, k-means|| or a CSV file of centers, got 'kmeans++'",
                run.err().strip());
    }

    @Test
    void thePlotIsAPngOrAJpegOrRefusedBeforeAnyWork() throws Exception {
        Path data = blobs();
        Path jpeg = dir.resolve("fit.jpg");
        CliRun run = CliRun.of("fit", "--input", data.toString(), "--k", "3", "--quiet", "--plot", jpeg.toString());
        assertEquals(0, run.exitCode(), run.err());
        byte[] bytes = Files.readAllBytes(jpeg);
        assertEquals((byte) 0xFF, bytes[0]);
        assertEquals((byte) 0xD8, bytes[1], "a JPEG starts with FF D8");
        assertEquals(FitPlot.WIDTH, ImageIO.read(jpeg.toFile()).getWidth());
        Path gif = dir.resolve("fit.gif");
        CliRun refused = CliRun.of("fit", "--input", data.toString(), "--k", "3", "--quiet", "--plot", gif.toString());
        assertEquals(2, refused.exitCode());
        assertEquals("minibatch-kmeans: --plot: " + gif + ": use a .png, .jpg or .jpeg file name", refused.err().strip());
        assertFalse(Files.exists(gif));
    }

    @Test
    void axisTicksReadAsNumbers() {
        assertEquals("0.08", new DecimalFormat(FitPlot.decimalPattern(new double[] {0.08, 0.5})).format(0.08));
        assertEquals("1.269E8", new DecimalFormat(FitPlot.decimalPattern(new double[] {1.26914e8})).format(1.26914e8));
        assertEquals("12.5", new DecimalFormat(FitPlot.decimalPattern(new double[] {3, 12.5})).format(12.5));
    }

    @Test
    void theProgressBarShowsPercentAndSpeedWhenTheRowCountIsKnownAndEndsItsLine() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressBars bars = new ProgressBars(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        bars.onProgress(new ProgressEvent(ProgressEvent.Stage.SUMMARY, 1, 500, 1000, Double.NaN, false));
        bars.onProgress(new ProgressEvent(ProgressEvent.Stage.SUMMARY, 1, 1000, 1000, Double.NaN, true));
        bars.onProgress(new ProgressEvent(ProgressEvent.Stage.ITERATION, 1, 400, 1000, Double.NaN, false));
        bars.close(); // cut short, as by an error
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("100%"), text);
        assertTrue(text.contains("rows/s"), text);
        assertTrue(text.contains("40%"), text);
        assertTrue(text.endsWith("\n") || text.endsWith(System.lineSeparator()), "the last bar ends its line: " + text);
    }

    @Test
    void demoWithoutAHeapLimitStillRunsOutOfCore() throws Exception {
        Path plot = dir.resolve("demo.png");
        Process process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "demo", "--json", "--quiet",
                "--plot", plot.toString())).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out;
        try (InputStream in = process.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(process.waitFor(5, TimeUnit.MINUTES));
        assertEquals(0, process.exitValue(), out);
        JsonNode json = new ObjectMapper().readTree(out);
        assertTrue(json.get("maxHeapBytes").asLong() <= 80L << 20, "demo capped its own heap: " + out);
        assertTrue(json.get("dataBytes").asLong() > json.get("maxHeapBytes").asLong(), out);
        assertNotNull(ImageIO.read(plot.toFile()));
    }
}
