package org.fuyu.policy.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.fuyu.policy.facts.Business;
import org.fuyu.policy.facts.County;
import org.fuyu.policy.facts.Household;
import org.fuyu.policy.facts.Village;
import org.fuyu.policy.io.FactReader;
import org.fuyu.policy.io.RecordError;

/**
 * Reads {@link Schemas#RECORDS} rows with Fuyu's strict reader ({@link FactReader#readLine}), so
 * a record is accepted or rejected with exactly the checks and messages of {@code fuyu evaluate}.
 * Emits one {@link Schemas#PARSED} row per record: its id and reference (a household's village,
 * a business's household, a village's county), or why it was rejected. Blank lines are no record.
 */
final class ParseRecords implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;

    /** The fact types of the four inputs. */
    enum Kind {
        HOUSEHOLDS(Household.class), BUSINESSES(Business.class), VILLAGES(Village.class), COUNTIES(County.class);

        final Class<?> type;

        Kind(Class<?> type) {
            this.type = type;
        }
    }

    private final Kind kind;

    ParseRecords(Kind kind) {
        this.kind = kind;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> records) {
        FactReader<?> reader = new FactReader<>(kind.type);
        return new Iterator<>() {
            private final List<Row> ready = new ArrayList<>(1);

            @Override
            public boolean hasNext() {
                while (ready.isEmpty() && records.hasNext()) {
                    read(reader, records.next(), ready);
                }
                return !ready.isEmpty();
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                return ready.remove(0);
            }
        };
    }

    private void read(FactReader<?> reader, Row r, List<Row> out) {
        String source = r.getString(0);
        int line = r.getInt(1);
        byte[] json = r.isNullAt(2) ? new byte[0] : (byte[]) r.get(2);
        String rowKey = r.isNullAt(3) ? null : r.getString(3);
        reader.readLine(source, line, json, 0, json.length, ok -> {
            Object v = ok.value();
            String id;
            String ref;
            if (v instanceof Household h) {
                id = h.id();
                ref = h.villageId();
            } else if (v instanceof Business b) {
                id = b.id();
                ref = b.householdId();
            } else if (v instanceof Village vi) {
                id = vi.id();
                ref = vi.countyId();
            } else {
                id = ((County) v).id();
                ref = null;
            }
            out.add(RowFactory.create(id, ref, line, source, json, null, null, null));
        }, bad -> out.add(error(bad, rowKey)));
    }

    private static Row error(RecordError e, String rowKey) {
        return RowFactory.create(null, null, e.line(), e.file(), null, e.field(), e.message(),
                e.id() != null ? e.id() : rowKey);
    }
}
