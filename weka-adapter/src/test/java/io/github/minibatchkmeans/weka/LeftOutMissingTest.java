package io.github.minibatchkmeans.weka;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.minibatchkmeans.core.KMeansConfig;
import io.github.minibatchkmeans.core.MissingValues;
import io.github.minibatchkmeans.core.spi.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import weka.core.Instances;

/**
 * An ARFF file's missing values as the fit's policy has them: replaced (Weka's way, the default) or,
 * under {@link MissingValues#IGNORE}, left out as NaN — a nominal attribute's in all of its columns —
 * for the core to measure the row over the values it has.
 */
class LeftOutMissingTest {
    @TempDir
    Path dir;

    @Test
    void ignoringLeavesANumericValueAndANominalAttributesColumnsNaN() throws Exception {
        Path file = dir.resolve("gaps.arff");
        Files.writeString(file, "@relation gaps\n@attribute x numeric\n@attribute colour {red,green,blue}\n@data\n"
                + "1,red\n?,green\n3,?\n5,red\n");
        Instances data = new Instances(Files.newBufferedReader(file));
        AttributeEncoding weka = AttributeEncoding.fit(data, data, false);
        KMeansConfig ignoring = KMeansConfig.builder(2).missing(MissingValues.IGNORE).build();
        AttributeEncoding left = weka.forNominal(ignoring);
        double one = ignoring.nominalValue();
        double nan = Double.NaN;
        double[][] expected = {{1, one, 0, 0}, {nan, 0, one, 0}, {3, nan, nan, nan}, {5, one, 0, 0}};
        for (int i = 0; i < expected.length; i++) {
            double[] row = new double[4];
            left.encode(data.instance(i), row, 0);
            assertArrayEquals(expected[i], row, 0.0, "instance " + i);
        }
        double[] replaced = new double[4];
        weka.forNominal(KMeansConfig.builder(2).build()).encode(data.instance(2), replaced, 0);
        assertArrayEquals(new double[] {3, one, 0, 0}, replaced, 0.0, "imputed: the mode, red");
        weka.forNominal(KMeansConfig.builder(2).build()).encode(data.instance(1), replaced, 0);
        assertEquals(3, replaced[0], 0.0, "imputed: x's mean");
    }

    @Test
    void sparseRowsCannotLeaveAValueOut() throws Exception {
        Path file = dir.resolve("sparse.arff");
        Files.writeString(file, "@relation s\n@attribute a numeric\n@attribute b numeric\n@attribute c numeric\n@data\n"
                + "{0 1}\n{1 ?}\n{2 3}\n{0 4, 2 5}\n");
        ArffSource source = new ArffSource(file, false);
        assertTrue(source.sparse());
        InvalidInputException refused = assertThrows(InvalidInputException.class,
                () -> source.nominalAs(KMeansConfig.builder(2).missing(MissingValues.IGNORE).build()));
        assertEquals(file + ": 1 missing values in sparse rows, which cannot leave one out (a value a sparse row does not "
                + "store is 0): use missing = impute", refused.getMessage());
        new ArffSource(file, false).nominalAs(KMeansConfig.builder(2).build()); // impute: as before
    }
}
