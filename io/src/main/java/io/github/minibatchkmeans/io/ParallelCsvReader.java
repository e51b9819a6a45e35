package io.github.minibatchkmeans.io;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import io.github.minibatchkmeans.core.spi.BatchReader;
import io.github.minibatchkmeans.core.spi.InvalidInputException;
import io.github.minibatchkmeans.core.spi.ReadThreads;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Reads a file in byte ranges cut at line ends, each parsed by its own FastCSV reader on a thread
 * the pass lends ({@link ReadThreads}: the core's pool, at most the fit's {@code threads} at once),
 * handed out in file order: parsing, which dominates reading text, uses the processors the fit may.
 * Only for UTF-8 files without quote characters, where every newline ends a record.
 */
final class ParallelCsvReader implements BatchReader {
    /**
     * Bytes per range parsed by one task: 4 MB, less in a small heap — a range of short numbers
     * parses into about four times its bytes of doubles, and a pass holds a range per thread and one more.
     */
    static final int RANGE_BYTES = (int) Math.max(256 << 10, Math.min(4 << 20, Runtime.getRuntime().maxMemory() / 64));

    private final CsvLayout layout;
    private final Path file;
    private final ReadThreads threads;
    private final FileChannel channel;
    private final long size;
    private final ArrayDeque<Future<Parsed>> ahead = new ArrayDeque<>();
    private final Runnable atEnd;
    private long nextStart;
    private long linesBefore;
    private Parsed current;
    private int position;

    /** One byte range of the file, parsed: its rows, its lines, and the error that ended it, if any. */
    private record Parsed(double[] data, double[] weights, int rows, long lines, InvalidInputException error) {
    }

    ParallelCsvReader(CsvLayout layout, Path file, ReadThreads threads, Runnable atEnd) throws IOException {
        this.layout = layout;
        this.file = file;
        this.threads = threads;
        this.atEnd = atEnd;
        this.channel = FileChannel.open(file, StandardOpenOption.READ);
        this.size = channel.size();
        fillAhead();
    }

    /** Keeps as many ranges in parsing as the pass lends threads. */
    private void fillAhead() throws IOException {
        while (ahead.size() < threads.count() && nextStart < size) {
            long start = nextStart;
            long end = lineEndAfter(Math.min(size, start + RANGE_BYTES));
            nextStart = end;
            ahead.add(threads.submit(() -> parse(start, end)));
        }
    }

    /** The position just past the first newline at or after {@code from}, or the end of the file. */
    private long lineEndAfter(long from) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(1 << 12);
        long at = from;
        while (at < size) {
            buffer.clear();
            int n = channel.read(buffer, at);
            if (n <= 0) {
                break;
            }
            for (int i = 0; i < n; i++) {
                if (buffer.get(i) == '\n') {
                    return at + i + 1;
                }
            }
            at += n;
        }
        return size;
    }

    private Parsed parse(long start, long end) throws IOException {
        byte[] bytes = new byte[(int) (end - start)];
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, start + buffer.position()) < 0) {
                throw new IOException(file + ": the file shrank while being read");
            }
        }
        int from = start == 0 && bytes.length >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB
                && bytes[2] == (byte) 0xBF ? 3 : 0; // a UTF-8 byte order mark
        long lines = 0;
        for (byte b : bytes) {
            lines += b == '\n' ? 1 : 0;
        }
        int d = layout.dimensions();
        int guess = (int) Math.min(Integer.MAX_VALUE - 8, lines + 1); // a record per line (no quotes here); the last may lack its newline
        double[] data = new double[guess * d];
        double[] weights = new double[guess];
        int rows = 0;
        CsvRowParser parser = new CsvRowParser(layout, 0, start == 0 && layout.hasHeader);
        InvalidInputException error = null;
        try (CsvReader<CsvRowParser> csv = layout.builder().detectBomHeader(false).build(parser,
                new InputStreamReader(new ByteArrayInputStream(bytes, from, bytes.length - from), StandardCharsets.UTF_8))) {
            for (CsvRowParser record : csv) {
                if (rows == weights.length) {
                    weights = Arrays.copyOf(weights, 2 * rows);
                    data = Arrays.copyOf(data, 2 * rows * d);
                }
                System.arraycopy(record.row, 0, data, rows * d, d);
                weights[rows++] = record.weight;
            }
        } catch (CsvParseException e) {
            error = e.getCause() instanceof InvalidInputException bad ? bad
                    : new InvalidInputException(layout.name + ": " + e.getMessage() + ": " + e.getCause().getMessage(), e);
        }
        return new Parsed(data, weights, rows, lines, error);
    }

    @Override
    public int read(double[] data, double[] weights, int maxRows) throws IOException {
        int d = layout.dimensions();
        int n = 0;
        while (n < maxRows) {
            if (current == null || position == current.rows()) {
                if (current != null && current.error() != null) {
                    throw relocated(current.error());
                }
                if (current != null) {
                    linesBefore += current.lines();
                }
                fillAhead();
                if (ahead.isEmpty()) {
                    current = null;
                    if (n == 0) {
                        atEnd.run();
                    }
                    break;
                }
                current = await(ahead.poll());
                position = 0;
                continue;
            }
            int take = Math.min(maxRows - n, current.rows() - position);
            System.arraycopy(current.data(), position * d, data, n * d, take * d);
            System.arraycopy(current.weights(), position, weights, n, take);
            position += take;
            n += take;
        }
        return n;
    }

    /** A range's error with its line numbered in the whole file: "file:line[:column]: problem". */
    private InvalidInputException relocated(InvalidInputException error) {
        String message = error.getMessage();
        String prefix = layout.name + ":";
        if (!message.startsWith(prefix)) {
            return error;
        }
        int end = message.indexOf(':', prefix.length());
        try {
            long line = Long.parseLong(message.substring(prefix.length(), end));
            return new InvalidInputException(prefix + (linesBefore + line) + message.substring(end), error);
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            return error;
        }
    }

    private static Parsed await(Future<Parsed> future) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IOException(e.getCause());
        }
    }

    @Override
    public void close() throws IOException {
        for (Future<Parsed> pending : ahead) {
            pending.cancel(false);
        }
        channel.close();
    }
}
