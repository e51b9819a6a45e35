package io.github.minibatchkmeans.tribuo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training streams a CSVDataSource from disk: a file far larger than the heap trains fine. */
class StreamingTest {
    private static final String HEAP = "-Xmx40m";
    private static final long HEAP_BYTES = 40L << 20;

    @TempDir
    Path dir;

    @Test
    void trainsFromACsvDataSourceLargerThanTheHeap() throws Exception {
        Path train = dir.resolve("train.csv");
        Path heldOut = dir.resolve("test.csv");
        StreamingProbe.writeCsv(train, 1_300_000, 1);
        StreamingProbe.writeCsv(heldOut, 2_000, 2);
        assertTrue(Files.size(train) > 2 * HEAP_BYTES, "the training file is " + Files.size(train) + " bytes");

        Process process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                HEAP, "-cp", System.getProperty("java.class.path"), StreamingProbe.class.getName(), train.toString(),
                heldOut.toString())).redirectErrorStream(true).start();
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(process.waitFor(5, TimeUnit.MINUTES));
        assertEquals(0, process.exitValue(), output);
        String line = output.lines().filter(l -> l.startsWith("NMI ")).findFirst().orElseThrow(() -> new AssertionError(output));
        double nmi = Double.parseDouble(line.split(" ")[1]);
        assertTrue(nmi > 0.95, line);
        assertTrue(line.contains("source org.tribuo.data.csv.CSVDataSource"), line);
    }
}
