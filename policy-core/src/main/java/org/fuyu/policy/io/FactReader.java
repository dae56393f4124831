package org.fuyu.policy.io;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;

import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.fuyu.policy.facts.FactException;
import org.fuyu.policy.facts.Household;

/**
 * Reads facts from JSON Lines ({@code .jsonl}, one record a line) or a JSON array
 * ({@code .json}) as a stream. Each record is checked on its own: a bad record is reported as a
 * {@link RecordError} with file, line, field path and what was expected, and reading goes on.
 *
 * @param <T> the fact type
 */
public final class FactReader<T> {
    /**
     * Longest record accepted, in bytes (UTF-8): a JSON Lines line, or an element of a {@code .json}
     * array.
     */
    public static final int MAX_LINE_LENGTH = 1 << 20;

    private final Class<T> type;
    private final ObjectReader reader;
    private final ObjectMapper mapper = FactMapper.get();
    /** Reads one array element as a tree; the elements after it are not "trailing tokens". */
    private final ObjectReader treeReader = mapper.reader()
            .without(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    public FactReader(Class<T> type) {
        this.type = type;
        this.reader = mapper.readerFor(type);
    }

    /** A record read successfully, with its line. */
    public record Read<T>(T value, int line) {
    }

    /** Reads {@code file}, handing each good record to {@code ok} and each bad one to {@code bad}. */
    public void read(Path file, Consumer<Read<T>> ok, Consumer<RecordError> bad) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            read(file.getFileName().toString(), in, ok, bad);
        }
    }

    public void read(String fileName, InputStream in, Consumer<Read<T>> ok, Consumer<RecordError> bad) throws IOException {
        if (fileName.toLowerCase(Locale.ROOT).endsWith(".json")) {
            readArray(fileName, in, ok, bad);
        } else {
            readLines(fileName, in, ok, bad);
        }
    }

    /** Reads everything into lists (for small inputs and tests). */
    public Result<T> readAll(Path file) throws IOException {
        List<Read<T>> good = new ArrayList<>();
        List<RecordError> errors = new ArrayList<>();
        read(file, good::add, errors::add);
        return new Result<>(good, errors);
    }

    /** Everything read from one file. */
    public record Result<T>(List<Read<T>> records, List<RecordError> errors) {
        public List<T> values() {
            return records.stream().map(Read::value).toList();
        }
    }

    private void readLines(String fileName, InputStream in, Consumer<Read<T>> ok, Consumer<RecordError> bad)
            throws IOException {
        LineSplitter lines = new LineSplitter(in, MAX_LINE_LENGTH);
        while (lines.next()) {
            int lineNo = lines.lineNumber();
            if (lines.truncated()) {
                bad.accept(tooLong(fileName, lineNo));
                continue;
            }
            if (LineSplitter.isBlank(lines.buffer(), lines.start(), lines.length())) {
                continue;
            }
            Object r = parseLine(fileName, lineNo, lines.buffer(), lines.start(), lines.length());
            if (r instanceof RecordError e) {
                bad.accept(e);
            } else {
                ok.accept(new Read<>(type.cast(r), lineNo));
            }
        }
    }

    /**
     * Reads one line of a JSON Lines file cut by someone else (a distributed reader such as
     * Spark's), exactly as {@link #read(String, InputStream, Consumer, Consumer)} reads the lines
     * of a file: the same checks and the same messages. {@code buf[off, off + len)} is the line
     * without its {@code \n}; a trailing {@code \r} and, on line 1, a UTF-8 byte order mark are
     * dropped here.
     *
     * @return false for a blank line (not a record: neither handler is called)
     */
    public boolean readLine(String fileName, int lineNo, byte[] buf, int off, int len, Consumer<Read<T>> ok,
                            Consumer<RecordError> bad) {
        if (len > 0 && buf[off + len - 1] == '\r') {
            len--;
        }
        if (lineNo == 1 && len >= 3 && buf[off] == (byte) 0xEF && buf[off + 1] == (byte) 0xBB
                && buf[off + 2] == (byte) 0xBF) {
            off += 3;
            len -= 3;
        }
        if (len > MAX_LINE_LENGTH) {
            bad.accept(tooLong(fileName, lineNo));
            return true;
        }
        if (LineSplitter.isBlank(buf, off, len)) {
            return false;
        }
        Object r;
        try {
            r = parseLine(fileName, lineNo, buf, off, len);
        } catch (RuntimeException | StackOverflowError e) {
            r = new RecordError(fileName, lineNo, "", "无法读取此记录 / the record could not be read: " + e
                    + "; correct it and run again");
        }
        if (r instanceof RecordError e) {
            bad.accept(e);
        } else {
            ok.accept(new Read<>(type.cast(r), lineNo));
        }
        return true;
    }

    static RecordError tooLong(String fileName, int lineNo) {
        return new RecordError(fileName, lineNo, "", "line longer than " + MAX_LINE_LENGTH
                + " bytes; expected one JSON object per line");
    }

    /**
     * Parses one JSON Lines record from UTF-8 bytes: the fact, or the {@link RecordError}
     * saying why the record was rejected.
     */
    Object parseLine(String fileName, int lineNo, byte[] buf, int off, int len) {
        RecordError early = TextChecks.beforeParsing(fileName, lineNo, buf, off, len);
        if (early != null) {
            return early;
        }
        try {
            Object value = reader.readValue(buf, off, len);
            return value != null ? value : TextChecks.notAnObject(fileName, lineNo, "null");
        } catch (com.fasterxml.jackson.core.JsonParseException e) {
            RecordError stray = TextChecks.strayCharacter(fileName, lineNo, buf, off, len);
            return stray != null ? stray : error(fileName, lineNo, e);
        } catch (JsonProcessingException e) {
            return error(fileName, lineNo, e);
        } catch (IOException e) {
            return new RecordError(fileName, lineNo, "", JsonMessages.syntax(e.getMessage()));
        }
    }

    private void readArray(String fileName, InputStream in, Consumer<Read<T>> ok, Consumer<RecordError> bad)
            throws IOException {
        // strict UTF-8 (the byte parser would take overlong forms such as C0 B1 for '1')
        try (JsonParser p = mapper.getFactory().createParser(new Utf8CheckingInputStream(in))) {
            try {
                readArray(fileName, p, ok, bad);
            } catch (java.nio.charset.CharacterCodingException e) {
                bad.accept(new RecordError(fileName, line(p.currentLocation()), "", "不是有效的 UTF-8 / not valid UTF-8 ("
                        + e.getMessage() + "); the rest of this file was not read; save it as UTF-8 and run again"));
            }
        }
    }

    private void readArray(String fileName, JsonParser p, Consumer<Read<T>> ok, Consumer<RecordError> bad)
            throws IOException {
        {
            JsonToken t;
            try {
                t = p.nextToken();
            } catch (JsonProcessingException e) {
                bad.accept(new RecordError(fileName, line(e.getLocation()), "", JsonMessages.syntax(e.getOriginalMessage())));
                return;
            }
            if (t == null) {
                return;
            }
            if (t != JsonToken.START_ARRAY) {
                bad.accept(new RecordError(fileName, line(p.currentTokenLocation()), "",
                        "expected a JSON array of " + type.getSimpleName() + " objects"));
                return;
            }
            com.fasterxml.jackson.core.JsonStreamContext array = p.getParsingContext();
            BoundedElement bounded = new BoundedElement(p, type == Household.class);
            while (true) {
                int lineNo = 0;
                try {
                    t = p.nextToken();
                    lineNo = line(p.currentTokenLocation());
                    if (t == JsonToken.END_ARRAY || t == null) {
                        return;
                    }
                    JsonNode node;
                    try {
                        node = treeReader.readTree(bounded.start());
                    } catch (BoundedElement.TooLarge e) {
                        while (p.getParsingContext() != array && p.nextToken() != null) {
                            // skip the rest of the element without keeping it
                        }
                        bad.accept(new RecordError(fileName, lineNo, e.field(), e.getMessage()));
                        continue;
                    }
                    if (node == null || node.isNull()) {
                        bad.accept(TextChecks.notAnObject(fileName, lineNo, "null"));
                        continue;
                    }
                    try {
                        ok.accept(new Read<>(reader.readValue(node), lineNo));
                    } catch (JsonProcessingException e) {
                        bad.accept(error(fileName, lineNo, e));
                    }
                } catch (JsonProcessingException e) {
                    bad.accept(new RecordError(fileName, line(e.getLocation()), "",
                            JsonMessages.syntax(e.getOriginalMessage()) + "; the rest of this file was not read"));
                    return;
                }
            }
        }
    }

    private RecordError error(String file, int line, JsonProcessingException e) {
        String id = null;
        if (e instanceof ValueInstantiationException vie && vie.getCause() instanceof FactException fe) {
            return new RecordError(file, line, join(path(vie), fe.field()), fe.expected(), id);
        }
        if (e instanceof UnrecognizedPropertyException u) {
            List<String> known = new ArrayList<>();
            u.getKnownPropertyIds().forEach(o -> known.add(o.toString()));
            known.sort(null);
            return new RecordError(file, line, path(u), "unknown field '" + u.getPropertyName()
                    + "'; expected one of " + String.join(", ", known), id);
        }
        if (e instanceof InvalidFormatException f) {
            if ((f.getValue() instanceof Double || f.getValue() instanceof java.math.BigDecimal)
                    && describe(f.getTargetType()).equals("a whole number")) {
                // the parser's reading of 1e999999 (Infinity) or 1e-999999999 (0.0) would mislead
                return new RecordError(file, line, path(f), "expected a whole number (digits only: no decimal point, "
                        + "fraction or exponent), got a number written with one", id);
            }
            return new RecordError(file, line, path(f), "expected " + describe(f.getTargetType())
                    + ", got " + quote(f.getValue()), id);
        }
        if (e instanceof MismatchedInputException m) {
            String msg = m.getOriginalMessage();
            if (msg.startsWith("Missing required creator property")) {
                String field = msg.replaceAll("(?s).*property '([^']+)'.*", "$1");
                String at = path(m);
                return new RecordError(file, line, at.equals(field) || at.endsWith("." + field) ? at : join(at, field),
                        "required field is missing", id);
            }
            if (msg.startsWith("Cannot coerce") || msg.startsWith("Cannot deserialize") || msg.startsWith("Cannot construct")) {
                String got = JsonMessages.got(msg);
                return new RecordError(file, line, path(m), "expected " + describe(m.getTargetType())
                        + (got == null ? "" : ", " + got), id);
            }
            return new RecordError(file, line, path(m), JsonMessages.clean(msg), id);
        }
        if (e instanceof JsonMappingException m) {
            String tooLarge = JsonMessages.tooLarge(m.getOriginalMessage());
            return new RecordError(file, line, path(m), tooLarge != null ? tooLarge
                    : JsonMessages.clean(m.getOriginalMessage()), id);
        }
        return new RecordError(file, line, "", JsonMessages.syntax(e.getOriginalMessage()), id);
    }

    private static String describe(Class<?> t) {
        if (t == null) {
            return "a value of another type";
        }
        if (t == long.class || t == Long.class || t == int.class || t == Integer.class) {
            return "a whole number";
        }
        if (t == boolean.class || t == Boolean.class) {
            return "true or false";
        }
        if (t == String.class) {
            return "a string";
        }
        if (t == java.time.LocalDate.class) {
            return "a date YYYY-MM-DD";
        }
        if (t == java.math.BigDecimal.class) {
            return "a number";
        }
        if (t.isEnum()) {
            List<String> names = new ArrayList<>();
            for (Object c : t.getEnumConstants()) {
                names.add(c.toString());
            }
            return "one of " + String.join(", ", names);
        }
        if (List.class.isAssignableFrom(t) || java.util.Set.class.isAssignableFrom(t)) {
            return "an array";
        }
        return "an object (" + t.getSimpleName() + ")";
    }

    private static String quote(Object v) {
        return v instanceof String s ? "'" + s + "'" : String.valueOf(v);
    }

    private static String firstLine(String s) {
        int i = s.indexOf('\n');
        return i < 0 ? s : s.substring(0, i);
    }

    static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String join(String a, String b) {
        return a.isEmpty() ? b : b.isEmpty() ? a : a + "." + b;
    }

    private static int line(JsonLocation loc) {
        return loc == null ? 0 : loc.getLineNr();
    }
}
