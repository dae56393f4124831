package org.fuyu.policy.examples.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.fuyu.policy.PolicyException;
import org.fuyu.policy.packs.RulePack;

/**
 * The pack jars of {@code --plugins DIR}: every {@code *.jar} in DIR goes on one class loader
 * whose parent is the command line's own, and the {@link RulePack}s its
 * {@code META-INF/services/org.fuyu.policy.packs.RulePack} entries list are loaded, so
 * {@code java -jar fuyu.jar} runs a county's own pack jar without a class path of its own.
 *
 * @param loader the class loader over the jars (for compiling the packs' rules)
 * @param jars each jar with the packs it brought, in file-name order
 */
record Plugins(ClassLoader loader, Map<Path, List<RulePack>> jars) {

    /** Every pack the jars brought, in jar order. */
    List<RulePack> packs() {
        List<RulePack> all = new ArrayList<>();
        jars.values().forEach(all::addAll);
        return all;
    }

    /** One line per jar naming its packs: "plug-in 插件 county.jar: county-bonus 1.0.0+… (title)". */
    void describe(PrintStream out) {
        jars.forEach((jar, packs) -> {
            StringBuilder sb = new StringBuilder("plug-in 插件 ").append(jar.getFileName()).append(':');
            for (RulePack p : packs) {
                sb.append(' ').append(p.id()).append(' ').append(p.version());
                if (p.manifest().title() != null) {
                    sb.append(" (").append(p.manifest().title()).append(')');
                }
                sb.append(';');
            }
            sb.setLength(sb.length() - 1);
            out.println(sb);
        });
    }

    /**
     * Loads the jars of {@code dir}.
     *
     * @throws CliErrors.UsageException when DIR is not a directory, holds no jar, or a jar lists no pack
     * @throws PolicyException when a listed pack cannot be loaded (a missing class, a broken pack.yaml)
     */
    static Plugins load(Path dir, ClassLoader parent) {
        if (!Files.isDirectory(dir)) {
            throw new CliErrors.UsageException("--plugins " + dir + ": not a directory / 不是目录; "
                    + "give the directory that holds the pack jars / 请给出存放规则包 jar 的目录");
        }
        List<Path> jarFiles;
        try (Stream<Path> files = Files.list(dir)) {
            jarFiles = files.filter(f -> f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jar"))
                    .filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new CliErrors.UsageException("--plugins " + dir + ": cannot list / 无法读取目录: " + e.getMessage());
        }
        if (jarFiles.isEmpty()) {
            throw new CliErrors.UsageException("--plugins " + dir + ": no .jar file here / 目录中没有 .jar 文件; "
                    + "copy the pack jars (mvn package of the pack project) into it / 请把规则包 jar 复制到该目录");
        }
        URL[] urls = new URL[jarFiles.size()];
        Map<Path, List<RulePack>> byJar = new LinkedHashMap<>();
        for (int i = 0; i < urls.length; i++) {
            Path jar = jarFiles.get(i).toAbsolutePath().normalize();
            try {
                urls[i] = jar.toUri().toURL();
            } catch (MalformedURLException e) {
                throw new CliErrors.UsageException("--plugins " + jar + ": " + e.getMessage());
            }
            byJar.put(jar, new ArrayList<>());
        }
        URLClassLoader loader = new URLClassLoader("fuyu-plugins", urls, parent);
        try {
            for (ServiceLoader.Provider<RulePack> provider : ServiceLoader.load(RulePack.class, loader).stream().toList()) {
                if (provider.type().getClassLoader() != loader) {
                    continue; // a pack of the command line's own class path
                }
                Path jar = jarOf(provider.type());
                List<RulePack> packs = jar == null ? null : byJar.get(jar);
                if (packs == null) {
                    throw new PolicyException("--plugins " + dir + ": pack class " + provider.type().getName()
                            + " is not in one of the jars / 规则包类不在插件 jar 中");
                }
                packs.add(provider.get());
            }
        } catch (ServiceConfigurationError e) {
            Throwable cause = e;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            if (cause instanceof PolicyException pe) {
                throw pe;
            }
            throw new PolicyException("--plugins " + dir + ": a pack jar cannot be loaded / 插件规则包无法加载: "
                    + e.getMessage() + (cause != e ? " (" + cause + ")" : ""));
        }
        for (Map.Entry<Path, List<RulePack>> e : byJar.entrySet()) {
            if (e.getValue().isEmpty()) {
                throw new CliErrors.UsageException("--plugins: " + e.getKey().getFileName()
                        + " lists no rule pack / 没有列出规则包; add META-INF/services/org.fuyu.policy.packs.RulePack"
                        + " naming the pack class / 请在 META-INF/services/org.fuyu.policy.packs.RulePack 中写上规则包类名");
            }
            e.setValue(List.copyOf(e.getValue()));
        }
        return new Plugins(loader, byJar);
    }

    private static Path jarOf(Class<?> type) {
        CodeSource src = type.getProtectionDomain().getCodeSource();
        if (src == null || src.getLocation() == null) {
            return null;
        }
        try {
            return Path.of(src.getLocation().toURI()).toAbsolutePath().normalize();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }
}
