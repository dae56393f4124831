package org.fuyu.policy.packs;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fuyu.policy.evaluation.RuleInfo;
import org.fuyu.policy.packs.lang.RuleLanguage;
import org.fuyu.policy.params.Parameter;
import org.fuyu.policy.params.ParameterSet;

/**
 * A shipped pack compiled when its jar was built ({@link org.fuyu.policy.packs.precompile.PackPrecompiler}):
 * the DRL its rule-language files make, the rules' descriptions and the Drools executable model
 * (plain Java classes, compiled by {@code javac} at build time). An engine made only of such packs
 * builds its KieBase from the model classes: no Java compiler and no spreadsheet reader at run
 * time, and a cold build in a fraction of the time.
 *
 * <p>It is used only when it was made from exactly these files by exactly this rule-language
 * compiler (the {@linkplain #fingerprint(RulePack) fingerprint}) and every parameter the rules read
 * is loaded; anything else, and the engine compiles the pack from its files as it does a directory
 * pack, with the same result.
 *
 * @param fingerprint the {@link #fingerprint(RulePack)} of the pack it was made from
 * @param modelClass the class of the executable model ({@code org.drools.model.Model})
 * @param reads the parameters the generated rules read
 * @param tableParameters a digest of the values of those parameters when the tables were checked
 * @param parametersByCode the parameters each decision code reads (as the compiler found them)
 * @param parametersRead every parameter the rule files read
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Precompiled(int format, String fingerprint, String packId, String packageName, String modelClass,
                          List<String> reads, String tableParameters, String drl, List<RuleInfo> rules,
                          java.util.Map<String, java.util.Set<String>> parametersByCode,
                          java.util.Set<String> parametersRead) {
    /** The version of this file's layout. */
    public static final int FORMAT = 1;
    /** Its name, next to the pack's {@code pack.yaml}. */
    public static final String FILE = "precompiled.json";
    private static final Pattern PARAM = Pattern.compile("\\bparam\\(\"([^\"]+)\"\\)");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The generated rules as the rule-language compiler made them, without compiling again. */
    public RuleLanguage.Generated generated() {
        return new RuleLanguage.Generated(packId, packageName, drl, rules, List.of(),
                parametersByCode == null ? java.util.Map.of() : parametersByCode,
                parametersRead == null ? java.util.Set.of() : parametersRead);
    }

    /**
     * The pack's precompiled form, when it has one that can be used with these parameters; else
     * {@code null} (the engine then compiles it from its files).
     */
    public static Precompiled usable(RulePack pack, ParameterSet parameters) {
        if (!(pack instanceof ClasspathRulePack cp) || pack.resources().stream().anyMatch(r -> r.kind().code())) {
            return null;
        }
        if (compilerBuild().startsWith("unknown")) {
            return null; // a policy-core built without its build stamp: nothing to compare with
        }
        Precompiled p = read(cp);
        if (p == null || p.format != FORMAT || !p.fingerprint.equals(fingerprint(pack)) || !p.packId.equals(pack.id())) {
            return null;
        }
        for (String name : p.reads) {
            if (!parameters.contains(name)) {
                return null; // compiled again, so the problem is reported where it is
            }
        }
        return p;
    }

    /** Whether the parameters the tables were checked with have the values they have now. */
    public boolean tablesCheckedWith(ParameterSet parameters) {
        return tableParameters.equals(digest(reads, parameters));
    }

    /** The executable model's class, on the pack's own class loader. */
    public Class<?> loadModel(RulePack pack) throws ClassNotFoundException {
        return Class.forName(modelClass, true, pack.getClass().getClassLoader());
    }

    private static Precompiled read(ClasspathRulePack pack) {
        try (InputStream in = pack.getClass().getClassLoader().getResourceAsStream(pack.base() + FILE)) {
            return in == null ? null : JSON.readValue(in, Precompiled.class);
        } catch (IOException e) {
            return null; // an unreadable file is not used; the pack is compiled from its files
        }
    }

    /** Writes this as {@code precompiled.json}. */
    public byte[] toJson() {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Makes the record for a pack the rule-language compiler has just compiled. */
    public static Precompiled of(RulePack pack, RuleLanguage.Generated g, String modelClass, ParameterSet parameters) {
        List<String> reads = List.copyOf(readsOf(g.drl()));
        return new Precompiled(FORMAT, fingerprint(pack), pack.id(), g.packageName(), modelClass, reads,
                digest(reads, parameters), g.drl(), g.rules(), g.parametersByCode(), g.parametersRead());
    }

    static Set<String> readsOf(String drl) {
        Set<String> names = new TreeSet<>();
        Matcher m = PARAM.matcher(drl);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /**
     * A hash of everything the compiled form depends on: the rule-language compiler that made it
     * (its build of {@code policy-core}), the pack's id and every rule file's name and bytes.
     */
    public static String fingerprint(RulePack pack) {
        MessageDigest h = sha256();
        update(h, compilerBuild());
        update(h, pack.id());
        pack.resources().stream().sorted(Comparator.comparing(PackResource::name)).forEach(r -> {
            update(h, r.name());
            h.update(r.content());
            h.update((byte) 0);
        });
        return HexFormat.of().formatHex(h.digest());
    }

    private static String digest(Collection<String> names, ParameterSet parameters) {
        MessageDigest h = sha256();
        for (String n : new TreeSet<>(names)) {
            Parameter p = parameters.get(n);
            update(h, n);
            if (p != null) {
                p.values().forEach((d, v) -> update(h, d + "=" + v.stripTrailingZeros().toPlainString()));
            }
        }
        return HexFormat.of().formatHex(h.digest());
    }

    private static final String COMPILER_BUILD = readCompilerBuild();

    /** The build of policy-core (version and build time), from a resource Maven writes. */
    static String compilerBuild() {
        return COMPILER_BUILD;
    }

    private static String readCompilerBuild() {
        Properties props = new Properties();
        try (InputStream in = Precompiled.class.getResourceAsStream("compiler-build.properties")) {
            if (in == null) {
                return "unknown";
            }
            props.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return "unknown";
        }
        return props.getProperty("version", "?") + "@" + props.getProperty("built", "?");
    }

    private static void update(MessageDigest h, String s) {
        h.update(s.getBytes(StandardCharsets.UTF_8));
        h.update((byte) 0);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }
}
