package io.github.minibatchkmeans.io;

import de.siegmar.fastcsv.reader.CloseableIterator;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import io.github.minibatchkmeans.core.spi.BatchReader;
import io.github.minibatchkmeans.core.spi.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Reads delimited text front to back on one thread: a stream, a small file, or one with quotes. */
final class SerialCsvReader implements BatchReader {
    private final CsvLayout layout;
    private final CsvReader<CsvRowParser> csv;
    private final CloseableIterator<CsvRowParser> records;
    private final Runnable atEnd;

    /** @param atEnd run once the last row has been read (the file's stamp checked again, say) */
    SerialCsvReader(CsvLayout layout, CsvReader<CsvRowParser> csv, Runnable atEnd) {
        this.layout = layout;
        this.csv = csv;
        this.records = csv.iterator();
        this.atEnd = atEnd;
    }

    @Override
    public int read(double[] data, double[] weights, int maxRows) throws IOException {
        int d = layout.dimensions();
        int n = 0;
        try {
            while (n < maxRows && records.hasNext()) {
                CsvRowParser record = records.next();
                System.arraycopy(record.row, 0, data, n * d, d);
                weights[n] = record.weight;
                n++;
            }
        } catch (CsvParseException e) {
            if (e.getCause() instanceof InvalidInputException bad) {
                throw bad;
            }
            throw new InvalidInputException(layout.name + ": " + e.getMessage() + ": " + e.getCause().getMessage(), e);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        if (n == 0) {
            atEnd.run();
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        csv.close();
    }
}
