package io.github.minibatchkmeans.core.internal.source;

import io.github.minibatchkmeans.core.spi.BatchSource;
import io.github.minibatchkmeans.core.spi.InvalidInputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;

/**
 * The header of a NumPy {@code .npy} file (format versions 1.0, 2.0 and 3.0): a magic string, a
 * little-endian header length and a Python dict literal giving dtype, memory order and shape.
 * Only 2-D, C-order, little-endian float32/float64 arrays are accepted.
 */
public record NpyHeader(long rows, int columns, int itemSize, long dataOffset) {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

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
        long found = Math.max(0, channel.size() - header.dataOffset);
        long rowBytes = (long) header.columns * header.itemSize;
        if (header.rows > found / rowBytes) { // divided, not multiplied: a hostile shape cannot overflow the check
            throw new InvalidInputException(name + ": truncated .npy: shape (" + header.rows + ", " + header.columns
                    + ") needs " + (header.rows > Long.MAX_VALUE / rowBytes ? "more than 2^63" : Long.toString(header.rows * rowBytes))
                    + " bytes of data, found " + found);
        }
        return header;
    }

    /**
     * Any {@code .npy} array's header, read from the start of {@code in} (which is left at the
     * data): its dtype ({@code descr}) and shape, for the arrays of an {@code .npz} file.
     *
     * @param descr the dtype, such as {@code <i4}, {@code <f8} or {@code |S3}
     * @param shape the length of each dimension (none for a scalar)
     */
    public record Array(String descr, long[] shape) {
        /** The number of values. */
        public long size() {
            long size = 1;
            for (long length : shape) {
                size = Math.multiplyExact(size, length);
            }
            return size;
        }
    }

    /** Reads the header of the array at the start of {@code in}; {@code name} is used in messages. */
    public static Array readArray(java.io.InputStream in, String name) throws IOException {
        byte[] prefix = in.readNBytes(10);
        if (prefix.length < 10 || !java.util.Arrays.equals(prefix, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new InvalidInputException(name + ": not a .npy array (bad magic string)");
        }
        int major = prefix[6];
        long headerLength;
        if (major == 1) {
            headerLength = Short.toUnsignedInt(ByteBuffer.wrap(prefix, 8, 2).order(ByteOrder.LITTLE_ENDIAN).getShort());
        } else if (major == 2 || major == 3) {
            byte[] more = in.readNBytes(2);
            byte[] length = {prefix[8], prefix[9], more.length > 0 ? more[0] : 0, more.length > 1 ? more[1] : 0};
            headerLength = Integer.toUnsignedLong(ByteBuffer.wrap(length).order(ByteOrder.LITTLE_ENDIAN).getInt());
        } else {
            throw new InvalidInputException(name + ": unsupported .npy format version " + major);
        }
        if (headerLength > 1 << 20) {
            throw new InvalidInputException(name + ": .npy header of " + headerLength + " bytes is implausibly long");
        }
        byte[] text = in.readNBytes((int) headerLength);
        if (text.length < headerLength) {
            throw new InvalidInputException(name + ": truncated .npy header");
        }
        java.util.Map<String, Object> header = new Literal(new String(text, major == 3 ? StandardCharsets.UTF_8
                : StandardCharsets.ISO_8859_1), name).dict();
        if (!(header.get("descr") instanceof String descr) || !(header.get("shape") instanceof java.util.List<?> shape)
                || !Boolean.FALSE.equals(header.get("fortran_order"))) {
            throw new InvalidInputException(name + ": .npy header needs a string 'descr', a tuple 'shape' and 'fortran_order' False");
        }
        long[] lengths = new long[shape.size()];
        for (int i = 0; i < lengths.length; i++) {
            if (!(shape.get(i) instanceof Long length) || length < 0) {
                throw new InvalidInputException(name + ": bad .npy shape " + Literal.show(shape));
            }
            lengths[i] = length;
        }
        return new Array(descr, lengths);
    }

    private static NpyHeader parse(String dict, long dataOffset, String name) {
        java.util.Map<String, Object> header = new Literal(dict, name).dict();
        if (!header.keySet().equals(java.util.Set.of("descr", "fortran_order", "shape"))) { // as numpy insists
            throw new InvalidInputException(name + ": .npy header must have the keys 'descr', 'fortran_order' and 'shape', found "
                    + header.keySet());
        }
        Object descr = header.get("descr");
        int itemSize = descr instanceof String d ? switch (d) {
            case "<f8", "=f8" -> Double.BYTES;
            case "<f4", "=f4" -> Float.BYTES;
            default -> -1;
        } : -1;
        if (itemSize < 0) {
            throw new InvalidInputException(name + ": unsupported .npy dtype " + Literal.show(descr)
                    + " (need little-endian float32 '<f4' or float64 '<f8')");
        }
        Object fortran = header.get("fortran_order");
        if (!(fortran instanceof Boolean)) {
            throw new InvalidInputException(name + ": .npy header's 'fortran_order' is " + Literal.show(fortran) + ", not True or False");
        }
        if ((Boolean) fortran) {
            throw new InvalidInputException(name + ": Fortran-order .npy is not supported (save with C order)");
        }
        if (!(header.get("shape") instanceof java.util.List<?> shape) || shape.size() != 2
                || !(shape.get(0) instanceof Long) || !(shape.get(1) instanceof Long)) {
            throw new InvalidInputException(name + ": .npy array must be 2-D (rows, columns), found shape "
                    + Literal.show(header.get("shape")));
        }
        long rows = (Long) shape.get(0);
        long columns = (Long) shape.get(1);
        if (rows < 0 || columns < 0) {
            throw new InvalidInputException(name + ": bad .npy shape " + Literal.show(shape) + ": a dimension is negative");
        }
        if (columns < 1 || columns > BatchSource.MAX_FEATURES) {
            throw new InvalidInputException(name + ": .npy array has " + columns + " columns (at least 1, at most "
                    + BatchSource.MAX_FEATURES + ")");
        }
        return new NpyHeader(rows, (int) columns, itemSize, dataOffset);
    }

    /**
     * The Python literal of a header, read as {@code ast.literal_eval} (numpy's reader) reads it: a
     * dict whose later duplicate key wins, with string, boolean, integer and tuple values; text
     * inside a string is never taken for a key.
     */
    private static final class Literal {
        private final String text;
        private final String name;
        private int at;

        Literal(String text, String name) {
            this.text = text;
            this.name = name;
        }

        java.util.Map<String, Object> dict() {
            space();
            expect('{');
            java.util.Map<String, Object> dict = new java.util.LinkedHashMap<>();
            space();
            while (!peek('}')) {
                Object key = value();
                space();
                expect(':');
                space();
                if (!(key instanceof String k)) {
                    throw bad("a key that is not a string");
                }
                dict.put(k, value());
                space();
                if (!peek('}')) {
                    expect(',');
                    space();
                }
            }
            expect('}');
            space();
            if (at < text.length()) {
                throw bad("text after the dict");
            }
            return dict;
        }

        private Object value() {
            if (at >= text.length()) {
                throw bad("the end of the header");
            }
            char c = text.charAt(at);
            if (c == '\'' || c == '"') {
                return string(c);
            }
            if (c == '(' || c == '[') {
                return sequence(c == '(' ? ')' : ']');
            }
            if (text.startsWith("True", at)) {
                at += 4;
                return Boolean.TRUE;
            }
            if (text.startsWith("False", at)) {
                at += 5;
                return Boolean.FALSE;
            }
            if (c == '-' || c == '+' || Character.isDigit(c)) {
                return integer();
            }
            if (c == '{') {
                throw bad("a nested dict");
            }
            throw bad("'" + c + "'");
        }

        private String string(char quote) {
            StringBuilder out = new StringBuilder();
            for (at++; at < text.length() && text.charAt(at) != quote; at++) {
                char c = text.charAt(at);
                if (c == '\\' && at + 1 < text.length()) {
                    c = text.charAt(++at);
                }
                out.append(c);
            }
            expect(quote);
            return out.toString();
        }

        private java.util.List<Object> sequence(char close) {
            at++;
            java.util.List<Object> items = new java.util.ArrayList<>();
            space();
            while (!peek(close)) {
                items.add(value());
                space();
                if (!peek(close)) {
                    expect(',');
                    space();
                }
            }
            expect(close);
            return items;
        }

        private Long integer() {
            int from = at;
            if (text.charAt(at) == '-' || text.charAt(at) == '+') {
                at++;
            }
            while (at < text.length() && Character.isDigit(text.charAt(at))) {
                at++;
            }
            String digits = text.substring(from, at);
            if (at < text.length() && text.charAt(at) == 'L') { // Python 2's long literal, which numpy still reads
                at++;
            }
            try {
                return Long.parseLong(digits.startsWith("+") ? digits.substring(1) : digits);
            } catch (NumberFormatException e) {
                throw bad("the number " + digits);
            }
        }

        private void space() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
        }

        private boolean peek(char c) {
            return at < text.length() && text.charAt(at) == c;
        }

        private void expect(char c) {
            if (!peek(c)) {
                throw bad(at < text.length() ? "'" + text.charAt(at) + "' where '" + c + "' belongs" : "the end where '" + c + "' belongs");
            }
            at++;
        }

        private InvalidInputException bad(String what) {
            return new InvalidInputException(name + ": .npy header is not a Python dict literal: " + what + " at character " + at
                    + " of " + text.strip());
        }

        /** A parsed value as Python would print it, for messages. */
        static String show(Object value) {
            if (value instanceof String s) {
                return "'" + s + "'";
            }
            if (value instanceof Boolean b) {
                return b ? "True" : "False";
            }
            if (value instanceof java.util.List<?> items) {
                StringBuilder out = new StringBuilder("(");
                for (int i = 0; i < items.size(); i++) {
                    out.append(i == 0 ? "" : ", ").append(show(items.get(i)));
                }
                return out.append(items.size() == 1 ? ",)" : ")").toString();
            }
            return String.valueOf(value);
        }
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
