package org.fuyu.policy.examples.report;

import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A complete list beside the report, as CSV that spreadsheet programs open as it is: UTF-8 with a
 * byte order mark (so Excel reads 中文 as UTF-8), a header row in the current language, one row
 * per item, written as items stream by (Jackson's CSV writer quotes what needs quoting). A text
 * cell that a spreadsheet would take for a formula — one that starts with {@code =}, {@code +},
 * {@code -}, {@code @}, a tab or a carriage return — is neutralised with a leading apostrophe, so
 * a household id or a village name from the input cannot run as a formula. Numbers are written
 * as numbers.
 */
final class CsvList implements Closeable {
    private static final CsvMapper CSV = new CsvMapper();

    private final Path file;
    private final Writer writer;
    private final SequenceWriter rows;
    private long count;

    private CsvList(Path file, List<String> header) throws IOException {
        this.file = file;
        this.writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        writer.write('\uFEFF');
        this.rows = CSV.writerFor(List.class).with(CsvSchema.emptySchema()).writeValues(writer);
        rows.write(header.stream().map(CsvList::cell).toList());
    }

    /** Creates {@code file} with its header row. */
    static CsvList create(Path file, List<String> header) throws IOException {
        return new CsvList(file, header);
    }

    /** Appends one row: texts are neutralised ({@link #cell(Object)}), numbers written as they are. */
    void row(Object... cells) {
        List<Object> out = new ArrayList<>(cells.length);
        for (Object c : cells) {
            out.add(cell(c));
        }
        try {
            rows.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        count++;
    }

    /** Rows written, not counting the header. */
    long count() {
        return count;
    }

    /** The file's name, for a link beside the report. */
    String name() {
        return file.getFileName().toString();
    }

    /**
     * A cell as written: null as empty, a number as it is, a text that starts like a formula
     * ({@code = + - @}, tab, carriage return) with an apostrophe before it.
     */
    static Object cell(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Number) {
            return v;
        }
        String s = String.valueOf(v);
        if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
            return "'" + s;
        }
        return s;
    }

    @Override
    public void close() throws IOException {
        rows.close();
        writer.close();
    }
}
