package org.fuyu.policy.packs;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.drools.decisiontable.InputType;
import org.drools.decisiontable.parser.DecisionTableParser;
import org.drools.template.parser.DataListener;

/**
 * The first sheet of an {@code .xlsx} decision table as Drools' {@code ExcelParser} reports it to its
 * listeners, read without Apache POI (whose classes and OOXML schemas take about half a second to
 * load in a fresh JVM). It only reads what it can report exactly as POI would: text, booleans,
 * blank cells and whole numbers shown in the General format, with merged regions. Anything else
 * (formulas, dates, other number formats, rich text, inline strings, a file that is not a plain
 * xlsx...) makes {@link #read(byte[])} return null, and the caller reads the file with POI.
 */
final class XlsxSheet {
    private static final String MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private static final String REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private static final String OFFICE_DOCUMENT = REL + "/officeDocument";
    /** The most any part, and all parts together, may inflate to. */
    private static final long MAX_PART = 64L << 20;
    /** POI refuses entries that inflate more than 100 times (its zip-bomb guard, as Drools sets it). */
    private static final double MIN_INFLATE_RATIO = 0.01;

    /** One event of the sheet: a row ({@code value == null}) or a cell. */
    record Event(int row, int column, String value, int mergedColStart) {
    }

    private XlsxSheet() {
    }

    /** The events ExcelParser would send for the first sheet, or null when only POI can tell. */
    static List<Event> read(byte[] xlsx) {
        try {
            return parse(xlsx);
        } catch (XMLStreamException | IOException | RuntimeException e) {
            return null; // POI decides what this file is, and reports it the way it always has
        }
    }

    /** Sends the events to listeners, as ExcelParser does (no startSheet; finishSheet at the end). */
    static void replay(List<Event> events, List<? extends DataListener> listeners) {
        for (Event e : events) {
            for (DataListener listener : listeners) {
                if (e.value == null) {
                    listener.newRow(e.row, e.column);
                } else {
                    listener.newCell(e.row, e.column, e.value, e.mergedColStart);
                }
            }
        }
        for (DataListener listener : listeners) {
            listener.finishSheet();
        }
    }

    /** An input type whose parser sends these events, whatever stream it is given. */
    static InputType inputType(List<Event> events) {
        return new InputType() {
            @Override
            public DecisionTableParser createParser(DataListener listener) {
                return createParser(List.of(listener));
            }

            @Override
            public DecisionTableParser createParser(List<DataListener> listeners) {
                return new DecisionTableParser() {
                    @Override
                    public void parseFile(java.io.InputStream ignored) {
                        replay(events, listeners);
                    }

                    @Override
                    public void parseFile(java.io.File ignored) {
                        replay(events, listeners);
                    }
                };
            }
        };
    }

    private static List<Event> parse(byte[] xlsx) throws IOException, XMLStreamException {
        Map<String, byte[]> parts = unzip(xlsx);
        if (parts == null) {
            return null;
        }
        String workbook = target("", parts.get("_rels/.rels"), OFFICE_DOCUMENT);
        if (workbook == null || !parts.containsKey(workbook)) {
            return null;
        }
        String folder = workbook.contains("/") ? workbook.substring(0, workbook.lastIndexOf('/') + 1) : "";
        byte[] rels = parts.get(folder + "_rels/" + workbook.substring(folder.length()) + ".rels");
        Map<String, String[]> relations = relations(folder, rels);
        if (relations == null) {
            return null;
        }
        String firstSheetId = firstSheet(parts.get(workbook));
        String[] sheetRel = firstSheetId == null ? null : relations.get(firstSheetId);
        if (sheetRel == null || !parts.containsKey(sheetRel[1])) {
            return null;
        }
        List<String> strings = List.of();
        List<Integer> formats = null;
        java.util.Set<Integer> customFormats = java.util.Set.of();
        for (String[] r : relations.values()) {
            if (r[0].endsWith("/sharedStrings")) {
                strings = sharedStrings(parts.get(r[1]));
            } else if (r[0].endsWith("/styles")) {
                customFormats = new java.util.HashSet<>();
                formats = cellFormats(parts.get(r[1]), customFormats);
            }
            if (strings == null) {
                return null;
            }
        }
        if (formats == null) {
            return null; // no styles part: POI's idea of a number's format is its own
        }
        return sheet(parts.get(sheetRel[1]), strings, formats, customFormats);
    }

    private static Map<String, byte[]> unzip(byte[] xlsx) throws IOException {
        Map<String, byte[]> parts = new HashMap<>();
        long total = 0;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(xlsx))) {
            ZipEntry e;
            byte[] buffer = new byte[8192];
            while ((e = zip.getNextEntry()) != null) {
                if (e.isDirectory()) {
                    continue;
                }
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                int n;
                while ((n = zip.read(buffer)) > 0) {
                    out.write(buffer, 0, n);
                    total += n;
                    if (out.size() > MAX_PART || total > MAX_PART) {
                        return null; // no decision table is this large: POI and its zip-bomb guard decide
                    }
                }
                long compressed = e.getCompressedSize();
                if (compressed >= 0 && out.size() > 0 && (double) compressed / out.size() < MIN_INFLATE_RATIO) {
                    return null;
                }
                String name = e.getName().startsWith("/") ? e.getName().substring(1) : e.getName();
                if (parts.put(name, out.toByteArray()) != null) {
                    return null;
                }
            }
        }
        return parts.isEmpty() ? null : parts;
    }

    private static XMLStreamReader xml(byte[] content) throws XMLStreamException {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        return f.createXMLStreamReader(new ByteArrayInputStream(content));
    }

    /** The part a relationship of this type points to (null when there is none). */
    private static String target(String folder, byte[] rels, String type) throws XMLStreamException {
        Map<String, String[]> all = relations(folder, rels);
        if (all == null) {
            return null;
        }
        for (String[] r : all.values()) {
            if (r[0].equals(type)) {
                return r[1];
            }
        }
        return null;
    }

    /** Relationships by id: type and the part name it resolves to. */
    private static Map<String, String[]> relations(String folder, byte[] rels) throws XMLStreamException {
        if (rels == null) {
            return null;
        }
        Map<String, String[]> out = new HashMap<>();
        XMLStreamReader r = xml(rels);
        while (r.hasNext()) {
            if (r.next() == XMLStreamConstants.START_ELEMENT && r.getLocalName().equals("Relationship")) {
                String id = r.getAttributeValue(null, "Id");
                String type = r.getAttributeValue(null, "Type");
                String target = r.getAttributeValue(null, "Target");
                if (id == null || type == null || target == null) {
                    return null;
                }
                if ("External".equals(r.getAttributeValue(null, "TargetMode"))) {
                    continue;
                }
                out.put(id, new String[] {type, resolve(folder, target)});
            }
        }
        return out;
    }

    private static String resolve(String folder, String target) {
        String path = target.startsWith("/") ? target.substring(1) : folder + target;
        List<String> segments = new ArrayList<>();
        for (String s : path.split("/")) {
            if (s.equals("..")) {
                if (!segments.isEmpty()) {
                    segments.remove(segments.size() - 1);
                }
            } else if (!s.isEmpty() && !s.equals(".")) {
                segments.add(s);
            }
        }
        return String.join("/", segments);
    }

    /** The relationship id of the first sheet of the workbook (what POI's getSheetAt(0) opens). */
    private static String firstSheet(byte[] workbook) throws XMLStreamException {
        XMLStreamReader r = xml(workbook);
        boolean root = true;
        while (r.hasNext()) {
            if (r.next() == XMLStreamConstants.START_ELEMENT) {
                if (root && !MAIN.equals(r.getNamespaceURI())) {
                    return null; // e.g. Strict OOXML: let POI handle it
                }
                root = false;
                if (r.getLocalName().equals("sheet") && MAIN.equals(r.getNamespaceURI())) {
                    return r.getAttributeValue(REL, "id");
                }
            }
        }
        return null;
    }

    /** Shared strings; an entry POI would decode or assemble (rich text, escapes) is null. */
    private static List<String> sharedStrings(byte[] content) throws XMLStreamException {
        if (content == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        XMLStreamReader r = xml(content);
        while (r.hasNext()) {
            if (r.next() == XMLStreamConstants.START_ELEMENT && r.getLocalName().equals("si")) {
                String text = null;
                boolean plain = true;
                int depth = 1;
                while (depth > 0) {
                    int ev = r.next();
                    if (ev == XMLStreamConstants.START_ELEMENT) {
                        if (depth == 1 && r.getLocalName().equals("t") && text == null) {
                            text = r.getElementText();
                        } else {
                            plain = false;
                            depth++;
                        }
                    } else if (ev == XMLStreamConstants.END_ELEMENT) {
                        depth--;
                    }
                }
                out.add(plain && text != null && !text.contains("_x") ? text : null);
            }
        }
        return out;
    }

    /** The number format id of each cell format (cellXfs), noting ids the file defines itself. */
    private static List<Integer> cellFormats(byte[] content, java.util.Set<Integer> custom) throws XMLStreamException {
        if (content == null) {
            return null;
        }
        List<Integer> out = new ArrayList<>();
        XMLStreamReader r = xml(content);
        boolean inCellXfs = false;
        while (r.hasNext()) {
            int ev = r.next();
            if (ev == XMLStreamConstants.START_ELEMENT) {
                switch (r.getLocalName()) {
                    case "numFmt" -> custom.add(Integer.parseInt(r.getAttributeValue(null, "numFmtId")));
                    case "cellXfs" -> inCellXfs = true;
                    case "xf" -> {
                        if (inCellXfs) {
                            String id = r.getAttributeValue(null, "numFmtId");
                            out.add(id == null ? 0 : Integer.parseInt(id));
                        }
                    }
                    default -> {
                    }
                }
            } else if (ev == XMLStreamConstants.END_ELEMENT && r.getLocalName().equals("cellXfs")) {
                inCellXfs = false;
            }
        }
        return out.isEmpty() ? List.of(0) : out;
    }

    private record Cell(int column, String value) {
    }

    private record Range(int firstRow, int firstCol, int lastRow, int lastCol) {
        boolean contains(int row, int col) {
            return row >= firstRow && row <= lastRow && col >= firstCol && col <= lastCol;
        }
    }

    private static List<Event> sheet(byte[] content, List<String> strings, List<Integer> formats,
                                     java.util.Set<Integer> customFormats) throws XMLStreamException {
        TreeMap<Integer, TreeMap<Integer, Cell>> rows = new TreeMap<>();
        List<Range> merged = new ArrayList<>();
        XMLStreamReader r = xml(content);
        TreeMap<Integer, Cell> row = null;
        while (r.hasNext()) {
            int ev = r.next();
            if (ev != XMLStreamConstants.START_ELEMENT || !MAIN.equals(r.getNamespaceURI())) {
                continue;
            }
            switch (r.getLocalName()) {
                case "row" -> {
                    String n = r.getAttributeValue(null, "r");
                    if (n == null) {
                        return null;
                    }
                    int index = Integer.parseInt(n) - 1;
                    if (index < 0 || !rows.isEmpty() && index <= rows.lastKey()) {
                        return null;
                    }
                    row = new TreeMap<>();
                    rows.put(index, row);
                }
                case "c" -> {
                    if (row == null) {
                        return null;
                    }
                    int[] ref = cellRef(r.getAttributeValue(null, "r"));
                    if (ref == null || ref[0] != rows.lastKey() || !row.isEmpty() && ref[1] <= row.lastKey()) {
                        return null;
                    }
                    String value = cell(r, strings, formats, customFormats);
                    if (value == null) {
                        return null;
                    }
                    row.put(ref[1], new Cell(ref[1], value));
                }
                case "mergeCell" -> {
                    String ref = r.getAttributeValue(null, "ref");
                    int colon = ref == null ? -1 : ref.indexOf(':');
                    if (colon < 0) {
                        return null;
                    }
                    int[] a = cellRef(ref.substring(0, colon));
                    int[] b = cellRef(ref.substring(colon + 1));
                    if (a == null || b == null || a[0] > b[0] || a[1] > b[1]) {
                        return null;
                    }
                    merged.add(new Range(a[0], a[1], b[0], b[1]));
                }
                default -> {
                }
            }
        }
        if (rows.isEmpty()) {
            return null;
        }
        List<Event> events = new ArrayList<>();
        int last = rows.lastKey();
        for (int i = 0; i <= last; i++) {
            TreeMap<Integer, Cell> cells = rows.get(i);
            int lastCellNum = cells == null ? 0 : cells.isEmpty() ? -1 : cells.lastKey() + 1;
            events.add(new Event(i, lastCellNum, null, DataListener.NON_MERGED));
            for (int c = 0; c < lastCellNum; c++) {
                Cell cell = cells.get(c);
                if (cell == null) {
                    continue;
                }
                int mergedColStart = DataListener.NON_MERGED;
                for (Range m : merged) {
                    if (m.contains(i, c)) {
                        TreeMap<Integer, Cell> first = rows.get(m.firstRow);
                        cell = first == null ? null : first.get(m.firstCol);
                        if (cell == null) {
                            return null; // POI fails on this: let it say so
                        }
                        mergedColStart = m.firstCol;
                        break;
                    }
                }
                events.add(new Event(i, c, cell.value, mergedColStart));
            }
        }
        return events;
    }

    /** The text ExcelParser makes of a cell, or null when only POI can tell. */
    private static String cell(XMLStreamReader r, List<String> strings, List<Integer> formats,
                               java.util.Set<Integer> customFormats) throws XMLStreamException {
        String type = r.getAttributeValue(null, "t");
        String style = r.getAttributeValue(null, "s");
        String v = null;
        int depth = 1;
        while (depth > 0) {
            int ev = r.next();
            if (ev == XMLStreamConstants.START_ELEMENT) {
                if (depth == 1 && r.getLocalName().equals("v") && v == null) {
                    v = r.getElementText();
                } else {
                    return null; // a formula, an inline string or something else POI must read
                }
            } else if (ev == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
        if (type == null || type.equals("n")) {
            if (v == null) {
                return ""; // a blank cell: DataFormatter makes it ""
            }
            int xf = style == null ? 0 : Integer.parseInt(style);
            if (xf < 0 || xf >= formats.size() || formats.get(xf) != 0 || customFormats.contains(0)) {
                return null; // not the General format: dates, percentages, separators... are POI's
            }
            double num = Double.parseDouble(v);
            // General shows a whole number below 1E11 as its digits; anything else is POI's to format
            if (num != Math.rint(num) || Math.abs(num) >= 1E11 || num == 0 && 1 / num < 0) {
                return null;
            }
            return Long.toString((long) num);
        }
        if (type.equals("s")) {
            if (v == null) {
                return null;
            }
            int index = Integer.parseInt(v.trim());
            return index >= 0 && index < strings.size() ? strings.get(index) : null;
        }
        if (type.equals("b")) {
            return "1".equals(v) ? "true" : "0".equals(v) ? "false" : null;
        }
        return null; // inline strings, formula strings, errors, dates
    }

    /** Zero-based row and column of a reference such as {@code C12}, or null. */
    private static int[] cellRef(String ref) {
        if (ref == null) {
            return null;
        }
        int i = 0;
        int col = 0;
        while (i < ref.length() && ref.charAt(i) >= 'A' && ref.charAt(i) <= 'Z') {
            col = col * 26 + (ref.charAt(i) - 'A' + 1);
            i++;
        }
        if (i == 0 || i > 3 || i == ref.length()) {
            return null;
        }
        int row = 0;
        for (int j = i; j < ref.length(); j++) {
            char ch = ref.charAt(j);
            if (ch < '0' || ch > '9' || row > 10_000_000) {
                return null;
            }
            row = row * 10 + (ch - '0');
        }
        return row < 1 ? null : new int[] {row - 1, col - 1};
    }
}
