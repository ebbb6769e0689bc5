package io.modulemigrations.link;

import io.modulemigrations.json.JsonText;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A link: a many-to-many join table between an entity of one module and an entity of another,
 * owned by neither. Declare one per pair, e.g. as a bean:
 *
 * <pre>{@code
 * ModuleLink.between("product", "product", "brand", "brand").withColumn("position", "integer")
 * }</pre>
 *
 * Its table ({@link #tableName()}) has {@code id}, {@code <entityA>_id}, {@code <entityB>_id}, the
 * extra columns, {@code created_at}, {@code updated_at} and {@code deleted_at}; the primary key is
 * the two entity ids, and each entity id has an index over live ({@code deleted_at is null}) rows.
 *
 * @param moduleA      the first module, {@code [a-z][a-z0-9_]*}
 * @param entityA      its entity; the column is {@code <entityA>_id}
 * @param moduleB      the second module
 * @param entityB      its entity; must differ from {@code entityA} (the columns would collide)
 * @param table        an explicit table name, or null for the derived one
 * @param extraColumns further columns, in order
 */
public record ModuleLink(String moduleA, String entityA, String moduleB, String entityB, @Nullable String table, List<LinkColumn> extraColumns) {

    /** Columns every link table has besides the two entity ids. */
    static final Set<String> STANDARD_COLUMNS = Set.of("id", "created_at", "updated_at", "deleted_at");

    private static final int MAX_ENTITY = Identifiers.MAX_BYTES - "_id".length();

    public ModuleLink {
        Identifiers.requireName("module name", moduleA);
        Identifiers.requireName("module name", moduleB);
        Identifiers.requireName("entity name", entityA);
        Identifiers.requireName("entity name", entityB);
        for (String entity : List.of(entityA, entityB)) {
            if (entity.length() > MAX_ENTITY) {
                throw new IllegalArgumentException("Entity name '" + entity + "' is too long: its column " + entity
                        + "_id must fit PostgreSQL's 63-byte limit (entity names up to " + MAX_ENTITY + " characters)");
            }
        }
        if (entityA.equals(entityB)) {
            throw new IllegalArgumentException("Link " + moduleA + "." + entityA + " <-> " + moduleB + "." + entityB
                    + ": both entities are named '" + entityA + "', so both id columns would be " + entityA + "_id");
        }
        if (table != null) {
            Identifiers.requireName("link table name", table);
            if (table.length() > Identifiers.MAX_BYTES) {
                throw new IllegalArgumentException("Link table name '" + table + "' is longer than PostgreSQL's 63-byte limit"
                        + " (PostgreSQL would silently cut it); choose a shorter name or leave it to be derived");
            }
        }
        extraColumns = extraColumns == null ? List.of() : List.copyOf(extraColumns);
        Set<String> taken = new HashSet<>(STANDARD_COLUMNS);
        taken.add(entityA + "_id");
        taken.add(entityB + "_id");
        for (LinkColumn column : extraColumns) {
            if (!taken.add(column.name())) {
                throw new IllegalArgumentException("Link " + moduleA + "." + entityA + " <-> " + moduleB + "." + entityB
                        + ": extra column '" + column.name() + "' is declared twice or is one of the standard columns "
                        + "(id, " + entityA + "_id, " + entityB + "_id, created_at, updated_at, deleted_at)");
            }
        }
    }

    /** A link between {@code moduleA.entityA} and {@code moduleB.entityB}, with the derived table name and no extra columns. */
    public static ModuleLink between(String moduleA, String entityA, String moduleB, String entityB) {
        return new ModuleLink(moduleA, entityA, moduleB, entityB, null, List.of());
    }

    /** The same link in a table of this name (at most 63 bytes, {@code [a-z][a-z0-9_]*}). */
    public ModuleLink withTable(String table) {
        return new ModuleLink(moduleA, entityA, moduleB, entityB, table, extraColumns);
    }

    /** The same link with one more (nullable) column. */
    public ModuleLink withColumn(String name, String sqlType) {
        List<LinkColumn> columns = new ArrayList<>(extraColumns);
        columns.add(new LinkColumn(name, sqlType));
        return new ModuleLink(moduleA, entityA, moduleB, entityB, table, columns);
    }

    /**
     * The explicit table name, or {@code <moduleA>_<entityA>_<moduleB>_<entityB>}; when that is
     * longer than 63 bytes, its first 54 characters and a hash of the four names (stable, and
     * distinct for distinct links).
     */
    public String tableName() {
        if (table != null) {
            return table;
        }
        return Identifiers.fit(moduleA + "_" + entityA + "_" + moduleB + "_" + entityB,
                moduleA + "." + entityA + "/" + moduleB + "." + entityB);
    }

    /** The column holding entity A's id: {@code <entityA>_id}. */
    public String columnA() {
        return entityA + "_id";
    }

    /** The column holding entity B's id: {@code <entityB>_id}. */
    public String columnB() {
        return entityB + "_id";
    }

    /**
     * The definition as canonical JSON (sorted keys, no spaces), as stored in
     * {@code module_links.descriptor}.
     */
    public String descriptor() {
        StringBuilder sb = new StringBuilder("{\"columns\":[");
        for (int i = 0; i < extraColumns.size(); i++) {
            LinkColumn c = extraColumns.get(i);
            sb.append(i == 0 ? "" : ",").append("{\"name\":").append(JsonText.string(c.name())).append(",\"type\":").append(JsonText.string(c.type())).append('}');
        }
        return sb.append("],\"entityA\":").append(JsonText.string(entityA)).append(",\"entityB\":").append(JsonText.string(entityB))
                .append(",\"moduleA\":").append(JsonText.string(moduleA)).append(",\"moduleB\":").append(JsonText.string(moduleB))
                .append(",\"table\":").append(JsonText.string(tableName())).append('}').toString();
    }

    @Override
    public String toString() {
        return moduleA + "." + entityA + " <-> " + moduleB + "." + entityB + " (" + tableName() + ")";
    }
}
