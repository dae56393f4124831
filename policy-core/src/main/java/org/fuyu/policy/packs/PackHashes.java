package org.fuyu.policy.packs;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Map;
import java.util.WeakHashMap;
import org.fuyu.policy.params.Parameter;

/**
 * The content hash of a pack: the SHA-256 of every one of its files ({@link RulePack#files()}:
 * {@code pack.yaml}, {@code parameters.yaml}, {@code properties.yaml}, rule files, tables and
 * policy cases), each as its name and its bytes with their lengths, in name order, then its
 * default parameter values. An edit of any file changes it, so a pack's version
 * ({@link RulePack#version()}) tells apart every state of the pack a decision was made with.
 */
public final class PackHashes {
    private static final Map<RulePack, String> CACHE = Collections.synchronizedMap(new WeakHashMap<>());

    private PackHashes() {
    }

    /** The first 8 hex digits of {@link #sha256(RulePack)}, the suffix of the pack's version. */
    static String contentHash(RulePack pack) {
        return sha256(pack).substring(0, 8);
    }

    /** The SHA-256 (64 hex digits) of every file of the pack and its default parameter values. */
    public static String sha256(RulePack pack) {
        return CACHE.computeIfAbsent(pack, PackHashes::compute);
    }

    private static String compute(RulePack pack) {
        MessageDigest h;
        try {
            h = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
        pack.files().stream().sorted(Comparator.comparing(PackResource::name)).forEach(r -> {
            byte[] name = r.name().getBytes(StandardCharsets.UTF_8);
            h.update(length(name.length));
            h.update(name);
            h.update(length(r.content().length));
            h.update(r.content());
        });
        for (Parameter p : pack.parameters().all()) {
            h.update(p.name().getBytes(StandardCharsets.UTF_8));
            p.values().forEach((d, v) -> h.update(("\n" + d + "=" + v.toPlainString()).getBytes(StandardCharsets.UTF_8)));
            h.update((byte) 0);
        }
        return HexFormat.of().formatHex(h.digest());
    }

    private static byte[] length(int n) {
        return new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n};
    }
}
