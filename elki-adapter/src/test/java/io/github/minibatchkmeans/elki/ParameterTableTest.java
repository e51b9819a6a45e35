package io.github.minibatchkmeans.elki;

import elki.clustering.kmeans.KMeans;
import elki.clustering.kmeans.initialization.KMeansPlusPlus;
import elki.clustering.kmeans.initialization.RandomlyChosen;
import elki.data.NumberVector;
import elki.utilities.optionhandling.OptionID;
import elki.utilities.optionhandling.parameterization.ListParameterization;
import elki.utilities.optionhandling.parameterization.TrackParameters;
import elki.utilities.optionhandling.parameterization.TrackedParameter;
import elki.utilities.optionhandling.parameters.ObjectParameter;
import io.github.minibatchkmeans.core.FrontDoor;
import io.github.minibatchkmeans.core.FrontDoorContract;
import io.github.minibatchkmeans.core.Initializers;
import io.github.minibatchkmeans.core.Mode;
import io.github.minibatchkmeans.core.Parameter;
import io.github.minibatchkmeans.core.Parameters;
import java.util.List;
import java.util.Locale;
import elki.distance.CosineDistance;
import elki.distance.minkowski.SquaredEuclideanDistance;
import io.github.minibatchkmeans.core.Metric;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The ELKI parameters are the parameter table's knobs, docs and defaults (ELKI's own where it records them). */
class ParameterTableTest {
    /** ELKI's initializations by the table's names. */
    private static final Map<String, Class<?>> INITIALIZATIONS = Map.of("random", RandomlyChosen.class, "k-means++",
            KMeansPlusPlus.class, "k-means||", KMeansParallelInitialization.class);

    /** The algorithm's and the k-means|| initialization's parameters, as the MiniGUI lists them. */
    private static List<TrackedParameter> parameters() {
        ListParameterization settings = new ListParameterization().addParameter(KMeans.K_ID, 3)
                .addParameter(KMeans.INIT_ID, KMeansParallelInitialization.class);
        TrackParameters tracked = new TrackParameters(settings);
        new MiniBatchKMeans.Par<NumberVector>().configure(tracked);
        return List.copyOf(tracked.getAllParameters());
    }

    private static MiniBatchKMeans<NumberVector> made(Object... options) {
        ListParameterization settings = new ListParameterization();
        if (java.util.Arrays.stream(options).noneMatch(o -> o == KMeans.K_ID)) {
            settings.addParameter(KMeans.K_ID, 3);
        }
        for (int i = 0; i < options.length; i += 2) {
            settings.addParameter((OptionID) options[i], options[i + 1]);
        }
        MiniBatchKMeans.Par<NumberVector> par = new MiniBatchKMeans.Par<>();
        par.configure(settings);
        if (!settings.getErrors().isEmpty()) {
            return null;
        }
        return par.make();
    }

    private static OptionID id(Parameter<?> parameter) {
        String name = parameter.nameIn(FrontDoor.ELKI).orElseThrow();
        return parameters().stream().map(t -> t.getParameter().getOptionID()).filter(o -> o.getName().equals(name)).findFirst()
                .orElseThrow();
    }

    @Test
    void elkiExposesEveryKnobAsTheTableSays() throws Exception {
        FrontDoorContract.check(FrontDoor.ELKI, new FrontDoorContract.Probe() {
            @Override
            public Set<String> names() {
                return parameters().stream().map(t -> t.getParameter().getOptionID().getName()).collect(Collectors.toSet());
            }

            @Override
            public String doc(String name) {
                return parameters().stream().map(t -> t.getParameter().getOptionID()).filter(o -> o.getName().equals(name))
                        .findFirst().orElseThrow().getDescription();
            }

            @Override
            public Object effectiveDefault(Parameter<?> parameter, Mode mode) {
                if (parameter == Parameters.K) {
                    return null; // ELKI's kmeans.k has no default
                }
                if (parameter == Parameters.INIT) {
                    ObjectParameter<?> init = (ObjectParameter<?>) parameters().stream().map(TrackedParameter::getParameter)
                            .filter(p -> p.getOptionID() == KMeans.INIT_ID).findFirst().orElseThrow();
                    return INITIALIZATIONS.entrySet().stream().filter(e -> e.getValue() == init.getDefaultValue())
                            .map(Map.Entry::getKey).findFirst().orElse(null);
                }
                if (parameter == Parameters.INIT_ROUNDS || parameter == Parameters.INIT_OVERSAMPLING) {
                    return parameters().stream().map(TrackedParameter::getParameter)
                            .filter(p -> p.getOptionID().getName().equals(parameter.nameIn(FrontDoor.ELKI).orElseThrow()))
                            .findFirst().orElseThrow().getDefaultValue();
                }
                MiniBatchKMeans<NumberVector> algorithm = made(MiniBatchKMeans.Par.MODE_ID, mode.name().toLowerCase(Locale.ROOT));
                return FrontDoorContract.valueIn(algorithm.config(Initializers.kMeansPlusPlus()), parameter);
            }

            @Override
            public boolean accepts(Parameter<?> parameter, Object value) {
                Object spelled = parameter == Parameters.MODE ? ((Mode) value).name().toLowerCase(Locale.ROOT)
                        : parameter == Parameters.INIT ? INITIALIZATIONS.get(value)
                        : parameter == Parameters.METRIC ? (value == Metric.COSINE ? CosineDistance.class
                        : SquaredEuclideanDistance.class) : value;
                if (parameter == Parameters.INIT_ROUNDS || parameter == Parameters.INIT_OVERSAMPLING) {
                    return made(KMeans.INIT_ID, KMeansParallelInitialization.class, id(parameter), spelled) != null;
                }
                return made(id(parameter), spelled) != null;
            }
        });
    }
}
