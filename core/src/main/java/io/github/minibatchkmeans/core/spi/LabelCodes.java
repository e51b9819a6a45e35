package io.github.minibatchkmeans.core.spi;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A source's label column as small integer codes, in row order — for comparing a clustering with
 * known classes. Each distinct value gets the next code the first time it is seen.
 */
public final class LabelCodes {
    private final Map<String, Integer> codes = new HashMap<>();
    private final List<String> names;
    private int[] labels = new int[1024];
    private int count;

    /** @param names receives each distinct value at its code */
    public LabelCodes(List<String> names) {
        this.names = names;
    }

    /**
     * The next row's label value.
     *
     * @param value the label
     */
    public void add(String value) {
        Integer code = codes.get(value);
        if (code == null) {
            code = codes.size();
            codes.put(value, code);
            names.add(value);
        }
        if (count == labels.length) {
            labels = Arrays.copyOf(labels, 2 * count);
        }
        labels[count++] = code;
    }

    /**
     * The codes of the rows added so far, in order.
     *
     * @return one code per row
     */
    public int[] labels() {
        return Arrays.copyOf(labels, count);
    }
}
