package org.fuyu.policy.io;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import java.io.IOException;
import org.fuyu.policy.facts.Household;

/**
 * Reads one element of a {@code .json} array while checking its size as it goes, so that an
 * element of millions of members is refused before it is held in memory: at most
 * {@link FactReader#MAX_LINE_LENGTH} bytes, and (for households) at most
 * {@link Household#MAX_MEMBERS} members.
 */
final class BoundedElement extends JsonParserDelegate {
    /** The element is larger than allowed; the caller skips the rest of it. */
    static final class TooLarge extends RuntimeException {
        private final String field;

        TooLarge(String field, String message) {
            super(message, null, false, false);
            this.field = field;
        }

        String field() {
            return field;
        }
    }

    private final boolean households;
    private long start;
    private int depth;
    private boolean inMembers;
    private int members;

    BoundedElement(JsonParser p, boolean households) {
        super(p);
        this.households = households;
    }

    /** Begins an element at the parser's current token. */
    BoundedElement start() {
        start = offset(delegate.currentTokenLocation());
        depth = delegate.currentToken() != null && delegate.currentToken().isStructStart() ? 1 : 0;
        inMembers = false;
        members = 0;
        return this;
    }

    private static long offset(JsonLocation loc) {
        return loc.getByteOffset() >= 0 ? loc.getByteOffset() : loc.getCharOffset();
    }

    @Override
    public JsonToken nextToken() throws IOException {
        JsonToken t = delegate.nextToken();
        if (t == null) {
            return null;
        }
        if (offset(delegate.currentLocation()) - start > FactReader.MAX_LINE_LENGTH) {
            throw new TooLarge("", "记录过大 / record larger than " + FactReader.MAX_LINE_LENGTH
                    + " bytes; a record is at most that long (split or correct it)");
        }
        if (inMembers && depth == 2 && (t.isScalarValue() || t.isStructStart()) && ++members > Household.MAX_MEMBERS) {
            throw new TooLarge("members", "expected at most " + Household.MAX_MEMBERS + " members, got more");
        }
        if (t.isStructStart()) {
            depth++;
            if (households && depth == 2 && t == JsonToken.START_ARRAY && "members".equals(delegate.currentName())) {
                inMembers = true;
            }
        } else if (t.isStructEnd()) {
            if (depth == 2) {
                inMembers = false;
            }
            depth--;
        }
        return t;
    }
}
