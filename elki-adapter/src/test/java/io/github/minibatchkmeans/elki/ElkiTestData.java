package io.github.minibatchkmeans.elki;

import elki.data.Clustering;
import elki.data.NumberVector;
import elki.data.type.TypeUtil;
import elki.database.Database;
import elki.database.StaticArrayDatabase;
import elki.datasource.ArrayAdapterDatabaseConnection;
import elki.datasource.FileBasedDatabaseConnection;
import elki.database.relation.Relation;
import elki.utilities.ELKIBuilder;
import java.net.URISyntaxException;
import java.nio.file.Path;

/** Databases for the tests, built the way ELKI's own tests build them. */
final class ElkiTestData {
    private ElkiTestData() {
    }

    static Database fromArray(double[][] data) {
        Database db = new StaticArrayDatabase(new ArrayAdapterDatabaseConnection(data), null);
        db.initialize();
        return db;
    }

    /** ELKI's test file (from ELKI's repository), with the true cluster as label in the last column. */
    static Path differentDensities() {
        try {
            return Path.of(ElkiTestData.class.getResource("/different-densities-2d-no-noise.ascii").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Database fromFile(Path file) {
        Database db = new StaticArrayDatabase(new ELKIBuilder<>(FileBasedDatabaseConnection.class)
                .with(FileBasedDatabaseConnection.Par.INPUT_ID, file.toString()).build(), null);
        db.initialize();
        return db;
    }

    static Relation<NumberVector> vectors(Database db) {
        return db.getRelation(TypeUtil.NUMBER_VECTOR_FIELD);
    }

    static int[] sortedSizes(Clustering<?> clustering) {
        return clustering.getAllClusters().stream().mapToInt(c -> c.size()).sorted().toArray();
    }
}
