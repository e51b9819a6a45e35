package io.github.minibatchkmeans.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorRemoved;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.encoders.ExpressionEncoder;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The driver of {@code spark-adapter/cluster-test.sh}, not a unit test: one seeded EXACT fit
 * (k-means|| seeding, fixed iterations) of rows generated on the executors, its centres written as
 * exact bits to a file — on {@code local[2]}, or on a standalone cluster where, with {@code kill},
 * the oldest executor is killed ({@code kill -9}) once a few of the fit's jobs have ended. The
 * script compares the files. With {@code bench}, it times iterations of ours and of
 * {@code mllib.clustering.KMeans} from the same start, per iteration, on the same cached rows.
 *
 * <pre>
 * ClusterCheck MASTER fit ROWS OUT.txt [kill]
 * ClusterCheck MASTER bench ROWS
 * </pre>
 */
public final class ClusterCheck {
    private static final int DIMS = 16;
    private static final int K = 20;
    private static final int PARTITIONS = 8;
    private static final long SEED = 7;

    private ClusterCheck() {
    }

    public static void main(String[] args) throws IOException {
        String master = args[0];
        String what = args[1];
        long rows = Long.parseLong(args[2]);
        SparkSession spark = SparkSession.builder().master(master).appName("minibatch-kmeans cluster check")
                .config("spark.ui.enabled", "false").getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        try {
            Dataset<Row> data = blobs(spark, rows).cache();
            System.out.printf(Locale.ROOT, "%,d rows x %d, k = %d, %d partitions, %s%n", data.count(), DIMS, K,
                    data.rdd().getNumPartitions(), master);
            if (what.equals("bench")) {
                bench(spark, data);
            } else {
                fit(spark, data, Path.of(args[3]), args.length > 4 && args[4].equals("kill"));
            }
        } finally {
            spark.stop();
        }
    }

    /** The fit, its centres' bits to {@code out}; with {@code kill}, an executor killed after its twelfth job (among Lloyd's iterations). */
    private static void fit(SparkSession spark, Dataset<Row> data, Path out, boolean kill) throws IOException {
        AtomicInteger jobs = new AtomicInteger();
        AtomicInteger lost = new AtomicInteger();
        int killAfter = 12; // the data's count and check, the k-means|| rounds, then some of Lloyd's iterations
        spark.sparkContext().addSparkListener(new SparkListener() {
            @Override
            public void onJobEnd(SparkListenerJobEnd end) {
                if (kill && jobs.incrementAndGet() == killAfter) {
                    try { // the oldest executor backend on this machine: one of the two workers'
                        int code = new ProcessBuilder("pkill", "-9", "-o", "-f", "CoarseGrainedExecutorBackend").inheritIO().start().waitFor();
                        System.out.println("killed an executor (kill -9) after job " + killAfter + ", pkill exit " + code);
                    } catch (IOException | InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }

            @Override
            public void onExecutorRemoved(SparkListenerExecutorRemoved removed) {
                lost.incrementAndGet();
                System.out.println("executor " + removed.executorId() + " removed: " + removed.reason());
            }
        });
        MiniBatchKMeansModel model = new MiniBatchKMeans().setK(K).setSeed(1).setMaxIter(25).setTol(0).fit(data);
        StringBuilder bits = new StringBuilder();
        for (double[] centre : model.toKMeansModel().centroids()) {
            for (double v : centre) {
                bits.append(Long.toHexString(Double.doubleToRawLongBits(v))).append(' ');
            }
            bits.append('\n');
        }
        Files.writeString(out, bits);
        System.out.printf(Locale.ROOT, "%d iterations, cost %.17g; centres written to %s%n", model.summary().numIter(),
                model.summary().trainingCost(), out);
        if (kill && lost.get() == 0) {
            throw new IllegalStateException("no executor was lost: the kill did not happen during the fit");
        }
    }

    /** Seconds per iteration, ours and mllib's from the same start: (fit of 11 iterations − fit of 1) / 10, twice. */
    private static void bench(SparkSession spark, Dataset<Row> data) {
        double[][] start = data.select("features").takeAsList(K).stream()
                .map(r -> ((org.apache.spark.ml.linalg.Vector) r.get(0)).toArray()).toArray(double[][]::new);
        var old = data.select("features").javaRDD().map(r -> org.apache.spark.mllib.linalg.Vectors.fromML(r.getAs(0))).cache();
        old.count();
        int iterations = 11;
        for (int round = 0; round < 3; round++) { // the first round warms up the JIT of driver and executors
            double[] ours = new double[2];
            double[] mllib = new double[2];
            for (int run = 0; run < 2; run++) {
                int iters = run == 0 ? 1 : iterations;
                long t0 = System.nanoTime();
                new MiniBatchKMeans().setK(K).setInitialCenters(start).setMaxIter(iters).setTol(0).fit(data);
                ours[run] = (System.nanoTime() - t0) / 1e9;
                org.apache.spark.mllib.linalg.Vector[] initial = java.util.Arrays.stream(start)
                        .map(org.apache.spark.mllib.linalg.Vectors::dense).toArray(org.apache.spark.mllib.linalg.Vector[]::new);
                t0 = System.nanoTime();
                new org.apache.spark.mllib.clustering.KMeans().setK(K).setMaxIterations(iters).setEpsilon(0)
                        .setInitialModel(new org.apache.spark.mllib.clustering.KMeansModel(initial)).run(old.rdd());
                mllib[run] = (System.nanoTime() - t0) / 1e9;
            }
            if (round == 2) { // where one iteration's time goes, ours then theirs
                for (String who : new String[] {"ours", "mllib"}) {
                    JobTimes times = new JobTimes();
                    spark.sparkContext().addSparkListener(times);
                    if (who.equals("ours")) {
                        new MiniBatchKMeans().setK(K).setInitialCenters(start).setMaxIter(iterations).setTol(0).fit(data);
                    } else {
                        org.apache.spark.mllib.linalg.Vector[] initial = java.util.Arrays.stream(start)
                                .map(org.apache.spark.mllib.linalg.Vectors::dense).toArray(org.apache.spark.mllib.linalg.Vector[]::new);
                        new org.apache.spark.mllib.clustering.KMeans().setK(K).setMaxIterations(iterations).setEpsilon(0)
                                .setInitialModel(new org.apache.spark.mllib.clustering.KMeansModel(initial)).run(old.rdd());
                    }
                    try {
                        Thread.sleep(3000); // listener events arrive asynchronously: let the last jobs' reach it
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    spark.sparkContext().removeSparkListener(times);
                    System.out.println(who + ":\n" + times);
                }
            }
            double a = (ours[1] - ours[0]) / (iterations - 1);
            double b = (mllib[1] - mllib[0]) / (iterations - 1);
            System.out.printf(Locale.ROOT, "round %d: per iteration ours %.3f s, mllib %.3f s, ours/mllib %.2f%n", round, a, b, a / b);
        }
    }

    /** Per job: wall time, stages, tasks, and the tasks' summed run, deserialization and result-serialization times. */
    private static final class JobTimes extends SparkListener {
        private final java.util.Map<Integer, Long> started = new java.util.concurrent.ConcurrentHashMap<>();
        private final java.util.Map<Integer, Integer> stageJob = new java.util.concurrent.ConcurrentHashMap<>();
        private final java.util.Map<Integer, long[]> perJob = new java.util.concurrent.ConcurrentSkipListMap<>();
        private volatile long lastEnd;

        @Override
        public void onJobStart(org.apache.spark.scheduler.SparkListenerJobStart start) {
            started.put(start.jobId(), System.nanoTime());
            for (Object id : scala.jdk.javaapi.CollectionConverters.asJava(start.stageIds())) {
                stageJob.put((Integer) id, start.jobId());
            }
            long[] t = new long[8];
            t[7] = lastEnd == 0 ? 0 : (System.nanoTime() - lastEnd) / 1_000_000;
            perJob.put(start.jobId(), t);
        }

        @Override
        public void onTaskEnd(org.apache.spark.scheduler.SparkListenerTaskEnd end) {
            Integer job = stageJob.get(end.stageId());
            if (job == null || end.taskMetrics() == null) {
                return;
            }
            long[] t = perJob.get(job);
            synchronized (t) {
                t[1]++;
                t[2] += end.taskMetrics().executorRunTime();
                t[3] += end.taskMetrics().executorDeserializeTime();
                t[4] += end.taskMetrics().resultSerializationTime();
                t[5] += end.taskInfo().duration();
                t[6] += end.taskMetrics().jvmGCTime();
            }
        }

        @Override
        public void onJobEnd(SparkListenerJobEnd end) {
            lastEnd = System.nanoTime();
            perJob.get(end.jobId())[0] = (lastEnd - started.get(end.jobId())) / 1_000_000;
        }

        @Override
        public String toString() {
            StringBuilder out = new StringBuilder("  job  wall ms  tasks  run ms  deser ms  result ser ms  task ms  gc ms  gap ms\n");
            perJob.forEach((job, t) -> out.append(String.format(Locale.ROOT, "  %3d  %7d  %5d  %6d  %8d  %13d  %7d  %5d  %6d%n", job,
                    t[0], t[1], t[2], t[3], t[4], t[5], t[6], t[7])));
            long[] walls = perJob.values().stream().skip(1).mapToLong(t -> t[0]).sorted().toArray(); // the iterations' jobs
            long[] paced = perJob.values().stream().skip(1).mapToLong(t -> t[0] + t[7]).sorted().toArray(); // with the driver's gap
            out.append(String.format(Locale.ROOT, "  median job after the first: %d ms; with the gap before it: %d ms%n",
                    walls.length == 0 ? 0 : walls[walls.length / 2], paced.length == 0 ? 0 : paced[paced.length / 2]));
            return out.toString();
        }
    }

    /** Gaussian blobs made on the executors, row i from (seed, i) alone: the same rows for any master. */
    private static Dataset<Row> blobs(SparkSession spark, long rows) {
        StructType schema = new StructType(new StructField[] {DataTypes.createStructField("features", SQLDataTypes.VectorType(), false)});
        MapPartitionsFunction<Long, Row> make = ids -> {
            Random centres = new Random(SEED);
            double[][] c = new double[K][DIMS];
            for (double[] centre : c) {
                for (int j = 0; j < DIMS; j++) {
                    centre[j] = centres.nextDouble() * 20 - 10;
                }
            }
            List<Row> out = new ArrayList<>();
            while (ids.hasNext()) {
                long i = ids.next();
                Random random = new Random(SEED * 1_000_003L + i);
                double[] centre = c[random.nextInt(K)];
                double[] x = new double[DIMS];
                for (int j = 0; j < DIMS; j++) {
                    x[j] = centre[j] + 5 * random.nextGaussian(); // overlapping: Lloyd takes its 25 iterations
                }
                out.add(RowFactory.create(Vectors.dense(x)));
            }
            Iterator<Row> it = out.iterator();
            return it;
        };
        return spark.range(0, rows, 1, PARTITIONS).as(Encoders.LONG()).mapPartitions(make, ExpressionEncoder.apply(schema));
    }
}
