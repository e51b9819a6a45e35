package io.github.minibatchkmeans.core.bench;

import io.github.minibatchkmeans.core.internal.kernel.BlockLabels;
import io.github.minibatchkmeans.core.internal.kernel.Kernel;
import io.github.minibatchkmeans.core.internal.kernel.Kernels;
import io.github.minibatchkmeans.core.internal.rows.DenseRows;
import io.github.minibatchkmeans.core.internal.rows.FloatRows;
import io.github.minibatchkmeans.core.internal.rows.Rows;
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
 * k centroids of d dimensions, held as doubles or float32, single-threaded, with the kernel this JVM chooses — the Vector API
 * one under {@code --add-modules jdk.incubator.vector}, else the scalar one — or the one forced by
 * {@code -Dminibatchkmeans.kernel=scalar}. GFLOP/s = 2·512·k·d / (time per operation).
 * Run (README, "Benchmarks"): {@code java [--add-modules jdk.incubator.vector] -cp <core test class path>
 * org.openjdk.jmh.Main KernelBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class KernelBenchmark {
    private static final int ROWS = 512;

    @Param({"10", "64", "256"})
    int k;

    @Param({"16", "32", "128", "784"})
    int d;

    /** {@code vector} or {@code scalar}. */
    @Param({"vector", "scalar"})
    String kernel;

    /** How the block's rows are held: {@code float64} or {@code float32} (widened as the kernel centres them). */
    @Param({"float64", "float32"})
    String rows;

    private BlockLabels block;
    private Rows block512;

    @Setup
    public void setUp() {
        Random random = new Random(1);
        double[] data = new double[ROWS * d];
        float[] floats = new float[ROWS * d];
        for (int i = 0; i < data.length; i++) {
            floats[i] = (float) random.nextGaussian();
            data[i] = floats[i];
        }
        double[][] centers = new double[k][d];
        for (double[] c : centers) {
            for (int j = 0; j < d; j++) {
                c[j] = random.nextGaussian();
            }
        }
        double[] origin = Kernel.meanOf(centers);
        Kernel chosen = kernel.equals("scalar") ? Kernels.scalar(centers, origin) : Kernels.create(centers, origin);
        if (!chosen.name().equals(kernel)) {
            throw new IllegalStateException("asked for the " + kernel + " kernel, got " + chosen.name());
        }
        block = new BlockLabels(chosen, ROWS, false);
        block512 = rows.equals("float32") ? FloatRows.of(floats, new double[ROWS], d) : DenseRows.of(data, new double[ROWS], d);
    }

    @Benchmark
    public int[] assignBlock() {
        block.assign(block512, 0, ROWS);
        return block.labels;
    }
}
