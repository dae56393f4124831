package org.fuyu.policy.io;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import org.fuyu.policy.PackInfo;
import org.fuyu.policy.packs.RulePack;

/**
 * What a run was made of, in {@code summary.json}, so that anyone can replay it: the Fuyu
 * version, each pack with its id, version and the SHA-256 of its content, each parameter file
 * with its SHA-256, each input file with its size and SHA-256, the date and the options.
 * {@code fuyu replay} checks every hash before it evaluates again.
 */
@JsonPropertyOrder({"fuyuVersion", "asOf", "options", "packs", "parameterFiles", "inputs"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class RunManifest {
    /** The version of this build of Fuyu. */
    public static final String FUYU_VERSION = version();

    /**
     * The options a run was given; threads and batch size never change its output.
     *
     * @param rules the pack directories (--rules, then --trusted-rules), added to the shipped packs
     * @param onlyRules true when the run used the directory packs alone (--only-rules); null or false: with the shipped packs
     * @param trustedRules how many of {@code rules} (the last ones) were trusted directories; null: none
     * @param whatWouldChange change sets per denial (--what-would-change N); null: none
     */
    @JsonPropertyOrder({"explainDenials", "rules", "onlyRules", "trustedRules", "params", "threads", "batchSize",
            "whatWouldChange"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Options(boolean explainDenials, List<String> rules, Boolean onlyRules, Integer trustedRules,
                          List<String> params, Integer threads, Integer batchSize, Integer whatWouldChange) {
        public Options(boolean explainDenials, List<String> rules, Boolean onlyRules, Integer trustedRules,
                       List<String> params, Integer threads, Integer batchSize) {
            this(explainDenials, rules, onlyRules, trustedRules, params, threads, batchSize, null);
        }

        public Options {
            rules = rules == null ? List.of() : List.copyOf(rules);
            params = params == null ? List.of() : List.copyOf(params);
        }

        public Options(boolean explainDenials, List<String> rules, List<String> params, Integer threads, Integer batchSize) {
            this(explainDenials, rules, null, null, params, threads, batchSize);
        }

        /** Whether the run used only its directory packs, not the shipped ones. */
        public boolean onlyDirectoryPacks() {
            return Boolean.TRUE.equals(onlyRules);
        }
    }

    /** A pack: id, version and the SHA-256 of its files and default parameters (null when not known). */
    @JsonPropertyOrder({"id", "version", "sha256"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Pack(String id, String version, String sha256) {
    }

    /** A file: its path (inputs: its name in the input directory), size and SHA-256. */
    @JsonPropertyOrder({"file", "bytes", "sha256"})
    public record FileHash(String file, long bytes, String sha256) {
    }

    public String fuyuVersion = FUYU_VERSION;
    public LocalDate asOf;
    public Options options;
    public List<Pack> packs = new ArrayList<>();
    public List<FileHash> parameterFiles = new ArrayList<>();
    public List<FileHash> inputs = new ArrayList<>();

    public RunManifest() {
    }

    /** A manifest of packs as an engine reports them (without content hashes), for library callers. */
    static RunManifest of(LocalDate asOf, List<PackInfo> packs, boolean explainDenials) {
        RunManifest m = new RunManifest();
        m.asOf = asOf;
        m.options = new Options(explainDenials, null, null, null, null);
        packs.forEach(p -> m.packs.add(new Pack(p.id(), p.version(), null)));
        return m;
    }

    /** A manifest of the given packs (with content hashes) and parameter files (hashed now). */
    public static RunManifest of(LocalDate asOf, List<RulePack> packs, List<Path> parameterFiles, Options options)
            throws IOException {
        RunManifest m = new RunManifest();
        m.asOf = asOf;
        m.options = options;
        for (RulePack p : packs) {
            m.packs.add(new Pack(p.id(), p.version(), sha256(p)));
        }
        for (Path p : parameterFiles) {
            m.parameterFiles.add(hash(p.toString(), p));
        }
        return m;
    }

    /**
     * The SHA-256 of a pack: every file of it (pack.yaml, parameters, properties, rule files,
     * tables, policy cases), names and contents in name order, then its default parameters.
     */
    public static String sha256(RulePack pack) {
        return org.fuyu.policy.packs.PackHashes.sha256(pack);
    }

    /** The size and SHA-256 of a file, recorded under {@code label}. */
    /** The size and SHA-256 of an input read from any source (a file, a request body held in memory). */
    public static FileHash hash(FactSource source) throws IOException {
        java.security.MessageDigest digest;
        try {
            digest = java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        long size = 0;
        try (java.io.InputStream in = source.open()) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                digest.update(buf, 0, n);
                size += n;
            }
        }
        return new FileHash(source.name(), size, java.util.HexFormat.of().formatHex(digest.digest()));
    }

    public static FileHash hash(String label, Path file) throws IOException {
        MessageDigest h = digest();
        long n = 0;
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            int r;
            while ((r = in.read(buf)) > 0) {
                h.update(buf, 0, r);
                n += r;
            }
        }
        return new FileHash(label, n, HexFormat.of().formatHex(h.digest()));
    }

    static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }

    /**
     * The release (the project version) and, when Fuyu runs from a jar, the first 12 hex digits
     * of that jar's SHA-256, so that two builds of one snapshot version are told apart.
     */
    private static String version() {
        String v = RunManifest.class.getPackage() == null ? null : RunManifest.class.getPackage().getImplementationVersion();
        String release = v != null ? v : "0.1.0-SNAPSHOT";
        try {
            java.security.CodeSource source = RunManifest.class.getProtectionDomain().getCodeSource();
            Path jar = source == null ? null : Path.of(source.getLocation().toURI());
            if (jar != null && Files.isRegularFile(jar)) {
                return release + "+" + hash(jar.getFileName().toString(), jar).sha256().substring(0, 12);
            }
        } catch (IOException | java.net.URISyntaxException | RuntimeException e) {
            // not from a readable jar (classes on disk in a build): the release alone
        }
        return release;
    }
}
