package org.fuyu.policy.packs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which packs a run uses when a host gives it pack directories: the directory packs are added
 * to the shipped ones (those on the class path), and a directory pack with the id of a shipped
 * pack replaces it — never silently: {@link #notes()} says which pack replaced which. Only with
 * {@link #only} does a run use the directory packs alone.
 *
 * @param packs the packs to build the engine from: the shipped ones no directory pack replaces,
 *     in their order, then the directory packs in theirs (so a conflict between a directory pack
 *     and a shipped one is reported at the directory's file)
 * @param replaced the shipped packs a directory pack replaced, each with the pack that replaced it
 */
public record PackSelection(List<RulePack> packs, List<Replaced> replaced) {

    /** A shipped pack and the directory pack used instead of it. */
    public record Replaced(RulePack shipped, RulePack by) {
    }

    public PackSelection {
        packs = List.copyOf(packs);
        replaced = List.copyOf(replaced);
    }

    /** One line per shipped pack replaced, in Chinese and English (for the notes of summary.json). */
    public List<String> notes() {
        return replaced.stream().map(r -> zh(r) + " / " + en(r)).toList();
    }

    /** The same lines in the language of the messages ({@code --lang}), for the screen. */
    public List<String> printedNotes() {
        return replaced.stream().map(r -> org.fuyu.policy.Lang.pick(zh(r), en(r))).toList();
    }

    /**
     * The shipped packs with the directory packs added; a directory pack with a shipped pack's id
     * is used instead of it. Two directory packs with one id are left for the engine builder to refuse.
     */
    public static PackSelection of(List<? extends RulePack> shipped, List<? extends RulePack> fromDirectories) {
        Map<String, RulePack> byId = new LinkedHashMap<>();
        for (RulePack p : fromDirectories) {
            byId.putIfAbsent(p.id(), p);
        }
        List<RulePack> out = new ArrayList<>();
        List<Replaced> replaced = new ArrayList<>();
        for (RulePack s : shipped) {
            RulePack replacement = byId.get(s.id());
            if (replacement == null) {
                out.add(s);
            } else {
                replaced.add(new Replaced(s, replacement));
            }
        }
        out.addAll(fromDirectories);
        return new PackSelection(out, replaced);
    }

    /** Only the directory packs (the host asked for them alone). */
    public static PackSelection only(List<? extends RulePack> fromDirectories) {
        return new PackSelection(List.copyOf(fromDirectories), List.of());
    }

    /** The shipped packs on the class path with the directory packs added (see {@link #of}). */
    public static PackSelection withShipped(List<? extends RulePack> fromDirectories) {
        return of(RulePacks.fromClasspath(), fromDirectories);
    }

    private static String zh(Replaced r) {
        return "规则包 " + r.shipped().id() + "：目录 " + r.by().origin() + " 中的版本 " + r.by().version() + " 代替了随附的版本 "
                + r.shipped().version();
    }

    private static String en(Replaced r) {
        return "pack " + r.shipped().id() + ": the directory " + r.by().origin() + " (version " + r.by().version()
                + ") replaces the shipped pack (version " + r.shipped().version() + ", " + r.shipped().origin() + ")";
    }

    /** One line per pack: id, version and where it came from, for a run's printed summary. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        for (RulePack p : packs) {
            lines.add(p.id() + " " + p.version() + " (" + p.origin() + ")");
        }
        return lines;
    }
}
