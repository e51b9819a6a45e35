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
        double one = 0;
        for (int j = 0; j < modelColumns.size(); j++) {
            String name = modelColumns.get(j);
            int split = name.indexOf('=');
            String column = split < 0 ? null : name.substring(0, split);
            if (header.contains(name) || column == null || !header.contains(column)) {
                columns.add(name);
                continue;
            }
            if (!values.containsKey(column)) {
                columns.add(column);
                values.put(column, new ArrayList<>());
                one = 0;
            }
            values.get(column).add(name.substring(split + 1));
            one += model.centroid(0)[j]; // a centroid's columns of one attribute add up to the one-hot value
        }
        return new ModelCategories(columns, new CsvOptions.Categorical(List.copyOf(values.keySet()), values,
                values.isEmpty() ? Math.sqrt(0.5) : one));
    }

    /**
     * The one-hot value a model's nominal columns were written with — the sum of its first centroid's
     * columns of the first attribute named {@code attribute=value} — or NaN if it names none.
     */
    static double oneHotValue(List<String> modelColumns, KMeansModel model) {
        String attribute = null;
        double one = 0;
        for (int j = 0; j < modelColumns.size(); j++) {
            String name = modelColumns.get(j);
            int split = name.indexOf('=');
            if (attribute == null && split > 0) {
                attribute = name.substring(0, split + 1);
            }
            if (attribute != null) {
                if (!name.startsWith(attribute)) {
                    break;
                }
                one += model.centroid(0)[j];
            }
        }
        return attribute == null ? Double.NaN : one;
    }
}
