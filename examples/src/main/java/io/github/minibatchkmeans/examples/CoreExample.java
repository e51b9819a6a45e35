package io.github.minibatchkmeans.examples;

import io.github.minibatchkmeans.core.KMeansConfig;
import io.github.minibatchkmeans.core.KMeansModel;
import io.github.minibatchkmeans.core.MiniBatchKMeans;
import io.github.minibatchkmeans.core.NpySource;
import io.github.minibatchkmeans.core.ProgressEvent;
import io.github.minibatchkmeans.io.ModelJson;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The core API on its own: an out-of-core fit of a {@code .npy} file with a progress listener,
 * then the model saved as JSON.
 *
 * <pre>java -cp minibatch-kmeans.jar io.github.minibatchkmeans.examples.CoreExample data.npy 16 model.json</pre>
 */
public final class CoreExample {
    private CoreExample() {
    }

    public static KMeansModel run(Path npy, int k, Path modelOut) throws IOException {
        NpySource data = new NpySource(npy); // streamed from disk on every pass, never loaded whole
        KMeansConfig config = KMeansConfig.builder(k).seed(42).build(); // exact mode, k-means++, all cores
        MiniBatchKMeans estimator = new MiniBatchKMeans(config, (ProgressEvent e) -> {
            if (e.finished()) {
                System.out.printf("%s %d: %,d rows, inertia %.4g%n", e.stage(), e.pass(), e.rowsDone(), e.inertia());
            }
        });
        KMeansModel model = estimator.fit(data);
        try (var out = java.nio.file.Files.newOutputStream(modelOut)) {
            ModelJson.write(model, out);
        }
        System.out.printf("%d iterations, converged %b, inertia %.6g, sizes %s%n", model.iterations(), model.converged(),
                model.inertia(), java.util.Arrays.toString(model.sizes()));
        return model;
    }

    public static void main(String[] args) throws IOException {
        if (Usage.wrong(CoreExample.class, "DATA.npy K [MODEL.json]", args, 2, 3, System.err, 1)) {
            System.exit(2);
        }
        run(Path.of(args[0]), Integer.parseInt(args[1]), Path.of(args.length > 2 ? args[2] : "model.json"));
    }
}
