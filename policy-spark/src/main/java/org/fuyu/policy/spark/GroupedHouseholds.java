package org.fuyu.policy.spark;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.fuyu.policy.HouseholdInput;
import org.fuyu.policy.facts.Business;
import org.fuyu.policy.facts.Household;
import org.fuyu.policy.facts.Village;
import org.fuyu.policy.io.FactReader;
import org.fuyu.policy.io.RecordError;

/**
 * Walks one partition of {@link Schemas#GROUPED} rows, sorted by key, kind and line, a
 * household id at a time, as {@code fuyu evaluate} walks its households file: the first
 * household record with an id is admitted and takes every business of that id, a later one is a
 * duplicate, businesses with no admitted household are rejected; admitted households are
 * evaluated in batches by {@link #evaluate}, whose rows come out as they are made (the
 * partition is never held whole).
 */
abstract class GroupedHouseholds implements Iterator<Row> {
    /** An admitted household: its input, its line and source, and the lines of its businesses. */
    record Admitted(HouseholdInput input, int line, String source, int[] businessLines) {
    }

    protected final String householdsName;
    protected final String businessesName;
    private final boolean hasHouseholds;
    private final int batchSize;
    private final Iterator<Row> rows;
    private final FactReader<Household> households = new FactReader<>(Household.class);
    private final FactReader<Business> businesses = new FactReader<>(Business.class);
    private final FactReader<Village> villages = new FactReader<>(Village.class);
    private final Map<String, Boolean> villagesSeen = new HashMap<>();
    private final List<Village> newVillages = new ArrayList<>();
    private final List<Admitted> batch = new ArrayList<>();
    private final ArrayDeque<Row> out = new ArrayDeque<>();
    private Row pending;
    private boolean finished;

    GroupedHouseholds(Iterator<Row> rows, String householdsName, String businessesName, boolean hasHouseholds,
                      int batchSize) {
        this.rows = rows;
        this.householdsName = householdsName;
        this.businessesName = businessesName;
        this.hasHouseholds = hasHouseholds;
        this.batchSize = batchSize;
    }

    /** Evaluates a batch of admitted households; {@code villages} are the ones its households name, new to this task. */
    protected abstract void evaluate(List<Admitted> batch, List<Village> villages);

    /** Counts a record rejected before evaluation (duplicate, unreadable) in the households file. */
    protected abstract void householdRejected(RecordError e);

    /** Counts a business rejected because no household of its id was admitted. */
    protected abstract void businessOrphaned(RecordError e);

    /** The rows that end the partition (counters, summary part). */
    protected abstract void finish();

    protected final void emit(Row r) {
        out.add(r);
    }

    @Override
    public boolean hasNext() {
        while (out.isEmpty() && !finished) {
            step();
        }
        return !out.isEmpty();
    }

    @Override
    public Row next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return out.poll();
    }

    /** Reads one group of rows (one key), or finishes the partition. */
    private void step() {
        Row first = pending != null ? pending : rows.hasNext() ? rows.next() : null;
        pending = null;
        if (first == null) {
            flush();
            finish();
            finished = true;
            return;
        }
        String key = first.getString(0);
        List<Row> group = new ArrayList<>(2);
        group.add(first);
        while (rows.hasNext()) {
            Row r = rows.next();
            if (!r.getString(0).equals(key)) {
                pending = r;
                break;
            }
            group.add(r);
        }
        group(group);
        if (batch.size() >= batchSize) {
            flush();
        }
    }

    private void group(List<Row> group) {
        Household admitted = null;
        int line = 0;
        String source = null;
        List<Business> own = new ArrayList<>(0);
        List<Integer> ownLines = new ArrayList<>(0);
        for (Row r : group) {
            int kind = r.getInt(1);
            if (kind == Schemas.REJECTED) {
                householdRejected(new RecordError(r.getString(3), r.getInt(2), r.getString(6), r.getString(7), r.getString(8)));
            } else if (kind == Schemas.HOUSEHOLD) {
                Household h = parse(households, r);
                if (h == null) {
                    continue; // reported by parse
                }
                if (admitted != null) {
                    householdRejected(new RecordError(r.getString(3), r.getInt(2), "id", "duplicate household id '"
                            + h.id() + "' (already read earlier in this file)", h.id()));
                    continue;
                }
                admitted = h;
                line = r.getInt(2);
                source = r.getString(3);
                if (!r.isNullAt(5) && villagesSeen.putIfAbsent(h.villageId(), Boolean.TRUE) == null) {
                    byte[] v = (byte[]) r.get(5);
                    villages.readLine("villages", 2, v, 0, v.length, ok -> newVillages.add(ok.value()), bad -> { });
                }
            } else {
                Business b = parse(businesses, r);
                if (b == null) {
                    continue;
                }
                if (admitted != null) {
                    own.add(b);
                    ownLines.add(r.getInt(2));
                } else {
                    businessOrphaned(new RecordError(r.getString(3), r.getInt(2), "householdId", "household '"
                            + b.householdId() + "' is not among the evaluated households"
                            + (hasHouseholds ? "" : " (no households file)"), b.id()));
                }
            }
        }
        if (admitted != null) {
            batch.add(new Admitted(new HouseholdInput(admitted, own), line, source,
                    ownLines.stream().mapToInt(Integer::intValue).toArray()));
        }
    }

    /** The record again (it was read once already, to find its id); an error, unexpected here, rejects it. */
    private <T> T parse(FactReader<T> reader, Row r) {
        byte[] json = (byte[]) r.get(4);
        Object[] v = new Object[1];
        reader.readLine(r.getString(3), r.getInt(2), json, 0, json.length, ok -> v[0] = ok.value(), bad -> {
            if (reader == households) {
                householdRejected(bad);
            } else {
                businessOrphaned(bad);
            }
        });
        @SuppressWarnings("unchecked")
        T t = (T) v[0];
        return t;
    }

    private void flush() {
        if (!batch.isEmpty()) {
            evaluate(List.copyOf(batch), List.copyOf(newVillages));
            batch.clear();
            newVillages.clear();
        }
    }

    static Row error(RecordError e) {
        return RowFactory.create(Schemas.ERROR, null, e.file(), e.line(), e.field(), e.message(), e.id(), null, null, null,
                e.code(), e.parameter());
    }

    static Row decisionLine(String line) {
        return RowFactory.create(Schemas.DECISION, line, null, null, null, null, null, null, null, null, null, null);
    }

    static Row part(String json) {
        return RowFactory.create(Schemas.PART, json, null, null, null, null, null, null, null, null, null, null);
    }

    static Row tally(String countyId, long households, Map<String, Long> counters) {
        return RowFactory.create(Schemas.TALLY, null, null, null, null, null, null, countyId, households,
                scala.jdk.javaapi.CollectionConverters.asScala(counters), null, null);
    }
}
