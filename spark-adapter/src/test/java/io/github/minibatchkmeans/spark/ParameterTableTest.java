package io.github.minibatchkmeans.spark;

import io.github.minibatchkmeans.core.FrontDoor;
import io.github.minibatchkmeans.core.FrontDoorContract;
import io.github.minibatchkmeans.core.Mode;
import io.github.minibatchkmeans.core.Parameter;
import io.github.minibatchkmeans.core.Parameters;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamPair;
import org.junit.jupiter.api.Test;

/** The estimator's params are the parameter table's knobs, docs and defaults (Spark's KMeans's where it records them). */
class ParameterTableTest {

    @Test
    void sparkExposesEveryKnobAsTheTableSays() throws Exception {
        FrontDoorContract.check(FrontDoor.SPARK, new FrontDoorContract.Probe() {
            private final MiniBatchKMeans estimator = new MiniBatchKMeans();

            @Override
            public Set<String> names() {
                return Arrays.stream(estimator.params()).map(Param::name).collect(Collectors.toSet());
            }

            @Override
            public String doc(String name) {
                return estimator.getParam(name).doc();
            }

            @Override
            public Object effectiveDefault(Parameter<?> parameter, Mode mode) {
                MiniBatchKMeans fresh = new MiniBatchKMeans().setMode(mode.name().toLowerCase(Locale.ROOT));
                if (parameter == Parameters.INIT_ROUNDS) {
                    return fresh.getInitSteps();
                }
                if (parameter == Parameters.INIT) {
                    return fresh.getInitMode();
                }
                return FrontDoorContract.valueIn(fresh.config(null, 1000), parameter);
            }

            @Override
            public boolean accepts(Parameter<?> parameter, Object value) {
                Param<Object> param = estimator.getParam(parameter.nameIn(FrontDoor.SPARK).orElseThrow());
                Object spelled = value instanceof Enum<?> e ? e.name().toLowerCase(Locale.ROOT) : value;
                try {
                    new ParamPair<>(param, spelled); // validates, as setting the param does
                    return true;
                } catch (IllegalArgumentException e) {
                    return false;
                }
            }
        });
    }
}
