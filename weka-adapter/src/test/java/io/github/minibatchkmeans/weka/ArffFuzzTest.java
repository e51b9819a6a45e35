package io.github.minibatchkmeans.weka;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.minibatchkmeans.core.spi.BatchReader;
import io.github.minibatchkmeans.core.spi.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Mutated ARFF text fed to {@link ArffSource} (Weka's own parser underneath): each case ends in a
 * valid parse or a one-line {@link InvalidInputException} — no other exception, no hang.
 */
class ArffFuzzTest {
    private static final String ARFF = "@relation r\n@attribute x numeric\n@attribute y real\n@attribute c {a,b}\n@data\n"
            + "1,2,a\n3.5,-4,b\n?,6,a\n% comment\n7,8,b\n{0 1, 2 b}\n";

    /** Weka's first use loads its converters and plugins (seconds): done once, outside the per-case time limit. */
    @net.jqwik.api.lifecycle.BeforeContainer
    static void loadWeka() throws IOException {
        Path file = Files.createTempFile("warm", ".arff");
        Files.writeString(file, ARFF);
        long start = System.nanoTime();
        new ArffSource(file, true);
        System.out.println("Weka's first ARFF read took " + (System.nanoTime() - start) / 1_000_000 + " ms");
        Files.delete(file);
    }

    @Provide
    Arbitrary<String> arff() {
        Arbitrary<int[]> edit = Combinators.combine(Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, ARFF.length()),
                Arbitraries.integers().between(0, 21)).as((op, at, piece) -> new int[] {op, at, piece});
        List<String> table = List.of("@attribute", "@data", "@relation", "{", "}", ",", "'", "\"", "?", "\n", " ", "numeric",
                "string", "date", "relational", "1e309", "NaN", "-", "%", "\\", "\u00e9", "\0");
        Arbitrary<String> pieces = Arbitraries.of(table);
        return Arbitraries.oneOf(edit.list().ofMaxSize(5).map(edits -> {
            String text = ARFF;
            for (int[] e : edits) {
                int at = Math.min(e[1], text.length());
                text = switch (e[0]) {
                    case 0 -> text.substring(0, at) + table.get(e[2]) + text.substring(at);
                    case 1 -> at < text.length() ? text.substring(0, at) + text.substring(at + 1) : text;
                    default -> text.substring(0, at);
                };
            }
            return text;
        }), pieces.list().ofMaxSize(40).map(l -> String.join("", l)));
    }

    @Property(seed = "20261129")
    void arffParsesOrRefuses(@ForAll("arff") String text) throws IOException {
        Path file = Files.createTempFile("fuzz", ".arff");
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                try {
                    ArffSource source = new ArffSource(file, true);
                    double[] data = new double[50 * source.dimensions()];
                    double[] weights = new double[50];
                    try (BatchReader reader = source.open()) {
                        while (reader.read(data, weights, 50) > 0) {
                            continue;
                        }
                    }
                } catch (InvalidInputException e) {
                    assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
                    assertFalse(e.getMessage().contains("\n"), e.getMessage());
                }
            });
        } finally {
            Files.delete(file);
        }
    }
}
