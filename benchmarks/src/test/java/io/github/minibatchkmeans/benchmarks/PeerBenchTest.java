package io.github.minibatchkmeans.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.minibatchkmeans.cli.Main;
import io.github.minibatchkmeans.cli.PeerRaces;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The benchmarks jar's {@code bench --peers}: the service is found, and bad peers are named. */
class PeerBenchTest {
    private static int run(StringWriter out, StringWriter err, String... args) {
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void theRacesAreFoundAsAService() {
        assertTrue(PeerRaces.load().orElseThrow() instanceof PeerRaceService);
    }

    @Test
    void anUnknownPeerIsNamed() {
        StringWriter err = new StringWriter();
        assertEquals(2, run(new StringWriter(), err, "bench", "--rows", "100", "--dims", "2", "--k", "2", "--peers", "elki-lloyd,scipy"));
        assertEquals("minibatch-kmeans: --peers: unknown peer 'scipy' (use any of " + PeerRaces.ALL + ")", err.toString().strip());
    }

    @Test
    void benchAgainstThePeersRacesEveryFrontDoorAgainstItsToolkit() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(0, run(out, err, "bench", "--rows", "3000", "--dims", "4", "--k", "5", "--cluster-std", "2", "--repeat", "1",
                "--peers", "--json"), err.toString());
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertEquals(3000, json.get("rows").asInt());
        JsonNode runs = json.get("runs");
        List<String> names = new ArrayList<>();
        runs.forEach(r -> names.add(r.get("name").asText()));
        assertEquals(List.of("core fit(double[][]), pruning off", "core fit(double[][])", "ELKI: our MiniBatchKMeans",
                "ELKI LloydKMeans", "ELKI HamerlyKMeans", "ELKI ElkanKMeans", "Tribuo: our MiniBatchKMeansTrainer",
                "Tribuo KMeansTrainer", "Weka: our MiniBatchKMeans", "Weka SimpleKMeans"), names);
        int iterations = runs.get(0).get("iterations").asInt();
        for (int i = 0; i < 6; i++) { // the core, ours in ELKI and ELKI's three: the same start, the same result
            JsonNode run = runs.get(i);
            assertEquals("same", run.get("start").asText(), run.toString());
            assertEquals(iterations, run.get("iterations").asInt(), run.toString());
            assertEquals(0, run.get("rowsUnmatched").asLong(), run.toString());
            assertEquals(1.0, run.get("adjustedRandIndex").asDouble(), 0.0, run.toString());
        }
        for (int i = 6; i < 10; i++) { // Tribuo's and Weka's, ours and theirs, from their own start: a partition near the core's
            JsonNode run = runs.get(i);
            assertEquals("own k-means++", run.get("start").asText());
            assertTrue(run.get("adjustedRandIndex").asDouble() > 0.5, run.toString());
            assertTrue(run.get("secondsPerIteration").asDouble() > 0, run.toString());
        }
        assertEquals(1.0, runs.get(1).get("timesOurs").asDouble(), 1e-12, "the ratio's reference is the core, pruned");
        List<String> doors = new ArrayList<>();
        json.get("frontDoors").forEach(d -> doors.add(d.get("frontDoor").asText() + " vs " + d.get("peer").asText()));
        assertEquals(List.of("core vs ELKI HamerlyKMeans", "elki vs ELKI HamerlyKMeans", "tribuo vs Tribuo KMeansTrainer",
                "weka vs Weka SimpleKMeans"), doors);
    }

    /** With a file, the tool's fit of it is raced against the core in memory, from the same start: the same partition. */
    @Test
    void benchOfAFileRacesTheToolsFitAgainstTheCoreInMemory(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path data = dir.resolve("blobs.npy");
        assertEquals(0, run(new StringWriter(), new StringWriter(), "generate", "--rows", "2000", "--dims", "3", "--clusters", "4",
                "--out", data.toString()));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(0, run(out, err, "bench", "--input", data.toString(), "--k", "4", "--repeat", "1", "--peers", "elki-hamerly",
                "--json"), err.toString());
        JsonNode json = new ObjectMapper().readTree(out.toString());
        JsonNode tool = json.get("runs").get(2);
        assertEquals("tool: fit of the file", tool.get("name").asText());
        assertEquals(0, tool.get("rowsUnmatched").asLong(), tool.toString());
        assertEquals("tool", json.get("frontDoors").get(1).get("frontDoor").asText());
        assertEquals("core fit(double[][])", json.get("frontDoors").get(1).get("peer").asText());
    }
}
