package io.github.minibatchkmeans.cli;

import io.github.minibatchkmeans.core.KMeansModel;
import io.github.minibatchkmeans.io.CsvOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model's CSV columns as a file's columns to read: a model fitted with {@code --categorical}
 * names a category column's one-hot columns {@code column=value}; where the file's header has
 * {@code column} but not {@code column=value}, those names are that category column, its values in
 * the model's order (so predict maps values by name, whatever the new file holds).
 *
 * @param columns     the file's columns to read, each category column once, in the model's order
 * @param categorical the category columns with the model's values and one-hot value
 */
record ModelCategories(List<String> columns, CsvOptions.Categorical categorical) {

    static ModelCategories of(List<String> modelColumns, List<String> header, KMeansModel model) {
        List<String> columns = new ArrayList<>();
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (String name : modelColumns) {
            int split = name.indexOf('=');
            String column = split < 0 ? null : name.substring(0, split);
            if (header.contains(name) || column == null || !header.contains(column)) {
                columns.add(name);
                continue;
            }
            if (!values.containsKey(column)) {
                columns.add(column);
                values.put(column, new ArrayList<>());
            }
            values.get(column).add(name.substring(split + 1));
        }
        double one = values.isEmpty() ? Math.sqrt(0.5) : oneHotValue(modelColumns, model, values.keySet().iterator().next());
        return new ModelCategories(columns, new CsvOptions.Categorical(List.copyOf(values.keySet()), values, one));
    }

    /**
     * The one-hot value a model's nominal columns were written with (its γ: √(γ/2)), from the first
     * attribute it names {@code attribute=value}; NaN if it names none.
     */
    static double oneHotValue(List<String> modelColumns, KMeansModel model) {
        for (String name : modelColumns) {
            int split = name.indexOf('=');
            if (split > 0) {
                return oneHotValue(modelColumns, model, name.substring(0, split));
            }
        }
        return Double.NaN;
    }

    /** The sum of the first centroid's columns {@code attribute=…}: a centroid's columns of one attribute add up to the one-hot value. */
    private static double oneHotValue(List<String> modelColumns, KMeansModel model, String attribute) {
        double[] first = model.centroid(0);
        double one = 0;
        for (int j = 0; j < modelColumns.size(); j++) {
            one += modelColumns.get(j).startsWith(attribute + "=") ? first[j] : 0;
        }
        return one;
    }
}
