package io.github.minibatchkmeans.benchmarks;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/**
 * Everything built on the core — the io module, the Weka, Tribuo, ELKI and Spark adapters, the tool and
 * the example programs and the benchmarks, tests included — uses only its API and SPI, never its internals.
 */
class ModuleBoundariesTest {
    private static final JavaClasses USERS_OF_CORE =
            new ClassFileImporter().importPackages("io.github.minibatchkmeans", "weka.clusterers");

    @Test
    void onlyTheCoresApiAndSpiAreUsed() {
        noClasses().that().resideOutsideOfPackage("io.github.minibatchkmeans.core..")
                .should().dependOnClassesThat().resideInAPackage("io.github.minibatchkmeans.core.internal..")
                .check(USERS_OF_CORE);
    }

    @Test
    void everyModuleIsLookedAt() {
        for (String module : new String[] {"io.github.minibatchkmeans.io.CsvSource", "weka.clusterers.MiniBatchKMeans",
                "io.github.minibatchkmeans.tribuo.MiniBatchKMeansTrainer", "io.github.minibatchkmeans.elki.MiniBatchKMeans",
                "io.github.minibatchkmeans.spark.MiniBatchKMeans",
                "io.github.minibatchkmeans.cli.Main", "io.github.minibatchkmeans.examples.CoreExample",
                "io.github.minibatchkmeans.benchmarks.PeerBench", "io.github.minibatchkmeans.benchmarks.ModuleBoundariesTest"}) {
            USERS_OF_CORE.get(module); // throws if the class was not imported
        }
    }
}
