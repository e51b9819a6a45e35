package io.github.minibatchkmeans.core.bench;

import io.github.minibatchkmeans.core.internal.kernel.CentroidTable;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The distance kernel alone: labelling one 512-row block (the engine's accumulation block) against
 * k centroids of d dimensions, single-threaded. GFLOP/s = 2·512·k·d / (time per operation).
 * Run: {@code java -cp <core test classpath> org.openjdk.jmh.Main KernelBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class KernelBenchmark {
    private static final int ROWS = 512;

    @Param({"16", "64", "256"})
    int k;

    @Param({"32"})
    int d;

    private double[] data;
    private CentroidTable table;
    private double[] scratch;
    private int[] labels;

    @Setup
    public void setUp() {
        Random random = new Random(1);
        data = new double[ROWS * d];
        for (int i = 0; i < data.length; i++) {
            data[i] = random.nextGaussian();
        }
        double[][] centers = new double[k][d];
        for (double[] c : centers) {
            for (int j = 0; j < d; j++) {
                c[j] = random.nextGaussian();
            }
        }
        table = new CentroidTable(centers);
        scratch = table.newScratch();
        labels = new int[ROWS];
    }

    @Benchmark
    public int[] assignBlock() {
        table.assign(data, 0, ROWS, labels, 0, scratch);
        return labels;
    }
}
