package io.github.minibatchkmeans.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import weka.clusterers.MiniBatchKMeans;
import weka.clusterers.SimpleKMeans;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instances;

/**
 * Nominal attributes through Weka: SimpleKMeans against ours (k-prototypes, the same objective) on
 * the same mixed instances, one thread, in one JVM, default options but the seed: time and SSE,
 * twice (the second run warm). The data: 5 groups, 5 numeric attributes (Gaussian about the
 * group's mean) and 10 nominal ones of 5 values (the group's value with probability 0.6).
 *
 * <pre>java -cp benchmarks/target/minibatch-kmeans-benchmarks.jar io.github.minibatchkmeans.benchmarks.NominalPeers ROWS</pre>
 */
public final class NominalPeers {
    private static final int GROUPS = 5;

    private NominalPeers() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: NominalPeers ROWS");
            System.exit(2);
        }
        Instances data = mixed(Integer.parseInt(args[0]), new Random(1));
        String[] options = {"-N", "" + GROUPS, "-S", "1", "-num-slots", "1"};
        for (int run = 1; run <= 2; run++) {
            SimpleKMeans theirs = new SimpleKMeans();
            theirs.setOptions(options.clone());
            long t0 = System.nanoTime();
            theirs.buildClusterer(data);
            long t1 = System.nanoTime();
            MiniBatchKMeans ours = new MiniBatchKMeans();
            ours.setOptions(options.clone());
            ours.buildClusterer(data);
            long t2 = System.nanoTime();
            System.out.printf(Locale.ROOT, "%,d instances, run %d: SimpleKMeans %.2f s, SSE %.1f | MiniBatchKMeans %.2f s, SSE %.1f%n",
                    data.numInstances(), run, (t1 - t0) / 1e9, theirs.getSquaredError(), (t2 - t1) / 1e9, ours.getSquaredError());
        }
    }

    private static Instances mixed(int n, Random random) {
        ArrayList<Attribute> attributes = new ArrayList<>();
        for (int j = 0; j < 5; j++) {
            attributes.add(new Attribute("x" + j));
        }
        List<String> values = List.of("a", "b", "c", "d", "e");
        for (int j = 0; j < 10; j++) {
            attributes.add(new Attribute("c" + j, values));
        }
        Instances data = new Instances("mixed", attributes, n);
        for (int i = 0; i < n; i++) {
            int g = i % GROUPS;
            double[] v = new double[15];
            for (int j = 0; j < 5; j++) {
                v[j] = g * (j % 2 == 0 ? 1 : -1) + random.nextGaussian();
            }
            for (int j = 0; j < 10; j++) {
                v[5 + j] = random.nextDouble() < 0.6 ? (g + j) % values.size() : random.nextInt(values.size());
            }
            data.add(new DenseInstance(1, v));
        }
        return data;
    }
}
