package io.github.minibatchkmeans.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.github.minibatchkmeans.core.internal.stats.RowRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The core's shape: API and SPI on top, the engine in its own package beneath them, internals
 * hidden, no package cycles and no class cycles through the API or the engine, nothing but the
 * JDK below.
 */
class ArchitectureTest {
    private static final String CORE = "io.github.minibatchkmeans.core";
    private static final String ENGINE = CORE + ".internal.engine";
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

    @Test
    void theApiPackageHoldsNoEngineOnlyTheBridgeToIt() {
        List<String> hidden = MAIN.stream().filter(c -> c.getPackageName().equals(CORE) && c.isTopLevelClass()
                && !c.getModifiers().contains(JavaModifier.PUBLIC)).map(JavaClass::getSimpleName).toList();
        assertEquals(List.of("EngineBridge"), hidden, "the API package holds the facade, config, model and events; the engine "
                + "lives in " + ENGINE + ", reached through one bridge");
    }

    @Test
    void onlyRowsAndKernelsTouchHowRowsAreHeld() {
        noClasses().that().resideOutsideOfPackages(CORE + ".internal.rows", CORE + ".internal.kernel")
                .should().accessField(io.github.minibatchkmeans.core.internal.rows.DenseRows.class, "data")
                .orShould().accessField(io.github.minibatchkmeans.core.internal.rows.FloatRows.class, "data")
                .orShould().accessField(io.github.minibatchkmeans.core.internal.rows.SparseRows.class, "indices")
                .orShould().accessField(io.github.minibatchkmeans.core.internal.rows.SparseRows.class, "values")
                .orShould().accessField(io.github.minibatchkmeans.core.internal.rows.SparseRows.class, "ends")
                .because("engine loops reach row values through Rows and the kernel, so a new representation touches no loop")
                .check(MAIN);
    }

    @Test
    void builtInInitializersUseOnlyThePublicSpi() {
        classes().that().resideInAPackage(CORE + ".internal.init").should().onlyDependOnClassesThat()
                .resideInAnyPackage(CORE + ".spi", CORE + ".internal.init", "java..")
                .orShould().dependOnClassesThat().belongToAnyOf(RowRandom.class) // a pure function of (seed, row), no context
                .check(MAIN);
    }

    @Test
    void kMeansConfigIsBuiltOnlyThroughItsBuilder() {
        assertEquals(List.of(), MAIN.get(KMeansConfig.class).getConstructors().stream()
                .filter(c -> !c.getModifiers().contains(JavaModifier.PRIVATE)).map(Object::toString).toList());
    }

    /**
     * No cycle of classes runs through the API package or the engine (nested classes counted as
     * their top-level class): a cycle there means two pieces that cannot be understood, tested or
     * replaced one without the other — the facade constructed by the engine, say.
     */
    @Test
    void noClassCyclesThroughTheApiOrTheEngine() {
        Map<String, Set<String>> graph = new TreeMap<>();
        for (JavaClass type : MAIN) {
            String from = topLevel(type);
            Set<String> to = graph.computeIfAbsent(from, x -> new TreeSet<>());
            for (Dependency d : type.getDirectDependenciesFromSelf()) {
                String target = topLevel(d.getTargetClass());
                if (target.startsWith(CORE + ".") && !target.equals(from)) {
                    to.add(target);
                }
            }
        }
        List<List<String>> cycles = new ArrayList<>();
        for (List<String> component : stronglyConnected(graph)) {
            boolean watched = component.stream().anyMatch(c -> packageOf(c).equals(CORE) || packageOf(c).equals(ENGINE));
            if (component.size() > 1 && watched) {
                cycles.add(component);
            }
        }
        assertEquals(List.of(), cycles, "classes that depend on each other, through the API or the engine");
    }

    private static String topLevel(JavaClass type) {
        JavaClass outer = type;
        while (outer.getEnclosingClass().isPresent()) {
            outer = outer.getEnclosingClass().get();
        }
        while (outer.isArray()) {
            outer = outer.getComponentType();
        }
        return outer.getName();
    }

    private static String packageOf(String className) {
        return className.substring(0, className.lastIndexOf('.'));
    }

    /** Tarjan's strongly connected components, iteratively. */
    private static List<List<String>> stronglyConnected(Map<String, Set<String>> graph) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new java.util.HashSet<>();
        List<List<String>> components = new ArrayList<>();
        int[] counter = {0};
        for (String root : graph.keySet()) {
            if (index.containsKey(root)) {
                continue;
            }
            Deque<Object[]> work = new ArrayDeque<>(); // {node, iterator over its successors}
            work.push(new Object[] {root, graph.getOrDefault(root, Set.of()).iterator()});
            index.put(root, counter[0]);
            low.put(root, counter[0]++);
            stack.push(root);
            onStack.add(root);
            while (!work.isEmpty()) {
                Object[] frame = work.peek();
                String node = (String) frame[0];
                @SuppressWarnings("unchecked")
                java.util.Iterator<String> next = (java.util.Iterator<String>) frame[1];
                if (next.hasNext()) {
                    String successor = next.next();
                    if (!index.containsKey(successor)) {
                        index.put(successor, counter[0]);
                        low.put(successor, counter[0]++);
                        stack.push(successor);
                        onStack.add(successor);
                        work.push(new Object[] {successor, graph.getOrDefault(successor, Set.of()).iterator()});
                    } else if (onStack.contains(successor)) {
                        low.put(node, Math.min(low.get(node), index.get(successor)));
                    }
                    continue;
                }
                work.pop();
                if (!work.isEmpty()) {
                    String parent = (String) work.peek()[0];
                    low.put(parent, Math.min(low.get(parent), low.get(node)));
                }
                if (low.get(node).equals(index.get(node))) {
                    List<String> component = new ArrayList<>();
                    String member;
                    do {
                        member = stack.pop();
                        onStack.remove(member);
                        component.add(member);
                    } while (!member.equals(node));
                    components.add(component);
                }
            }
        }
        return components;
    }
}
