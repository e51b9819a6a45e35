package io.github.minibatchkmeans.tribuo;

import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.config.PropertyException;
import io.github.minibatchkmeans.core.FrontDoor;
import io.github.minibatchkmeans.core.FrontDoorContract;
import io.github.minibatchkmeans.core.Metric;
import io.github.minibatchkmeans.core.Mode;
import io.github.minibatchkmeans.core.Parameter;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The trainer's {@code @Config} fields are the parameter table's knobs, docs and defaults (KMeansTrainer's where it records them). */
class ParameterTableTest {

    /** A trainer as OLCUT makes one: the no-argument constructor, fields set, then {@code postConfig}. */
    private static MiniBatchKMeansTrainer fresh() throws Exception {
        Constructor<MiniBatchKMeansTrainer> constructor = MiniBatchKMeansTrainer.class.getDeclaredConstructor();
        constructor.setAccessible(true);
        return constructor.newInstance();
    }

    private static Field field(String name) throws NoSuchFieldException {
        Field field = MiniBatchKMeansTrainer.class.getDeclaredField(name);
        field.setAccessible(true);
        return field;
    }

    /** {@code value} in the table's terms as the field holds it. */
    private static Object spelled(Parameter<?> parameter, Object value) {
        return switch (parameter.name()) {
            case "mode" -> MiniBatchKMeansTrainer.Mode.of((Mode) value);
            case "init" -> MiniBatchKMeansTrainer.Initialisation.named((String) value);
            case "metric" -> value == Metric.COSINE ? new org.tribuo.math.distance.CosineDistance()
                    : new org.tribuo.math.distance.L2Distance();
            default -> value;
        };
    }

    @Test
    void tribuoExposesEveryKnobAsTheTableSays() throws Exception {
        FrontDoorContract.check(FrontDoor.TRIBUO, new FrontDoorContract.Probe() {
            @Override
            public Set<String> names() {
                return Arrays.stream(MiniBatchKMeansTrainer.class.getDeclaredFields()).filter(f -> f.isAnnotationPresent(Config.class))
                        .map(Field::getName).collect(Collectors.toSet());
            }

            @Override
            public String doc(String name) {
                try {
                    return field(name).getAnnotation(Config.class).description();
                } catch (NoSuchFieldException e) {
                    throw new AssertionError(e);
                }
            }

            @Override
            public Object effectiveDefault(Parameter<?> parameter, Mode mode) throws Exception {
                String name = parameter.nameIn(FrontDoor.TRIBUO).orElseThrow();
                if (field(name).getAnnotation(Config.class).mandatory()) {
                    return null;
                }
                MiniBatchKMeansTrainer trainer = fresh();
                field("centroids").set(trainer, 3);
                field("iterations").set(trainer, 10);
                field("mode").set(trainer, MiniBatchKMeansTrainer.Mode.of(mode));
                trainer.postConfig();
                return FrontDoorContract.valueIn(trainer.config(0), parameter);
            }

            @Override
            public boolean accepts(Parameter<?> parameter, Object value) throws Exception {
                MiniBatchKMeansTrainer trainer = fresh();
                field("centroids").set(trainer, 3);
                field("iterations").set(trainer, 10);
                field(parameter.nameIn(FrontDoor.TRIBUO).orElseThrow()).set(trainer, spelled(parameter, value));
                try {
                    trainer.postConfig();
                    return true;
                } catch (PropertyException e) {
                    return false;
                }
            }
        });
    }
}
