package org.fuyu.policy.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import org.fuyu.policy.PolicyEngine;
import org.fuyu.policy.cases.CaseRunner;
import org.fuyu.policy.cases.PolicyCase;
import org.fuyu.policy.cases.PolicyCaseFile;

/** Test fixtures: rule directories under src/test/resources, copied so a test may edit them. */
public final class TestPacks {
    private TestPacks() {
    }

    public static Path resource(String name) {
        try {
            return Path.of(TestPacks.class.getResource("/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Copies a fixture directory (one level of sub-directories) into {@code target}. */
    public static Path copy(String name, Path target) {
        Path source = resource(name);
        try (Stream<Path> files = Files.walk(source)) {
            for (Path p : files.toList()) {
                Path t = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }

    /** Replaces the first occurrence of {@code from} in a text file; fails when it is not there. */
    public static void edit(Path file, String from, String to) {
        try {
            String s = Files.readString(file, StandardCharsets.UTF_8);
            int i = s.indexOf(from);
            if (i < 0) {
                throw new IllegalArgumentException("'" + from + "' not in " + file);
            }
            Files.writeString(file, s.substring(0, i) + to + s.substring(i + from.length()), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs every case of a case file against an engine; returns the mismatches, one line each. */
    public static java.util.List<String> runCases(PolicyEngine engine, String caseFile) {
        java.util.List<String> out = new java.util.ArrayList<>();
        try (InputStream in = Files.newInputStream(resource(caseFile))) {
            for (PolicyCase c : PolicyCaseFile.read(caseFile, in).cases()) {
                CaseRunner.CaseCheck o = CaseRunner.run(engine, c);
                o.mismatches().forEach(m -> out.add(c.name() + ": " + m));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The result of one case (by index) of a case file. */
    public static org.fuyu.policy.RunResult runCasesResult(PolicyEngine engine, String caseFile, int index) {
        try (InputStream in = Files.newInputStream(resource(caseFile))) {
            return CaseRunner.run(engine, PolicyCaseFile.read(caseFile, in).cases().get(index)).result();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
