package io.github.minibatchkmeans.io;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;
import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import de.siegmar.fastcsv.reader.RecordType;
import io.github.minibatchkmeans.core.spi.InvalidInputException;
import io.github.minibatchkmeans.core.spi.SourceFiles;
import io.github.minibatchkmeans.core.spi.Values;
import io.github.minibatchkmeans.core.spi.Weights;
import java.util.regex.Pattern;

/**
 * Parses the selected fields of one record straight from FastCSV's buffer into a row
 * (FastDoubleParser), with one-line errors naming {@code file:line:column}. FastCSV hands each
 * record to this callback handler; {@link #buildRecord} returns it as the record.
 */
final class CsvRowParser extends AbstractBaseCsvCallbackHandler<CsvRowParser> {
    /** Spellings of NaN and infinity that other tools write (numpy, pandas, R) and Java does not parse. */
    private static final Pattern NON_FINITE = Pattern.compile("\\s*[+-]?(nan|inf|infinity)\\s*", Pattern.CASE_INSENSITIVE);

    private final CsvLayout layout;
    final double[] row;
    double weight;
    long line;
    /** Lines of the file before the text this parser reads. */
    private final long lineOffset;
    /** The header record is consumed by returning null from {@link #buildRecord()}. */
    private boolean headerPending;

    CsvRowParser(CsvLayout layout, long lineOffset, boolean header) {
        this.layout = layout;
        this.row = new double[layout.dimensions()];
        this.lineOffset = lineOffset;
        this.headerPending = header;
    }

    @Override
    protected void handleBegin(long startingLineNumber) {
        line = lineOffset + startingLineNumber;
        weight = 1.0;
    }

    @Override
    protected void handleField(int fieldIdx, char[] buf, int offset, int len, boolean quoted) {
        if (headerPending || fieldIdx >= layout.fieldCount) {
            return; // reported as a ragged row once the record is complete
        }
        int slot = layout.slotOfField[fieldIdx];
        if (slot == CsvLayout.SKIP) {
            return;
        }
        int category = layout.categoryOfField[fieldIdx];
        if (category >= 0) {
            category(fieldIdx, slot, category, new String(buf, offset, len).strip());
            return;
        }
        double[] fills = layout.fills; // non-null when imputing: what a missing feature value becomes
        double value;
        try {
            value = JavaDoubleParser.parseDouble(buf, offset, len);
        } catch (NumberFormatException e) { // the rare path: only here is the field's text made a String
            String text = new String(buf, offset, len);
            if (slot >= 0 && layout.isMissing(text)) {
                if (fills != null) {
                    row[slot] = fills[slot];
                    return;
                }
                // NaN is a missing value only when imputing; otherwise it is the non-finite number it says
                if (!text.strip().equalsIgnoreCase("nan")) {
                    throw new InvalidInputException(where(fieldIdx) + ": missing value (" + (text.isBlank() ? "empty field"
                            : "'" + text.strip() + "'") + "); --missing impute replaces missing values with their column's mean");
                }
            }
            throw new InvalidInputException(where(fieldIdx) + (NON_FINITE.matcher(text).matches()
                    ? ": not a finite number: '" : ": not a number: '") + SourceFiles.excerpt(text) + "'");
        }
        if (slot >= 0 && fills != null && Double.isNaN(value)) { // "NaN", which Java parses: missing when imputing
            row[slot] = fills[slot];
            return;
        }
        if (slot >= 0 && layout.missingNumbers.length > 0 && layout.isMissingNumber(value)) { // a marker such as -999
            if (fills != null) {
                row[slot] = fills[slot];
                return;
            }
            throw new InvalidInputException(where(fieldIdx) + ": missing value ('" + new String(buf, offset, len).strip()
                    + "'); --missing impute replaces missing values with their column's mean");
        }
        if (slot == CsvLayout.WEIGHT) {
            if (!Weights.isValid(value)) {
                throw Weights.rejected(value, where(fieldIdx));
            }
            weight = value;
        } else if (!Double.isFinite(value)) {
            throw new InvalidInputException(where(fieldIdx) + ": not a finite number: '" + new String(buf, offset, len) + "'");
        } else if (!Values.isUsable(value)) {
            throw Values.rejected(value, where(fieldIdx));
        } else {
            row[slot] = value;
        }
    }

    /**
     * A category column's field: the column of its value holds the one-hot value, the others 0; a
     * value a model never saw has no column (it adds the same to every centroid's distance); a
     * missing one is imputed or an error.
     */
    private void category(int fieldIdx, int slot, int category, String text) {
        Integer code = layout.categoryCodes.get(category).get(text);
        int width = layout.categoryValues.get(category).size();
        if (code == null && layout.isMissing(text)) {
            double[] fills = layout.fills;
            if (fills == null) {
                throw new InvalidInputException(where(fieldIdx) + ": missing value (" + (text.isEmpty() ? "empty field" : "'" + text
                        + "'") + "); --missing impute replaces missing values with their column's most frequent value");
            }
            System.arraycopy(fills, slot, row, slot, width);
            return;
        }
        java.util.Arrays.fill(row, slot, slot + width, 0);
        if (code != null) {
            row[slot + code] = layout.options.categorical().one();
        }
    }

    private String where(int fieldIdx) {
        return layout.name + ":" + line + ":" + (fieldIdx + 1);
    }

    @Override
    protected CsvRowParser buildRecord() {
        if (getRecordType() != RecordType.DATA) {
            return this; // empty lines: FastCSV drops them after this call
        }
        if (headerPending) {
            headerPending = false;
            return null;
        }
        if (getFieldCount() != layout.fieldCount) {
            throw new InvalidInputException(layout.name + ":" + line + ": expected " + layout.fieldCount + " fields, found "
                    + getFieldCount());
        }
        return this;
    }
}
