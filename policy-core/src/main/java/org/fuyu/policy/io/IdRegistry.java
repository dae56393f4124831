package org.fuyu.policy.io;

import com.google.common.hash.HashFunction;
import com.google.common.hash.Hashing;
import java.security.SecureRandom;

/**
 * Remembers the household ids of one input file to reject duplicates, in bounded memory: it
 * keeps a keyed 128-bit fingerprint of each id, not the id, in open-addressing tables of
 * primitive longs (16 bytes a slot, 68–85% of the slots taken: 19–24 bytes per id, 10 million ids in
 * about 210 MB; a
 * {@code HashSet<String>} needs about 100 bytes per id). The fingerprints are spread over 1,024
 * tables that grow one at a time, so growing never needs twice the memory at once.
 *
 * <p>The fingerprint is two SipHash-2-4 values of the id's UTF-16 characters under two
 * independent 128-bit keys drawn from {@link SecureRandom} for every registry (every run).
 * Without the keys nobody can construct two ids with the same fingerprint, so colliding ids
 * cannot be prepared in advance (an unkeyed 64-bit hash could be inverted in minutes). For n
 * distinct ids the chance that any two share a fingerprint is at most n²/2¹²⁹: about 1.5·10⁻²⁵
 * for ten million ids, 1.5·10⁻²³ for a hundred million. Decisions never depend on the keys: only
 * such a collision would, and the record it hit would be rejected into {@code errors.jsonl} as a
 * duplicate, with its line, not lost silently.
 */
final class IdRegistry {
    // 1024 tables: at ten million ids each holds about 10,000 in about 200 KB, under the size the
    // G1 collector treats as "humongous" (half a region: 512 KB with a 512 MB heap)
    private static final int PARTITION_BITS = 10;
    private static final int PARTITIONS = 1 << PARTITION_BITS;
    private static final int INITIAL_SLOTS = 16;
    /** A table grows when more than this share of its slots is taken: it stays 68–85% full. */
    private static final int MAX_LOAD_PERCENT = 85;
    /** A table grows by a quarter (not doubling): less memory unused, and growing needs little at once. */
    private static final int GROWTH_DIVISOR = 4;

    private final HashFunction high;
    private final HashFunction low;
    /** Per partition: slot i at [2i] (high half) and [2i+1] (low half); (0, 0) is an empty slot. */
    private final long[][] tables = new long[PARTITIONS][];
    private final int[] sizes = new int[PARTITIONS];
    private long size;

    IdRegistry() {
        SecureRandom random = new SecureRandom();
        high = Hashing.sipHash24(random.nextLong(), random.nextLong());
        low = Hashing.sipHash24(random.nextLong(), random.nextLong());
    }

    /** True when the id is new (and now remembered). */
    boolean add(String id) {
        return add(high(id), low(id));
    }

    /** The high half of the id's fingerprint (thread-safe: workers compute fingerprints). */
    long high(String id) {
        return high.hashUnencodedChars(id).asLong();
    }

    /** The low half of the id's fingerprint (thread-safe). */
    long low(String id) {
        return low.hashUnencodedChars(id).asLong();
    }

    long size() {
        return size;
    }

    /** Bytes held in the tables (for the memory bound). */
    long tableBytes() {
        long n = 0;
        for (long[] t : tables) {
            n += t == null ? 0 : 8L * t.length;
        }
        return n;
    }

    /** True when the fingerprint is new (and now remembered). Not thread-safe: one caller at a time. */
    boolean add(long hi, long lo) {
        if (hi == 0 && lo == 0) {
            lo = 1; // (0, 0) marks an empty slot
        }
        int p = (int) (hi >>> (64 - PARTITION_BITS));
        long[] t = tables[p];
        if (t == null) {
            t = tables[p] = new long[2 * INITIAL_SLOTS];
        }
        if (!insert(t, hi, lo)) {
            return false;
        }
        size++;
        if (++sizes[p] * 100L > (t.length >> 1) * (long) MAX_LOAD_PERCENT) {
            tables[p] = grow(t);
        }
        return true;
    }

    /**
     * Linear probing; the low half picks the slot (the high half picked the table). Tables hold
     * any number of slots (they grow by a quarter), so the slot is the low half's top 32 bits
     * scaled to the slot count.
     */
    private static boolean insert(long[] t, long hi, long lo) {
        int slots = t.length >> 1;
        int i = (int) (((lo >>> 32) * slots) >>> 32);
        while (true) {
            long h = t[2 * i];
            long l = t[2 * i + 1];
            if (h == 0 && l == 0) {
                t[2 * i] = hi;
                t[2 * i + 1] = lo;
                return true;
            }
            if (h == hi && l == lo) {
                return false;
            }
            if (++i == slots) {
                i = 0;
            }
        }
    }

    private static long[] grow(long[] t) {
        int slots = t.length >> 1;
        long[] n = new long[2 * (slots + slots / GROWTH_DIVISOR)];
        for (int i = 0; i < t.length; i += 2) {
            if (t[i] != 0 || t[i + 1] != 0) {
                insert(n, t[i], t[i + 1]);
            }
        }
        return n;
    }
}
