package io.github.minibatchkmeans.examples;

import weka.clusterers.ClusterEvaluation;
import weka.clusterers.MiniBatchKMeans;
import weka.core.Instances;
import weka.core.converters.ConverterUtils.DataSource;
import weka.filters.Filter;
import weka.filters.unsupervised.attribute.Remove;

/**
 * Weka: load an ARFF file, cluster it with {@code weka.clusterers.MiniBatchKMeans} (the class
 * attribute removed, as the Explorer does), and evaluate classes to clusters.
 *
 * <pre>java -cp minibatch-kmeans.jar io.github.minibatchkmeans.examples.WekaExample data.arff 3</pre>
 */
public final class WekaExample {
    private WekaExample() {
    }

    /** Returns the evaluation: cluster sizes and the classes-to-clusters confusion, as the Explorer prints them. */
    public static ClusterEvaluation run(String arff, int k) throws Exception {
        Instances data = DataSource.read(arff);
        data.setClassIndex(data.numAttributes() - 1);

        Remove removeClass = new Remove();
        removeClass.setAttributeIndices("" + (data.classIndex() + 1));
        removeClass.setInputFormat(data);
        Instances withoutClass = Filter.useFilter(data, removeClass);

        MiniBatchKMeans clusterer = new MiniBatchKMeans();
        clusterer.setOptions(new String[] {"-N", "" + k, "-num-slots", "2"}); // exact mode, k-means++
        clusterer.buildClusterer(withoutClass);
        System.out.println(clusterer);

        ClusterEvaluation evaluation = new ClusterEvaluation();
        evaluation.setClusterer(clusterer);
        evaluation.evaluateClusterer(data); // data with its class: classes-to-clusters evaluation
        System.out.println(evaluation.clusterResultsToString());
        return evaluation;
    }

    public static void main(String[] args) throws Exception {
        if (Usage.wrong(WekaExample.class, "DATA.arff K", args, 2, 2, System.err, 1)) {
            System.exit(2);
        }
        run(args[0], Integer.parseInt(args[1]));
    }
}
