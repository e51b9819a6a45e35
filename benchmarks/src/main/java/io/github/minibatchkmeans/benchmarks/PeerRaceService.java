package io.github.minibatchkmeans.benchmarks;

import io.github.minibatchkmeans.cli.PeerRaces;
import io.github.minibatchkmeans.core.spi.BatchSource;
import java.io.PrintWriter;
import java.util.List;
import java.util.function.Supplier;

/** The races {@code bench --peers} finds in the benchmarks jar ({@code META-INF/services}). */
public final class PeerRaceService implements PeerRaces {
    @Override
    public void race(String dataName, double[][] rows, Supplier<BatchSource> file, int k, int threads, int maxIterations, long seed,
                     List<String> peers, int repeat, PrintWriter out, boolean json) throws Exception {
        new PeerBench(dataName, rows, file, k, threads, maxIterations, seed, peers, repeat).run(out, json);
    }
}
