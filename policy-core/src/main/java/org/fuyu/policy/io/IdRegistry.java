package org.fuyu.policy.io;

/**
 * Remembers the household ids of one input file to reject duplicates, in bounded memory: it
 * keeps a 64-bit hash of each id, not the id, in open-addressing tables of primitive longs
 * (12–23 bytes per id, 10 million ids in about 130 MB; a {@code HashSet<String>} needs about
 * 100 bytes per id). The hashes are spread over 1,024 tables that grow one at a time, so growing
 * never needs twice the memory at once.
 *
 * <p>Two different ids with the same 64-bit hash would make the second look like a
 * duplicate. For n distinct ids the chance that this happens anywhere in a file is about
 * n²/2⁶⁵: 3·10⁻⁶ for ten million ids, 3·10⁻⁴ for a hundred million. Such a record is not lost
 * silently: it is rejected into {@code errors.jsonl} as a duplicate, with its line.
 */
final class IdRegistry {
    // 1024 tables: at ten million ids each holds about 10,000 in 128 KB, well under the size the
    // G1 collector treats as "humongous" (half a region: 512 KB with a 512 MB heap)
    private static final int PARTITION_BITS = 10;
    private static final int PARTITIONS = 1 << PARTITION_BITS;
    private static final int INITIAL_CAPACITY = 16;

    private final long[][] tables = new long[PARTITIONS][];
    private final int[] sizes = new int[PARTITIONS];
    private long size;

    /** True when the id is new (and now remembered). */
    boolean add(String id) {
        return addHash(hash(id));
    }

    long size() {
        return size;
    }

    boolean addHash(long h) {
        if (h == 0) {
            h = 1; // 0 marks an empty slot
        }
        int p = (int) (h >>> (64 - PARTITION_BITS));
        long[] t = tables[p];
        if (t == null) {
            t = tables[p] = new long[INITIAL_CAPACITY];
        }
        if (!insert(t, h)) {
            return false;
        }
        size++;
        if (++sizes[p] * 10L > t.length * 7L) {
            tables[p] = grow(t);
        }
        return true;
    }

    /** Linear probing; the low bits pick the slot (the high bits picked the table). */
    private static boolean insert(long[] t, long h) {
        int mask = t.length - 1;
        int i = (int) h & mask;
        while (true) {
            long v = t[i];
            if (v == 0) {
                t[i] = h;
                return true;
            }
            if (v == h) {
                return false;
            }
            i = (i + 1) & mask;
        }
    }

    private static long[] grow(long[] t) {
        long[] n = new long[t.length * 2];
        for (long v : t) {
            if (v != 0) {
                insert(n, v);
            }
        }
        return n;
    }

    /** A 64-bit hash of the id's characters (multiply-rotate per character, then a full avalanche). */
    static long hash(String s) {
        long h = 0x9E3779B97F4A7C15L ^ ((long) s.length() * 0xC2B2AE3D27D4EB4FL);
        for (int i = 0; i < s.length(); i++) {
            h = Long.rotateLeft(h ^ (s.charAt(i) * 0xC2B2AE3D27D4EB4FL), 31) * 0x9E3779B97F4A7C15L;
        }
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        return h;
    }
}
