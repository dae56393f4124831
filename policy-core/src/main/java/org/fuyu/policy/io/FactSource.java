package org.fuyu.policy.io;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One input of an evaluation: a name and a way to read its bytes. The name is what errors and
 * the summary call the input ({@code households.jsonl}); a name ending in {@code .json} is read
 * as a JSON array, any other as JSON Lines. Files, bytes held in memory (a request body) and
 * streams read once (a request being uploaded) all fit.
 *
 * @param size the number of bytes, or 0 when not known (progress then shows no fraction)
 */
public record FactSource(String name, Opener opener, long size) {
    /** Opens the bytes; called once per evaluation. */
    @FunctionalInterface
    public interface Opener {
        InputStream open() throws IOException;
    }

    public FactSource {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(opener, "opener");
    }

    /** A file; its name (without the directory) names it. */
    public static FactSource of(Path file) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            size = 0;
        }
        return new FactSource(file.getFileName().toString(), () -> Files.newInputStream(file), size);
    }

    /** Bytes in memory (UTF-8 JSON Lines, or a JSON array when the name ends in {@code .json}). */
    public static FactSource of(String name, byte[] bytes) {
        return new FactSource(name, () -> new ByteArrayInputStream(bytes), bytes.length);
    }

    /** A stream read once, of unknown length; the caller closes it. */
    public static FactSource of(String name, InputStream in) {
        return new FactSource(name, () -> new java.io.FilterInputStream(in) {
            @Override
            public void close() {
                // the caller owns the stream
            }
        }, 0);
    }

    public InputStream open() throws IOException {
        return opener.open();
    }

    /** The sources of one evaluation (null where there is no such input). */
    public record Inputs(FactSource households, FactSource businesses, FactSource villages, FactSource counties) {
        /** The files of an input directory. */
        public static Inputs of(InputFiles files) {
            return new Inputs(of0(files.households()), of0(files.businesses()), of0(files.villages()),
                    of0(files.counties()));
        }

        private static FactSource of0(Path p) {
            return p == null ? null : FactSource.of(p);
        }
    }
}
