package io.github.minibatchkmeans.weka;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;
import weka.core.Instances;

/** An encoding saved before 0.2.0 (no one-hot value in its stream) reads as it encoded then: 1/√2 and the frequencies. */
class AttributeEncodingSerialTest {
    @Test
    void anEncodingWithoutItsOneHotValueReadsAsTheOldOne() throws Exception {
        Instances data = WekaData.groups(200, 3, 0.1, 2);
        AttributeEncoding old = AttributeEncoding.fit(data, data, true);
        java.lang.reflect.Field one = AttributeEncoding.class.getDeclaredField("one");
        one.setAccessible(true);
        one.setDouble(old, 0); // what Java serialization gives a field the stream lacks
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(old);
        }
        AttributeEncoding read;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            read = (AttributeEncoding) in.readObject();
        }
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
