package io.github.minibatchkmeans.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The core's shape: API and SPI on top, internals hidden, no package cycles, nothing but the JDK below. */
class ArchitectureTest {
    private static final String CORE = "io.github.minibatchkmeans.core";
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(CORE);

    private static final DescribedPredicate<JavaClass> INTERNAL =
            JavaClass.Predicates.resideInAPackage(CORE + ".internal..");

    @Test
    void noCyclesBetweenCorePackages() {
        slices().matching("io.github.minibatchkmeans.(**)").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void theCoreDependsOnTheJdkOnly() { // the Vector API is a JDK module too
        classes().should().onlyDependOnClassesThat().resideInAnyPackage(CORE + "..", "java..", "jdk.incubator.vector..")
                .check(MAIN);
    }

    @Test
    void theSpiStandsOnItsOwn() {
        noClasses().that().resideInAPackage(CORE + ".spi").should().dependOnClassesThat()
                .resideOutsideOfPackages(CORE + ".spi", "java..").check(MAIN);
    }

    @Test
    void internalsNeverReachBackIntoTheApi() {
        noClasses().that().resideInAPackage(CORE + ".internal..").should().dependOnClassesThat()
                .resideInAPackage(CORE).check(MAIN);
    }

    @Test
    void publicApiAndSpiSignaturesExposeNoInternalType() {
        methods().that().arePublic().and().areDeclaredInClassesThat().resideInAnyPackage(CORE, CORE + ".spi")
                .and().areDeclaredInClassesThat().arePublic()
                .should().haveRawReturnType(DescribedPredicate.not(INTERNAL))
                .andShould().haveRawParameterTypes(DescribedPredicate.not(DescribedPredicate.anyElementThat(INTERNAL)))
                .check(MAIN);
    }

    @Test
    void kMeansModelExposesNoKernel() {
        fields().that().areDeclaredIn(KMeansModel.class).should().notBePublic().andShould().notBeProtected().check(MAIN);
        methods().that().areDeclaredIn(KMeansModel.class).and().arePublic()
                .should().haveRawReturnType(DescribedPredicate.not(INTERNAL))
                .andShould().haveRawParameterTypes(DescribedPredicate.not(DescribedPredicate.anyElementThat(INTERNAL)))
                .check(MAIN);
    }
}
