package io.github.minibatchkmeans.weka;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Random;
import weka.clusterers.Clusterer;
import weka.clusterers.MiniBatchKMeans;
import weka.clusterers.SimpleKMeans;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instances;

/**
 * Not a test: a benchmark program. Builds {@code rows × dims} numeric instances (Gaussian blobs)
 * in memory and times SimpleKMeans and MiniBatchKMeans (exact), both k-means++ with the same
 * number of threads, reporting the heap each needs above the loaded data. Pass {@code simple} or
 * {@code minibatch} as the fourth argument to run only one (to find the largest data each handles
 * in a given -Xmx). Run with
 * {@code java -Xmx2g -cp <test classpath> io.github.minibatchkmeans.weka.WekaBenchmark [rows] [dims] [k] [which]}.
 */
public final class WekaBenchmark {
    private WekaBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int d = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        int k = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        String which = args.length > 3 ? args[3] : "both";
        ArrayList<Attribute> attributes = new ArrayList<>();
        for (int j = 0; j < d; j++) {
            attributes.add(new Attribute("a" + j));
        }
        Instances data = new Instances("blobs", attributes, n);
        Random random = new Random(1);
        double[][] centers = new double[k][d];
        for (double[] c : centers) {
            for (int j = 0; j < d; j++) {
                c[j] = random.nextDouble() * 20 - 10;
            }
        }
        for (int i = 0; i < n; i++) {
            double[] c = centers[random.nextInt(k)];
            double[] values = new double[d];
            for (int j = 0; j < d; j++) {
                values[j] = c[j] + 3 * random.nextGaussian();
            }
            data.add(new DenseInstance(1.0, values));
        }
        System.out.printf(Locale.ROOT, "%,d instances x %d attributes, k = %d, k-means++, 2 execution slots, max heap %d MB%n",
                n, d, k, Runtime.getRuntime().maxMemory() >> 20);
        if (!which.equals("minibatch")) {
            SimpleKMeans simple = new SimpleKMeans();
            simple.setOptions(new String[] {"-N", "" + k, "-init", "1", "-num-slots", "2", "-S", "10"});
            run("SimpleKMeans", simple, data);
        }
        if (!which.equals("simple")) {
            MiniBatchKMeans ours = new MiniBatchKMeans();
            ours.setOptions(new String[] {"-N", "" + k, "-init", "1", "-num-slots", "2", "-S", "10"});
            run("MiniBatchKMeans (exact)", ours, data);
        }
    }

    private static void run(String name, Clusterer clusterer, Instances data) throws Exception {
        System.gc();
        long before = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
        long start = System.nanoTime();
        clusterer.buildClusterer(data);
        double seconds = (System.nanoTime() - start) / 1e9;
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf(Locale.ROOT, "%-26s %7.2f s   peak heap %5.0f MB (%5.0f MB above the loaded data)%n", name, seconds,
                peak / 1048576.0, (peak - before) / 1048576.0);
    }
}
