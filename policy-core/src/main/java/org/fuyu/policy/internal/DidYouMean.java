package org.fuyu.policy.internal;

import java.util.Collection;

/** "did you mean" suggestions for names a person mistyped. */
public final class DidYouMean {
    private DidYouMean() {
    }

    /** The closest candidate, or null when none is close enough to be a likely typo. */
    public static String closest(String name, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int d = editDistance(name.toLowerCase(), candidate.toLowerCase());
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        return best != null && bestDistance > 0 && bestDistance <= Math.max(2, name.length() / 4) ? best : null;
    }

    /** {@code " (did you mean 'x'?)"}, or an empty string. */
    public static String suffix(String name, Collection<String> candidates) {
        String best = closest(name, candidates);
        return best == null ? "" : " (did you mean '" + best + "'?)";
    }

    static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
