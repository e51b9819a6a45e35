package io.github.minibatchkmeans.io;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.github.minibatchkmeans.core.IterationRecord;
import io.github.minibatchkmeans.core.KMeansModel;
import io.github.minibatchkmeans.core.Metric;
import io.github.minibatchkmeans.core.MissingValues;
import io.github.minibatchkmeans.core.Mode;
import io.github.minibatchkmeans.core.spi.InvalidInputException;
import io.github.minibatchkmeans.core.spi.SourceFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The one saved form of a {@link KMeansModel}, the canonical model document: a JSON object,
 * version 1. The tool's {@code --model-out} writes it; every toolkit wrapper carries it — Weka's
 * serialized clusterer, Tribuo's protobuf and Java serialization, Spark's saved model directory —
 * instead of a field list of its own.
 *
 * <pre>{@code
 * {
 *   "format": "minibatch-kmeans-model",   // constant, identifies the file
 *   "version": 1,                         // bumped on incompatible change
 *   "mode": "EXACT" | "STOCHASTIC" | "ONE_PASS",
 *   "metric": "EUCLIDEAN",                // optional: how rows are compared (absent: EUCLIDEAN)
 *   "k": 3, "dimensions": 2,
 *   "centroids": [[x, y], ...],           // k rows of `dimensions` numbers
 *   "sizes": [w, ...],                    // total weight per centroid
 *   "inertia": 12.5, "iterations": 7, "converged": true,
 *   "history": [{"inertia": ..., "shift": ..., "rowsPruned": ..., "blocksUnread": ...}, ...],
 *   "initialCentroids": [[x, y], ...],     // optional: where the fit started
 *   "columns": ["a", "b"]                  // optional: the input columns the model was fitted on
 * }
 * }</pre>
 *
 * Doubles are written in their shortest round-tripping form, so a loaded model predicts exactly
 * as the saved one did. Reading is strict: every required field present with its JSON type (no
 * strings for numbers, no fractions for counts, no nulls), nothing after the object, and the
 * values checked by {@link KMeansModel.Builder} (shapes, finite numbers, non-negative sizes).
 */
public final class ModelJson {
    /**
     * The document's {@code format} field.
     */
    public static final String FORMAT = "minibatch-kmeans-model";
    /**
     * The document's {@code version} field: the layout this class writes and reads.
     */
    public static final int VERSION = 1;

    private static final ObjectMapper MAPPER = strictMapper();

    private ModelJson() {
    }

    private static ObjectMapper strictMapper() {
        JsonMapper mapper = JsonMapper.builder()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
                .build();
        mapper.coercionConfigDefaults().setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        return mapper;
    }

    /** The JSON document, field by field: boxed, so that a missing field is told apart from a zero. */
    record Document(String format, Integer version, Mode mode, Metric metric, Integer k, Integer dimensions, double[][] centroids,
                    double[] sizes, Double inertia, Integer iterations, Boolean converged, List<IterationRecord> history,
                    double[][] initialCentroids, List<String> columns, Long missingValues, MissingValues missing) {

        /** The required fields, in file order, with their values (initialCentroids is optional). */
        void checkComplete(String name) {
            Object[][] fields = {{"format", format}, {"version", version}, {"mode", mode}, {"k", k}, {"dimensions", dimensions},
                    {"centroids", centroids}, {"sizes", sizes}, {"inertia", inertia}, {"iterations", iterations},
                    {"converged", converged}, {"history", history}};
            for (Object[] field : fields) {
                if (field[1] == null) {
                    throw new InvalidInputException(name + ": not a valid model file: missing (or null) field \"" + field[0] + "\"");
                }
            }
        }
    }

    /**
     * Writes {@code model}'s document, without column names.
     *
     * @param model the model
     * @param out where the document goes (not closed)
     * @throws IOException when writing fails
     */
    public static void write(KMeansModel model, OutputStream out) throws IOException {
        write(model, null, out);
    }

    /**
     * Writes {@code model} with the names of the input columns it was fitted on (null: none), so
     * that predicting can pick the same columns of a new file.
     *
     * @param model the model
     * @param columns one name per dimension, or null
     * @param out where the document goes (not closed)
     * @throws IOException when writing fails
     */
    public static void write(KMeansModel model, List<String> columns, OutputStream out) throws IOException {
        if (columns != null && columns.size() != model.dimensions()) {
            throw new IllegalArgumentException(columns.size() + " column names for a model of " + model.dimensions() + " dimensions");
        }
        MAPPER.writeValue(out, new Document(FORMAT, VERSION, model.mode(), model.metric(), model.k(), model.dimensions(),
                model.centroids(), model.sizes(), model.inertia(), model.iterations(), model.converged(), model.history(),
                model.initialCentroids().orElse(null), columns, model.missingValues() == 0 ? null : model.missingValues(),
                model.missing() == MissingValues.IGNORE ? MissingValues.IGNORE : null)); // written only when not the default
    }

    /**
     * A model file's model and, when it has them, the names of the columns the model was fitted on.
     *
     * @param model   the model
     * @param columns one name per dimension, or null
     */
    public record Stored(KMeansModel model, List<String> columns) {
    }

    /**
     * The document of {@code model}, as text.
     *
     * @param model the model
     * @return the document
     * @throws IOException never, in practice (in memory)
     */
    public static String toJson(KMeansModel model) throws IOException {
        return toJson(model, null);
    }

    /**
     * The document of {@code model} with its column names (null: none), as text.
     *
     * @param model the model
     * @param columns one name per dimension, or null
     * @return the document
     * @throws IOException never, in practice (in memory)
     */
    public static String toJson(KMeansModel model, List<String> columns) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(model, columns, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * The model and column names of a document {@link #toJson} wrote; anything else is an {@link InvalidInputException} naming {@code name}.
     *
     * @param json the document
     * @param name what to call it in errors
     * @return the model and its column names
     */
    public static Stored fromJson(String json, String name) {
        try {
            return load(new java.io.ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), name);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // in memory: no I/O happens
        }
    }

    /**
     * The model in {@code file}; a file that is not a valid document is an {@link InvalidInputException} naming it.
     *
     * @param file the model file
     * @return the model
     * @throws IOException when reading fails
     */
    public static KMeansModel read(Path file) throws IOException {
        SourceFiles.checkReadable(file);
        checkSize(file);
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        } catch (IOException e) {
            throw SourceFiles.unreadable(file, e);
        }
    }

    /**
     * The model of the document {@code in} holds.
     *
     * @param in the document (not closed)
     * @param name what to call it in errors
     * @return the model
     * @throws IOException when reading fails
     */
    public static KMeansModel read(InputStream in, String name) throws IOException {
        return load(in, name).model();
    }

    /**
     * The model and its column names (null when the file has none).
     *
     * @param file the model file
     * @return the model and its column names
     * @throws IOException when reading fails
     */
    public static Stored load(Path file) throws IOException {
        SourceFiles.checkReadable(file);
        checkSize(file);
        try (InputStream in = Files.newInputStream(file)) {
            return load(in, file.toString());
        } catch (IOException e) {
            throw SourceFiles.unreadable(file, e);
        }
    }

    /**
     * Refuses a model file too large for this heap before parsing it: its numbers take about as much
     * heap as their text (each value a double, its centroid arrays and Jackson's buffers).
     */
    private static void checkSize(Path file) throws IOException {
        long size = Files.size(file);
        long limit = Runtime.getRuntime().maxMemory() / 4;
        if (size > limit) {
            throw new InvalidInputException(file + ": a model file of " + (size >> 20) + " MB is larger than this heap reads ("
                    + (limit >> 20) + " MB, a quarter of the max heap): give the JVM more with -Xmx");
        }
    }

    private static Stored load(InputStream in, String name) throws IOException {
        Document doc;
        try {
            doc = MAPPER.readValue(in, Document.class);
        } catch (JacksonException e) {
            throw new InvalidInputException(name + ": not a valid model file: " + e.getOriginalMessage()
                    + location(e));
        }
        if (doc == null || !FORMAT.equals(doc.format())) {
            throw new InvalidInputException(name + ": not a " + FORMAT + " file");
        }
        if (doc.version() == null || doc.version() != VERSION) {
            throw new InvalidInputException(name + ": model format version " + doc.version()
                    + " is not supported (this build reads " + VERSION + ")");
        }
        doc.checkComplete(name);
        if (doc.k() < 1) {
            throw new InvalidInputException(name + ": k must be at least 1, found " + doc.k());
        }
        if (doc.dimensions() < 1) {
            throw new InvalidInputException(name + ": dimensions must be at least 1, found " + doc.dimensions());
        }
        if (doc.centroids().length != doc.k()) {
            throw new InvalidInputException(name + ": k is " + doc.k() + " but " + doc.centroids().length + " centroids are given");
        }
        for (double[] c : doc.centroids()) {
            if (c == null || c.length != doc.dimensions()) {
                throw new InvalidInputException(name + ": every centroid must have " + doc.dimensions() + " values (\"dimensions\")");
            }
        }
        if (doc.columns() != null && (doc.columns().size() != doc.dimensions() || doc.columns().contains(null))) {
            throw new InvalidInputException(name + ": \"columns\" must name each of the " + doc.dimensions() + " dimensions");
        }
        try {
            return new Stored(KMeansModel.builder(doc.centroids()).mode(doc.mode())
                    .metric(doc.metric() == null ? Metric.EUCLIDEAN : doc.metric()).sizes(doc.sizes()).inertia(doc.inertia())
                    .iterations(doc.iterations()).converged(doc.converged()).history(doc.history())
                    .initialCentroids(doc.initialCentroids()).missingValues(doc.missingValues() == null ? 0 : doc.missingValues())
                    .missing(doc.missing() == null ? MissingValues.IMPUTE : doc.missing()).build(), doc.columns());
        } catch (InvalidInputException | IllegalArgumentException e) { // a negative missingValues, say
            throw new InvalidInputException(name + ": " + e.getMessage());
        }
    }

    private static String location(JacksonException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }
}
