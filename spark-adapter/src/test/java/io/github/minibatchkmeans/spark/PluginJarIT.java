package io.github.minibatchkmeans.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/** After {@code package}: the jar a cluster job ships holds the adapter and the core, nothing Spark already has. */
class PluginJarIT {
    @Test
    void thePluginJarHoldsOurClassesOnly() throws IOException {
        Path plugin = Path.of("target", "minibatch-kmeans-spark-" + System.getProperty("project.version", "0.2.0") + "-plugin.jar");
        List<String> classes;
        try (JarFile contents = new JarFile(plugin.toFile())) {
            classes = contents.stream().map(e -> e.getName()).filter(name -> name.endsWith(".class")).toList();
        }
        assertTrue(classes.contains("io/github/minibatchkmeans/spark/MiniBatchKMeans.class"), "the adapter is inside");
        assertTrue(classes.contains("io/github/minibatchkmeans/core/internal/engine/GatheredStatistics.class"), "core is inside");
        assertEquals(List.of(), classes.stream().filter(name -> !name.startsWith("io/github/minibatchkmeans/")).toList(),
                "third-party classes in the plug-in jar (Spark provides its own)");
    }
}
