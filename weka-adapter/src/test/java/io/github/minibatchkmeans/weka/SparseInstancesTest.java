package io.github.minibatchkmeans.weka;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import weka.clusterers.MiniBatchKMeans;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.SparseInstance;
import weka.filters.Filter;
import weka.filters.unsupervised.instance.SparseToNonSparse;
import weka.filters.unsupervised.attribute.StringToWordVector;

/**
 * Text as Weka makes it — {@code StringToWordVector}'s sparse instances — is clustered without
 * densifying, and exactly as the same instances made dense ({@code SparseToNonSparse}).
 */
class SparseInstancesTest {
    private static final int TOPICS = 3;

    /** 360 short documents, each mostly words of one of three topics, as TF-IDF word vectors. */
    static Instances documents() throws Exception {
        Random random = new Random(12);
        ArrayList<Attribute> attributes = new ArrayList<>();
        attributes.add(new Attribute("text", (List<String>) null));
        Instances text = new Instances("docs", attributes, 0);
        for (int i = 0; i < 360; i++) {
            StringBuilder doc = new StringBuilder();
            for (int w = 0; w < 25; w++) {
                int topic = random.nextInt(5) == 0 ? random.nextInt(TOPICS) : i % TOPICS;
                doc.append(" t").append(topic).append('w').append(random.nextInt(40));
            }
            double[] values = {text.attribute(0).addStringValue(doc.toString())};
            text.add(new DenseInstance(1, values));
        }
        StringToWordVector words = new StringToWordVector();
        words.setOptions(new String[] {"-W", "100000", "-I", "-T", "-C"});
        words.setInputFormat(text);
        return Filter.useFilter(text, words);
    }

    private static Instances dense(Instances sparse) throws Exception {
        SparseToNonSparse filter = new SparseToNonSparse();
        filter.setInputFormat(sparse);
        return Filter.useFilter(sparse, filter);
    }

    @Test
    void textIsEncodedSparseAsItsDenseEncodingWithoutTheZeros() throws Exception {
        Instances sparse = documents();
        assertTrue(sparse.instance(0) instanceof SparseInstance);
        for (boolean normalize : new boolean[] {true, false}) {
            AttributeEncoding encoding = AttributeEncoding.fit(sparse, sparse, normalize);
            AttributeEncoding fromDense = AttributeEncoding.fit(dense(sparse), sparse, normalize);
            assertArrayEquals(fromDense.shift(), encoding.shift(), 0.0, "the zeros sparse instances leave out are counted in");
            assertArrayEquals(fromDense.scale(), encoding.scale(), 0.0);
            assertTrue(encoding.keepsSparse());
            assertTrue(new InstancesSource(sparse, encoding).sparse());
            int d = encoding.dimensions();
            int[] columns = new int[d];
            double[] values = new double[d];
            for (Instance instance : sparse) {
                double[] expected = new double[d];
                encoding.encode(instance, expected, 0);
                double[] actual = new double[d];
                for (int e = 0, n = encoding.encodeSparse(instance, columns, values); e < n; e++) {
                    assertTrue(e == 0 || columns[e] > columns[e - 1], "columns increase");
                    actual[columns[e]] = values[e];
                }
                assertArrayEquals(expected, actual, 0.0);
            }
        }
    }

    @Test
    void clusteringSparseTextEqualsClusteringItDenseForEachMetric() throws Exception {
        Instances sparse = documents();
        Instances dense = dense(sparse);
        for (String metric : new String[] {"euclidean", "cosine"}) {
            MiniBatchKMeans fromSparse = new MiniBatchKMeans();
            fromSparse.setOptions(new String[] {"-N", "3", "-S", "2", "-metric", metric});
            fromSparse.buildClusterer(sparse);
            MiniBatchKMeans fromDense = new MiniBatchKMeans();
            fromDense.setOptions(new String[] {"-N", "3", "-S", "2", "-metric", metric});
            fromDense.buildClusterer(dense);
            assertEquals(fromDense.getModel().iterations(), fromSparse.getModel().iterations(), metric);
            for (int c = 0; c < 3; c++) {
                double[] expected = fromDense.getModel().centroid(c);
                double[] actual = fromSparse.getModel().centroid(c);
                for (int j = 0; j < expected.length; j++) {
                    assertEquals(expected[j], actual[j], 1e-12 * Math.max(1, Math.abs(expected[j])), metric + ", centroid " + c);
                }
            }
            int[] byTopic = new int[TOPICS * 3];
            for (int i = 0; i < sparse.numInstances(); i++) {
                int cluster = fromSparse.clusterInstance(sparse.instance(i));
                assertEquals(fromDense.clusterInstance(dense.instance(i)), cluster, metric + ", instance " + i);
                byTopic[(i % TOPICS) * 3 + cluster]++;
            }
            for (int t = 0; t < TOPICS; t++) { // each topic almost wholly in one cluster
                int largest = Math.max(byTopic[t * 3], Math.max(byTopic[t * 3 + 1], byTopic[t * 3 + 2]));
                assertTrue(largest >= 110, metric + ": topic " + t + " split " + java.util.Arrays.toString(byTopic));
            }
        }
    }
}
