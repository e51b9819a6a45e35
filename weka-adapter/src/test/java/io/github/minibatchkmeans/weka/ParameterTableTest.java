package io.github.minibatchkmeans.weka;

import io.github.minibatchkmeans.core.FrontDoor;
import io.github.minibatchkmeans.core.FrontDoorContract;
import io.github.minibatchkmeans.core.KMeansConfig;
import io.github.minibatchkmeans.core.Mode;
import io.github.minibatchkmeans.core.Parameter;
import io.github.minibatchkmeans.core.Parameters;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import weka.clusterers.MiniBatchKMeans;
import weka.clusterers.SimpleKMeans;
import weka.core.Option;

/** Weka's options, defaults and tip texts are the parameter table's (with SimpleKMeans' conventions where it records them). */
class ParameterTableTest {

    /** The configuration the clusterer would fit with in {@code mode} (package-private there; this test is not in weka.clusterers, where Weka's discovery would find it). */
    private static KMeansConfig config(MiniBatchKMeans clusterer, Mode mode) throws Exception {
        java.lang.reflect.Method config = MiniBatchKMeans.class.getDeclaredMethod("config", Mode.class);
        config.setAccessible(true);
        return (KMeansConfig) config.invoke(clusterer, mode);
    }

    @Test
    void wekaExposesEveryKnobAsTheTableSays() throws Exception {
        FrontDoorContract.check(FrontDoor.WEKA, new FrontDoorContract.Probe() {
            private final List<Option> options = Collections.list(new MiniBatchKMeans().listOptions());

            @Override
            public Set<String> names() {
                return options.stream().map(o -> "-" + o.name()).collect(Collectors.toSet());
            }

            @Override
            public String doc(String name) {
                return options.stream().filter(o -> ("-" + o.name()).equals(name)).findFirst().orElseThrow().description();
            }

            @Override
            public Object effectiveDefault(Parameter<?> parameter, Mode mode) throws Exception {
                MiniBatchKMeans clusterer = new MiniBatchKMeans();
                clusterer.setStochastic(mode == Mode.STOCHASTIC);
                return FrontDoorContract.valueIn(config(clusterer, mode), parameter);
            }

            @Override
            public boolean accepts(Parameter<?> parameter, Object value) {
                String[] options = switch (parameter.name()) {
                    case "mode" -> value == Mode.EXACT ? new String[0] : value == Mode.STOCHASTIC ? new String[] {"-stochastic"}
                            : null;
                    case "init" -> new String[] {"-init", "" + List.of("random", "k-means++", "", "", "k-means||").indexOf(value)};
                    default -> new String[] {parameter.nameIn(FrontDoor.WEKA).orElseThrow(), String.valueOf(value)};
                };
                if (options == null) {
                    return false; // no way to say it in Weka
                }
                try {
                    new MiniBatchKMeans().setOptions(options);
                    return true;
                } catch (Exception e) {
                    return false;
                }
            }
        });
    }

    @Test
    void initNumbersDoNotClashWithSimpleKMeans() throws Exception {
        SimpleKMeans simple = new SimpleKMeans();
        for (weka.core.Tag ours : MiniBatchKMeans.TAGS_INITIALIZATION) {
            for (weka.core.Tag theirs : SimpleKMeans.TAGS_SELECTION) {
                if (ours.getID() == theirs.getID()) {
                    org.junit.jupiter.api.Assertions.assertEquals(theirs.getReadable().toLowerCase(), ours.getReadable().toLowerCase(),
                            "-init " + ours.getID() + " means the same in both");
                }
            }
        }
        String refusal = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
                () -> new MiniBatchKMeans().setOptions(new String[] {"-init", "2"})).getMessage();
        org.junit.jupiter.api.Assertions.assertTrue(refusal.contains("Canopy") && refusal.contains("4 (k-means||"), refusal);
        org.junit.jupiter.api.Assertions.assertNotNull(simple);
    }

    @Test
    void toleranceFollowsTheModeUnlessSet() throws Exception {
        MiniBatchKMeans clusterer = new MiniBatchKMeans();
        org.junit.jupiter.api.Assertions.assertEquals(1e-4, clusterer.getTolerance());
        clusterer.setStochastic(true);
        org.junit.jupiter.api.Assertions.assertEquals(0.0, clusterer.getTolerance(), "scikit-learn's stochastic default, as the core's");
        clusterer.setTolerance(0.5);
        org.junit.jupiter.api.Assertions.assertEquals(0.5, config(clusterer, Mode.STOCHASTIC).tolerance());
        org.junit.jupiter.api.Assertions.assertEquals(Parameters.TOLERANCE.doc() + " Default: " + Parameters.TOLERANCE.defaultText()
                + ".", clusterer.toleranceTipText());
    }
}
