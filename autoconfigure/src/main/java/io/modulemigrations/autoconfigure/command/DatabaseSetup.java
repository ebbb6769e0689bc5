package io.modulemigrations.autoconfigure.command;

import org.jspecify.annotations.Nullable;
import io.modulemigrations.MigrationException;
import io.modulemigrations.setup.DatabaseCreator;
import io.modulemigrations.setup.SeedData;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.boot.json.JsonParseException;
import org.springframework.boot.json.JsonParserFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * {@code db:create} and {@code db:seed} for the database migrations run against. Nothing here
 * connects until asked, so a context whose database does not exist yet starts.
 */
public class DatabaseSetup {

    private final DataSource dataSource;
    private final ResourceLoader resourceLoader;
    private final String seedLocation;

    /**
     * @param dataSource     where migrations run: its URL and credentials say which database to create
     * @param resourceLoader loads the seed data
     * @param seedLocation   where the seed data lives, e.g. {@code classpath:db/seed.json}
     */
    public DatabaseSetup(DataSource dataSource, ResourceLoader resourceLoader, String seedLocation) {
        this.dataSource = dataSource;
        this.resourceLoader = resourceLoader;
        this.seedLocation = seedLocation;
    }

    /** What {@link #create} did. */
    public record Created(String database, DatabaseCreator.Outcome outcome) {
    }

    /**
     * Creates {@code database}, or the one migrations connect to, through the server's maintenance
     * database.
     *
     * @throws IllegalArgumentException the URL is not a PostgreSQL URL or names no database
     * @throws MigrationException       the server refused
     */
    public Created create(@Nullable String database) {
        SimpleDriverDataSource target = DataSourceBuilder.derivedFrom(this.dataSource).type(SimpleDriverDataSource.class).build();
        if (target.getUrl() == null) {
            throw new IllegalArgumentException("Cannot tell which database to create: the DataSource has no JDBC URL."
                    + " Set spring.datasource.url or module-migrations.url");
        }
        String name = database != null ? database : DatabaseCreator.databaseOf(target.getUrl());
        try {
            return new Created(name, DatabaseCreator.create(target.getUrl(), target.getUsername(), target.getPassword(), name));
        } catch (SQLException e) {
            throw new MigrationException("Could not create database " + name + ": " + e.getMessage() + ". Nothing was created."
                    + " Next: check that the server is up and that the user may create databases (CREATEDB), then run db:create again.", e);
        }
    }

    /** Where the seed data is read from. */
    public String seedLocation() {
        return this.seedLocation;
    }

    /**
     * Reads the seed data: a JSON object of table name to an array of rows, each an object of
     * column name to a string, number, boolean or null.
     *
     * @throws MigrationException the file is missing or not in that shape
     */
    public Map<String, List<Map<String, Object>>> readSeed() {
        Resource resource = this.resourceLoader.getResource(this.seedLocation);
        if (!resource.exists()) {
            throw new MigrationException("No seed data at " + this.seedLocation + ". Nothing was changed. Next: add it, or point"
                    + " module-migrations.seed-location at it.");
        }
        Map<String, Object> json;
        try (InputStream in = resource.getInputStream()) {
            json = JsonParserFactory.getJsonParser().parseMap(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException | JsonParseException e) {
            throw new MigrationException("Could not read the seed data at " + this.seedLocation + ": " + e.getMessage()
                    + ". Nothing was changed.", e);
        }
        Map<String, List<Map<String, Object>>> tables = new LinkedHashMap<>();
        json.forEach((table, rows) -> tables.put(table, rows(table, rows)));
        return tables;
    }

    /**
     * Inserts the rows that are not there yet, in one transaction (see {@link SeedData} for how rows are matched).
     *
     * @throws MigrationException a row could not be inserted; nothing was inserted
     */
    public List<SeedData.TableResult> seed(Map<String, List<Map<String, Object>>> tables) {
        Connection connection;
        try {
            connection = this.dataSource.getConnection();
        } catch (SQLException e) {
            throw new MigrationException("Seeding failed: could not connect: " + sentence(e.getMessage()) + " Nothing was inserted."
                    + " Next: check that the database is up and reachable, then run db:seed again.", e);
        }
        try (connection) {
            return SeedData.load(connection, tables);
        } catch (SQLException e) {
            throw new MigrationException(sentence(e.getMessage()) + " The seed runs in one transaction, so no seed row was inserted."
                    + " Next: fix " + this.seedLocation + " (or the schema), then run db:seed again.", e);
        }
    }

    private static String sentence(@Nullable String message) {
        String text = message == null ? "" : message.strip();
        return text.endsWith(".") ? text : text + ".";
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> rows(String table, Object rows) {
        if (!(rows instanceof List<?> list) || !list.stream().allMatch(Map.class::isInstance)) {
            throw invalid("table " + table + " must map to an array of objects (one per row)");
        }
        for (Object row : list) {
            if (((Map<?, ?>) row).isEmpty()) {
                throw invalid("a " + table + " row gives no columns");
            }
            ((Map<String, Object>) row).forEach((column, value) -> {
                if (value instanceof Map || value instanceof List) {
                    throw invalid("column " + column + " of a " + table + " row holds an object or array; write JSON"
                            + " values as strings (PostgreSQL reads them as jsonb)");
                }
            });
        }
        return (List<Map<String, Object>>) rows;
    }

    private MigrationException invalid(String problem) {
        return new MigrationException("The seed data at " + this.seedLocation + " is not in the expected shape: " + problem
                + ". Expected {\"table\": [{\"column\": value, ...}, ...], ...}. Nothing was changed.");
    }
}
