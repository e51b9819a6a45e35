package io.github.minibatchkmeans.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import elki.data.Cluster;
import elki.data.Clustering;
import elki.data.model.ClusterModel;
import elki.data.model.Model;
import elki.database.ids.ArrayModifiableDBIDs;
import elki.database.ids.DBIDArrayIter;
import elki.database.ids.DBIDRange;
import elki.database.ids.DBIDUtil;
import elki.evaluation.clustering.ClusterContingencyTable;
import io.github.minibatchkmeans.cli.AdjustedRandIndex;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The tool keeps its own streaming contingency table (O(k²) memory; the tool's jar may carry
 * neither ELKI, which is AGPL, nor Tribuo, which has no adjusted Rand index): it must give ELKI's
 * adjusted Rand index and purity.
 */
class AgreementAgainstElkiTest {
    @Test
    void adjustedRandIndexAndPurityAreElkis() {
        Random random = new Random(11);
        for (int trial = 0; trial < 20; trial++) {
            int n = 200 + random.nextInt(2000);
            int classes = 1 + random.nextInt(6);
            int clusters = 1 + random.nextInt(8);
            double noise = random.nextDouble();
            int[] truth = new int[n];
            int[] found = new int[n];
            AdjustedRandIndex ours = new AdjustedRandIndex(classes, clusters);
            for (int i = 0; i < n; i++) {
                truth[i] = random.nextInt(classes);
                found[i] = random.nextDouble() < noise ? random.nextInt(clusters) : truth[i] % clusters;
                ours.add(truth[i], found[i]);
            }
            DBIDRange ids = DBIDUtil.generateStaticDBIDRange(n);
            ClusterContingencyTable elki = new ClusterContingencyTable(false, false, clustering(ids, found, clusters),
                    clustering(ids, truth, classes));
            String what = "trial " + trial + ": " + n + " rows, " + classes + " classes, " + clusters + " clusters";
            assertEquals(elki.getPaircount().adjustedRandIndex(), ours.value(), 1e-12, what);
            assertEquals(elki.getSetMatchingPurity().purity(), ours.purity(), 1e-12, what);
        }
    }

    private static Clustering<Model> clustering(DBIDRange ids, int[] labels, int groups) {
        ArrayModifiableDBIDs[] members = new ArrayModifiableDBIDs[groups];
        for (int g = 0; g < groups; g++) {
            members[g] = DBIDUtil.newArray();
        }
        for (DBIDArrayIter it = ids.iter(); it.valid(); it.advance()) {
            members[labels[it.getOffset()]].add(it);
        }
        Clustering<Model> clustering = new Clustering<>();
        for (ArrayModifiableDBIDs group : members) {
            if (!group.isEmpty()) {
                clustering.addToplevelCluster(new Cluster<>(group, ClusterModel.CLUSTER));
            }
        }
        return clustering;
    }
}
