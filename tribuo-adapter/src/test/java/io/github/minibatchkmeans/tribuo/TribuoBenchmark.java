package io.github.minibatchkmeans.tribuo;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Supplier;
import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.clustering.ClusterID;
import org.tribuo.clustering.ClusteringFactory;
import org.tribuo.clustering.kmeans.KMeansTrainer;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.distance.L2Distance;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Not a test: a benchmark program training Tribuo's KMeansTrainer and ours (exact, same threads,
 * k-means++) on one in-memory dataset, reporting time and the heap each adds on top of the data.
 * Run with {@code java -Xmx6g -cp <test classpath> io.github.minibatchkmeans.tribuo.TribuoBenchmark [rows] [dims] [k] [threads]}.
 */
public final class TribuoBenchmark {
    private TribuoBenchmark() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 500_000;
        int d = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        int k = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        Random random = new Random(1);
        double[][] centers = new double[k][d];
        for (double[] c : centers) {
            for (int j = 0; j < d; j++) {
                c[j] = random.nextDouble() * 20 - 10;
            }
        }
        String[] names = new String[d];
        for (int j = 0; j < d; j++) {
            names[j] = String.format("f%02d", j);
        }
        ClusteringFactory factory = new ClusteringFactory();
        MutableDataset<ClusterID> data = new MutableDataset<>(new SimpleDataSourceProvenance("blobs", factory), factory);
        for (int i = 0; i < n; i++) {
            double[] c = centers[random.nextInt(k)];
            List<Feature> features = new ArrayList<>(d);
            for (int j = 0; j < d; j++) {
                features.add(new Feature(names[j], c[j] + 2 * random.nextGaussian()));
            }
            Example<ClusterID> example = new ArrayExample<>(factory.getUnknownOutput(), features);
            data.add(example);
        }
        System.out.printf(Locale.ROOT, "%,d examples x %d features, k = %d, %d threads, k-means++, max 100 iterations%n",
                n, d, k, threads);
        run("Tribuo KMeansTrainer", () -> new KMeansTrainer(k, 100, new L2Distance(), KMeansTrainer.Initialisation.PLUSPLUS,
                threads, 1).train(data));
        run("MiniBatchKMeansTrainer (exact)", () -> new MiniBatchKMeansTrainer(k, 100,
                MiniBatchKMeansTrainer.Initialisation.PLUSPLUS, MiniBatchKMeansTrainer.Mode.EXACT, 4096, threads, 1e-4, 1).train(data));
    }

    private static void run(String name, Supplier<Model<ClusterID>> train) {
        System.gc();
        long before = heapUsed();
        resetPeaks();
        long start = System.nanoTime();
        Model<ClusterID> model = train.get();
        double seconds = (System.nanoTime() - start) / 1e9;
        long peak = peakHeap();
        System.out.printf(Locale.ROOT, "%-32s %7.2f s   peak heap %5.0f MB (%4.0f MB above the loaded dataset)   %s%n", name,
                seconds, peak / 1048576.0, (peak - before) / 1048576.0, model.getClass().getSimpleName());
    }

    private static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    private static long peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }
}
