package io.github.minibatchkmeans.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.minibatchkmeans.cli.Main;
import io.github.minibatchkmeans.cli.PeerRaces;
import java.io.PrintWriter;
import java.io.StringWriter;
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
    void benchAgainstThePeersRunsEachFromOurStartAndComparesPartitions() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(0, run(out, err, "bench", "--rows", "3000", "--dims", "4", "--k", "5", "--cluster-std", "2", "--repeat", "1",
                "--peers", "--json"), err.toString());
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertEquals(3000, json.get("rows").asInt());
        JsonNode runs = json.get("runs");
        assertEquals(2 + 5, runs.size(), "ours twice, then ELKI's three, Tribuo and Weka");
        int iterations = runs.get(0).get("iterations").asInt();
        for (int i = 0; i < 5; i++) { // ours plain and pruned, ELKI Lloyd, Hamerly, Elkan: the same start, the same result
            JsonNode run = runs.get(i);
            assertEquals("same", run.get("start").asText(), run.toString());
            assertEquals(iterations, run.get("iterations").asInt(), run.toString());
            assertEquals(0, run.get("rowsUnmatched").asLong(), run.toString());
            assertEquals(1.0, run.get("adjustedRandIndex").asDouble(), 0.0, run.toString());
        }
        for (int i = 5; i < 7; i++) { // Tribuo and Weka from their own start: a partition near ours
            JsonNode run = runs.get(i);
            assertEquals("own k-means++", run.get("start").asText());
            assertTrue(run.get("adjustedRandIndex").asDouble() > 0.5, run.toString());
            assertTrue(run.get("secondsPerIteration").asDouble() > 0, run.toString());
        }
        assertEquals(1.0, runs.get(1).get("timesOurs").asDouble(), 1e-12, "the ratio's reference is ours, pruned");
    }
}
