package org.fuyu.policy.examples.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The village of each household, read alongside {@code decisions.jsonl}: both list households in
 * input order, so one forward pass over the households file finds each decision's household
 * without holding the file (memory stays bounded). Only each record's top-level {@code id} and
 * {@code villageId} are read; a record that is not valid JSON (rejected by the run, so without
 * decisions) is skipped.
 */
final class HouseholdVillages implements Closeable {
    private static final JsonFactory JSON = new JsonFactory();

    private final BufferedReader lines;     // households.jsonl
    private final JsonParser array;         // households.json
    private boolean ended;

    private HouseholdVillages(Path file) throws IOException {
        if (file.getFileName().toString().endsWith(".json")) {
            array = JSON.createParser(Files.newInputStream(file));
            lines = null;
            if (array.nextToken() != JsonToken.START_ARRAY) {
                ended = true;
            }
        } else {
            lines = Files.newBufferedReader(file, StandardCharsets.UTF_8);
            array = null;
        }
    }

    /** The households file of an input directory ({@code households.jsonl} or {@code .json}), or null. */
    static HouseholdVillages in(Path inputDir) throws IOException {
        if (inputDir == null) {
            return null;
        }
        for (String name : new String[] {"households.jsonl", "households.json"}) {
            Path f = inputDir.resolve(name);
            if (Files.isRegularFile(f)) {
                return new HouseholdVillages(f);
            }
        }
        return null;
    }

    /** The village of household {@code id}, reading forward to it; null when it is not ahead. */
    String villageOf(String id) throws IOException {
        while (!ended) {
            String[] rec = next();
            if (rec == null) {
                ended = true;
            } else if (id.equals(rec[0])) {
                return rec[1];
            }
        }
        return null;
    }

    /** The next record's id and villageId (either may be null), or null at the end. */
    private String[] next() throws IOException {
        if (lines != null) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                try (JsonParser p = JSON.createParser(line)) {
                    if (p.nextToken() == JsonToken.START_OBJECT) {
                        return fields(p);
                    }
                } catch (IOException notJson) {
                    // rejected by the run: it has no decisions
                }
            }
            return null;
        }
        try {
            JsonToken t = array.nextToken();
            return t == JsonToken.START_OBJECT ? fields(array) : null;
        } catch (IOException broken) {
            return null; // the run stopped reading the array here too
        }
    }

    private static String[] fields(JsonParser p) throws IOException {
        String[] out = new String[2];
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            if (v == JsonToken.VALUE_STRING && "id".equals(name)) {
                out[0] = p.getText();
            } else if (v == JsonToken.VALUE_STRING && "villageId".equals(name)) {
                out[1] = p.getText();
            } else {
                p.skipChildren();
            }
        }
        return out;
    }

    @Override
    public void close() throws IOException {
        if (lines != null) {
            lines.close();
        }
        if (array != null) {
            array.close();
        }
    }
}
