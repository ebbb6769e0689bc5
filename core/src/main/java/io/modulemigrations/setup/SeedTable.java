package io.modulemigrations.setup;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One table being seeded: which of its keys a row can be matched on, and the identity and serial
 * sequences to keep ahead of the keys written into it.
 */
final class SeedTable {

    // Primary key first, then unique indexes in creation order; partial and expression indexes cannot identify a row.
    private static final String KEYS = """
            select array(select a.attname from unnest(i.indkey::int2[]) with ordinality as k(attnum, n)
                         join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum
                         where k.n <= i.indnkeyatts order by k.n)
            from pg_index i
            where i.indrelid = ?::regclass and i.indisunique and i.indpred is null and i.indexprs is null
            order by i.indisprimary desc, i.indexrelid""";

    // Sequences owned by a column (identity or serial) that count upwards; descending ones are left alone.
    private static final String SEQUENCES = """
            select a.attname, s.name
            from pg_attribute a
            cross join lateral (select pg_get_serial_sequence(a.attrelid::regclass::text, a.attname) as name) s
            join pg_sequence q on q.seqrelid = s.name::regclass
            where a.attrelid = ?::regclass and a.attnum > 0 and not a.attisdropped and q.seqincrement > 0
            order by a.attnum""";

    private final String name;
    private final List<List<String>> keys;
    private final Map<String, String> sequences;

    private SeedTable(String name, List<List<String>> keys, Map<String, String> sequences) {
        this.name = name;
        this.keys = keys;
        this.sequences = sequences;
    }

    /** Reads the keys and sequences of {@code table}, a table name as the search path resolves it. */
    static SeedTable read(Connection c, String table) throws SQLException {
        String name = quote(table);
        List<List<String>> keys = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(KEYS)) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Array columns = rs.getArray(1);
                    keys.add(List.of((String[]) columns.getArray()));
                }
            }
        }
        Map<String, String> sequences = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(SEQUENCES)) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sequences.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return new SeedTable(name, keys, sequences);
    }

    /**
     * Whether {@code row} is already there: the row with the same primary key, or else the same unique key,
     * when the row gives every column of it (none null); otherwise a row equal in every column given.
     */
    boolean present(Connection c, Map<String, @Nullable Object> row) throws SQLException {
        List<String> columns = matchColumns(row);
        StringBuilder sql = new StringBuilder("select exists (select 1 from ").append(this.name).append(" where ");
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            Object value = row.get(columns.get(i));
            // = and is null rather than "is not distinct from", which no index can answer
            sql.append(i == 0 ? "" : " and ").append(quote(columns.get(i))).append(value == null ? " is null" : " = ?");
            if (value != null) {
                values.add(value);
            }
        }
        try (PreparedStatement ps = c.prepareStatement(sql.append(')').toString())) {
            for (int i = 0; i < values.size(); i++) {
                bind(ps, i + 1, values.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** The key {@code row} is matched on, or all the columns it gives when it covers no key. */
    private List<String> matchColumns(Map<String, @Nullable Object> row) {
        for (List<String> key : this.keys) {
            if (key.stream().allMatch(column -> row.get(column) != null)) {
                return key;
            }
        }
        return List.copyOf(row.keySet());
    }

    /** Inserts {@code row} as given; a value for an identity column is kept, also for one generated always. */
    void insert(Connection c, Map<String, @Nullable Object> row) throws SQLException {
        List<String> columns = new ArrayList<>(row.keySet());
        StringBuilder sql = new StringBuilder("insert into ").append(this.name).append(" (");
        for (int i = 0; i < columns.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(quote(columns.get(i)));
        }
        sql.append(") overriding system value values (").append(String.join(", ", Collections.nCopies(columns.size(), "?"))).append(')');
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < columns.size(); i++) {
                bind(ps, i + 1, row.get(columns.get(i)));
            }
            ps.executeUpdate();
        }
    }

    /**
     * Moves each identity and serial sequence of the table past the highest value its column holds or
     * {@code rows} give it, unless it is past that already: a sequence never moves back. Done before the rows
     * are inserted, a row that leaves its key to the sequence cannot take a key another seed row gives.
     */
    void moveSequencesPast(Connection c, List<Map<String, @Nullable Object>> rows) throws SQLException {
        for (Map.Entry<String, String> sequence : this.sequences.entrySet()) {
            // The sequence's name comes from pg_get_serial_sequence, quoted as needed.
            String sql = "select setval(?::regclass, m.value) from (select greatest(max(" + quote(sequence.getKey()) + "), ?) as value"
                    + " from " + this.name + ") m, " + sequence.getValue() + " s"
                    + " where m.value > s.last_value or (m.value = s.last_value and not s.is_called)";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, sequence.getValue());
                Long seeded = highest(rows, sequence.getKey());
                if (seeded == null) {
                    ps.setNull(2, Types.BIGINT);
                } else {
                    ps.setLong(2, seeded);
                }
                ps.executeQuery().close();
            }
        }
    }

    private static @Nullable Long highest(List<Map<String, @Nullable Object>> rows, String column) {
        return rows.stream().map(row -> wholeNumber(row.get(column))).filter(Objects::nonNull).max(Comparator.naturalOrder()).orElse(null);
    }

    // A value that is no whole number is left to fail its insert, which names the row.
    private static @Nullable Long wholeNumber(@Nullable Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            return ((Number) value).longValue();
        }
        if (value instanceof String s) {
            try {
                return Long.valueOf(s.strip());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    // Strings go untyped, so PostgreSQL reads them as the column's type: uuid, jsonb, timestamptz…
    private static void bind(PreparedStatement ps, int index, @Nullable Object value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.OTHER);
        } else if (value instanceof String s) {
            ps.setObject(index, s, Types.OTHER);
        } else {
            ps.setObject(index, value);
        }
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
