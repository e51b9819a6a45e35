package io.github.minibatchkmeans.tribuo;

import io.github.minibatchkmeans.core.KMeansModel;
import io.github.minibatchkmeans.io.ModelJson;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The project's model document ({@link ModelJson}) as Tribuo's serialized forms carry it. */
final class Documents {
    private Documents() {
    }

    static String write(KMeansModel model) {
        try {
            return ModelJson.toJson(model);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in memory: no I/O happens
        }
    }

    /** The model of a document; a damaged one is refused naming {@code where}. */
    static KMeansModel read(String document, String where) {
        try {
            return ModelJson.fromJson(document, where).model();
        } catch (RuntimeException e) {
            throw new IllegalStateException("Invalid model document in " + where + ": " + e.getMessage(), e);
        }
    }
}
