package io.github.minibatchkmeans.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.minibatchkmeans.core.engine.Mode;
import io.github.minibatchkmeans.core.source.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * The one saved form of a {@link KMeansModel}: a JSON object, version 1.
 *
 * <pre>{@code
 * {
 *   "format": "minibatch-kmeans-model",   // constant, identifies the file
 *   "version": 1,                         // bumped on incompatible change
 *   "mode": "EXACT" | "STOCHASTIC",
 *   "k": 3, "dimensions": 2,
 *   "centroids": [[x, y], ...],           // k rows of `dimensions` numbers
 *   "sizes": [w, ...],                    // total weight per centroid
 *   "inertia": 12.5, "iterations": 7, "converged": true,
 *   "history": [{"inertia": ..., "shift": ...}, ...],
 *   "initialCentroids": [[x, y], ...]      // optional: where the fit started
 * }
 * }</pre>
 *
 * Doubles are written in their shortest round-tripping form, so a loaded model predicts exactly
 * as the saved one did.
 */
public final class ModelJson {
    public static final String FORMAT = "minibatch-kmeans-model";
    public static final int VERSION = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private ModelJson() {
    }

    /** The JSON document, field by field. */
    record Document(String format, int version, Mode mode, int k, int dimensions, double[][] centroids, double[] sizes,
                    double inertia, int iterations, boolean converged, List<IterationRecord> history,
                    double[][] initialCentroids) {
    }

    public static void write(KMeansModel model, OutputStream out) throws IOException {
        MAPPER.writeValue(out, new Document(FORMAT, VERSION, model.mode(), model.k(), model.dimensions(),
                model.centroids(), model.sizes(), model.inertia(), model.iterations(), model.converged(), model.history(),
                model.initialCentroids().orElse(null)));
    }

    public static String toJson(KMeansModel model) throws IOException {
        var out = new java.io.ByteArrayOutputStream();
        write(model, out);
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    public static KMeansModel read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file + ": no such file");
        }
    }

    public static KMeansModel read(InputStream in, String name) throws IOException {
        Document doc;
        try {
            doc = MAPPER.readValue(in, Document.class);
        } catch (JacksonException e) {
            throw new InvalidInputException(name + ": not a model file: " + e.getOriginalMessage());
        }
        if (doc == null || !FORMAT.equals(doc.format())) {
            throw new InvalidInputException(name + ": not a " + FORMAT + " file");
        }
        if (doc.version() != VERSION) {
            throw new InvalidInputException(name + ": model format version " + doc.version() + " is not supported (this build reads "
                    + VERSION + ")");
        }
        if (doc.centroids() == null || doc.centroids().length != doc.k() || doc.sizes() == null || doc.sizes().length != doc.k()) {
            throw new InvalidInputException(name + ": expected " + doc.k() + " centroids and sizes");
        }
        for (double[] c : doc.centroids()) {
            if (c == null || c.length != doc.dimensions()) {
                throw new InvalidInputException(name + ": every centroid must have " + doc.dimensions() + " values");
            }
        }
        KMeansModel model = new KMeansModel(doc.mode(), doc.centroids(), doc.sizes(), doc.inertia(), doc.iterations(),
                doc.converged(), doc.history() == null ? List.of() : doc.history());
        return doc.initialCentroids() == null ? model : model.withInitialCentroids(doc.initialCentroids());
    }
}
