package io.github.minibatchkmeans.weka;

import weka.core.WekaPackageManager;
import weka.gui.GenericPropertiesCreator;

/** Run by {@link WekaPackageIT}: what the Explorer would offer as clusterers, after loading packages. */
public final class GenericPropertiesProbe {
    private GenericPropertiesProbe() {
    }

    public static void main(String[] args) throws Exception {
        WekaPackageManager.loadPackages(false);
        System.out.println("clusterers: " + GenericPropertiesCreator.getGlobalOutputProperties().getProperty("weka.clusterers.Clusterer"));
    }
}
