package org.fuyu.policy.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes {@code summary.json} atomically: whole or not at all, never half a file. */
public final class SummaryFile {
    private SummaryFile() {
    }

    /** Writes {@code value} as pretty JSON (UTF-8) to {@code dir/summary.json} via a temporary file and a rename. */
    public static void write(Path dir, Object value) throws IOException {
        Path target = dir.resolve("summary.json");
        Path tmp = Files.createTempFile(dir, ".summary-", ".json.tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                FactMapper.get().writerWithDefaultPrettyPrinter().writeValue(out, value); // JSON bytes are UTF-8
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
