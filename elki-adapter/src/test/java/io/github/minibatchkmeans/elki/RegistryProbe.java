package io.github.minibatchkmeans.elki;

import elki.clustering.ClusteringAlgorithm;
import elki.clustering.kmeans.initialization.KMeansInitialization;
import elki.utilities.ELKIServiceRegistry;

/** Run in a forked JVM by {@link PackagedJarIT}: resolves aliases the way the CLI and MiniGUI do. */
public final class RegistryProbe {
    private RegistryProbe() {
    }

    public static void main(String[] args) {
        Class<?> algorithm = ELKIServiceRegistry.findImplementation(ClusteringAlgorithm.class, args[0]);
        Class<?> initialization = ELKIServiceRegistry.findImplementation(KMeansInitialization.class, args[1]);
        System.out.println(args[0] + " -> " + algorithm.getName());
        System.out.println(args[1] + " -> " + initialization.getName());
        String where = algorithm.getProtectionDomain().getCodeSource().getLocation().toString();
        System.out.println(where.endsWith(".jar") ? "from jar " + where : "from directory " + where);
    }
}
