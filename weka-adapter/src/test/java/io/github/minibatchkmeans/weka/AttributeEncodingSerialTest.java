package io.github.minibatchkmeans.weka;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;
import weka.core.Instances;

/** An encoding or clusterer saved before 0.2.0 (fields its stream lacks) reads as it worked then. */
class AttributeEncodingSerialTest {
    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(T object) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(object);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }

    @Test
    void aClustererWithoutTheNominalSettingsReadsAsOneHotAsItWas() throws Exception {
        Instances data = WekaData.groups(200, 3, 0.1, 2);
        weka.clusterers.MiniBatchKMeans clusterer = new weka.clusterers.MiniBatchKMeans();
        clusterer.setOptions(new String[] {"-N", "3", "-S", "1"});
        clusterer.buildClusterer(data);
        for (String name : new String[] {"nominal", "nominalWeight"}) { // what a 0.1.0 stream leaves them
            java.lang.reflect.Field field = weka.clusterers.MiniBatchKMeans.class.getDeclaredField(name);
            field.setAccessible(true);
            field.set(clusterer, name.equals("nominal") ? null : 0.0);
        }
        weka.clusterers.MiniBatchKMeans read = roundTrip(clusterer);
        java.util.List<String> options = java.util.List.of(read.getOptions());
        org.junit.jupiter.api.Assertions.assertTrue(String.join(" ", options).contains("-nominal one-hot"), options.toString());
        org.junit.jupiter.api.Assertions.assertEquals(1.0, read.getNominalWeight());
        org.junit.jupiter.api.Assertions.assertEquals(clusterer.clusterInstance(data.instance(5)), read.clusterInstance(data.instance(5)));
    }

    @Test
    void anEncodingWithoutItsOneHotValueReadsAsTheOldOne() throws Exception {
        Instances data = WekaData.groups(200, 3, 0.1, 2);
        AttributeEncoding old = AttributeEncoding.fit(data, data, true);
        java.lang.reflect.Field one = AttributeEncoding.class.getDeclaredField("one");
        one.setAccessible(true);
        one.setDouble(old, 0); // what Java serialization gives a field the stream lacks
        AttributeEncoding read = roundTrip(old);
        AttributeEncoding expected = AttributeEncoding.fit(data, data, true);
        for (int i = 0; i < 20; i++) {
            double[] a = new double[expected.dimensions()];
            double[] b = new double[expected.dimensions()];
            expected.encode(data.instance(i), a, 0);
            read.encode(data.instance(i), b, 0);
            assertArrayEquals(a, b, "instance " + i);
        }
    }
}
