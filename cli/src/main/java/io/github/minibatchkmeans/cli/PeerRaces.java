package io.github.minibatchkmeans.cli;

import io.github.minibatchkmeans.core.spi.BatchSource;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Supplier;

/**
 * {@code bench --peers}: races against the toolkits' own k-means. They need ELKI, Tribuo and Weka
 * whole, which the tool's jar does not carry; the benchmarks module
 * ({@code benchmarks/target/minibatch-kmeans-benchmarks.jar}, the tool plus the toolkits) provides
 * this service.
 */
public interface PeerRaces {
    /** The peers a race can run, comma-separated (the help's list and {@code --peers}' default). */
    String ALL = "elki-lloyd,elki-hamerly,elki-elkan,tribuo,weka";

    /**
     * Races every front door and {@code peers} on {@code rows}, from the same start where a peer takes
     * one, printing a table (or one JSON object) to {@code out}. {@code file} opens the rows as the
     * tool reads them (null when they were generated in memory): the tool's fit of it is timed too.
     */
    void race(String dataName, double[][] rows, Supplier<BatchSource> file, int k, int threads, int maxIterations, long seed,
              List<String> peers, int repeat, PrintWriter out, boolean json) throws Exception;

    /** The races this jar carries, if any. */
    static Optional<PeerRaces> load() {
        return ServiceLoader.load(PeerRaces.class).findFirst();
    }
}
