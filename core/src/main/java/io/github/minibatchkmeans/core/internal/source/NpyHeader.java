package io.github.minibatchkmeans.core.internal.source;

import io.github.minibatchkmeans.core.spi.InvalidInputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The header of a NumPy {@code .npy} file (format versions 1.0, 2.0 and 3.0): a magic string, a
 * little-endian header length and a Python dict literal giving dtype, memory order and shape.
 * Only 2-D, C-order, little-endian float32/float64 arrays are accepted.
 */
public record NpyHeader(long rows, int columns, int itemSize, long dataOffset) {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    /** Reads and validates the header at the start of {@code channel}; {@code name} is used in messages. */
    public static NpyHeader read(FileChannel channel, String name) throws IOException {
        ByteBuffer prefix = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        readFully(channel, prefix, 0, name);
        for (int i = 0; i < MAGIC.length; i++) {
            if (prefix.get(i) != MAGIC[i]) {
                throw new InvalidInputException(name + ": not a .npy file (bad magic string)");
            }
        }
        int major = prefix.get(6);
        long headerLength;
        long headerStart;
        if (major == 1) {
            headerLength = Short.toUnsignedInt(prefix.getShort(8));
            headerStart = 10;
        } else if (major == 2 || major == 3) {
            headerLength = Integer.toUnsignedLong(prefix.getInt(8));
            headerStart = 12;
        } else {
            throw new InvalidInputException(name + ": unsupported .npy format version " + major);
        }
        if (headerLength > 1 << 20) {
            throw new InvalidInputException(name + ": .npy header of " + headerLength + " bytes is implausibly long");
        }
        ByteBuffer text = ByteBuffer.allocate((int) headerLength);
        readFully(channel, text, headerStart, name);
        String dict = new String(text.array(), major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        NpyHeader header = parse(dict, headerStart + headerLength, name);
        long needed = header.dataOffset + header.rows * header.columns * header.itemSize;
        if (channel.size() < needed) {
            throw new InvalidInputException(name + ": truncated .npy: shape (" + header.rows + ", " + header.columns
                    + ") needs " + (needed - header.dataOffset) + " bytes of data, found " + (channel.size() - header.dataOffset));
        }
        return header;
    }

    private static NpyHeader parse(String dict, long dataOffset, String name) {
        String descr = group(DESCR, dict, "descr", name);
        int itemSize = switch (descr) {
            case "<f8", "=f8" -> Double.BYTES;
            case "<f4", "=f4" -> Float.BYTES;
            default -> throw new InvalidInputException(name + ": unsupported .npy dtype '" + descr
                    + "' (need little-endian float32 '<f4' or float64 '<f8')");
        };
        if (group(FORTRAN, dict, "fortran_order", name).equals("True")) {
            throw new InvalidInputException(name + ": Fortran-order .npy is not supported (save with C order)");
        }
        String shape = group(SHAPE, dict, "shape", name).trim();
        String[] parts = shape.split("\\s*,\\s*");
        if (parts.length != 2 || parts[1].isEmpty()) {
            throw new InvalidInputException(name + ": .npy array must be 2-D (rows, columns), found shape (" + shape + ")");
        }
        long rows;
        long columns;
        try {
            rows = Long.parseLong(parts[0]);
            columns = Long.parseLong(parts[1]);
        } catch (NumberFormatException e) {
            throw new InvalidInputException(name + ": bad .npy shape (" + shape + ")");
        }
        if (rows < 0 || columns < 0) {
            throw new InvalidInputException(name + ": bad .npy shape (" + shape + "): a dimension is negative");
        }
        if (columns < 1 || columns > Integer.MAX_VALUE / 8) {
            throw new InvalidInputException(name + ": .npy array has " + columns + " columns");
        }
        return new NpyHeader(rows, (int) columns, itemSize, dataOffset);
    }

    private static String group(Pattern pattern, String dict, String key, String name) {
        Matcher m = pattern.matcher(dict);
        if (!m.find()) {
            throw new InvalidInputException(name + ": .npy header has no valid '" + key + "': " + dict.trim());
        }
        return m.group(1);
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position, String name) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new InvalidInputException(name + ": truncated .npy header");
            }
        }
    }

    /** The header bytes for a 2-D little-endian float array, padded so the data starts 64-byte aligned. */
    public static byte[] encode(long rows, int columns, boolean float32) {
        String dict = "{'descr': '" + (float32 ? "<f4" : "<f8") + "', 'fortran_order': False, 'shape': ("
                + rows + ", " + columns + "), }";
        int unpadded = 10 + dict.length() + 1;
        int total = (unpadded + 63) / 64 * 64;
        ByteBuffer out = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) (total - 10));
        out.put(dict.getBytes(StandardCharsets.ISO_8859_1));
        while (out.position() < total - 1) {
            out.put((byte) ' ');
        }
        out.put((byte) '\n');
        return out.array();
    }
}
