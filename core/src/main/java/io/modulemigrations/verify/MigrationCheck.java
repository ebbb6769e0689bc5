package io.modulemigrations.verify;

import io.modulemigrations.catalog.LineDifference;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The check of one migration: its up, then its down, then its up again, each compared with the
 * catalog before it.
 *
 * @param module      the module
 * @param name        the migration
 * @param outcome     what was found
 * @param difference  for {@link Outcome#DIFFERS}: catalog lines before the up that the down did not bring back
 *                    ({@code missing}) and lines the down left that were not there ({@code unexpected});
 *                    for {@link Outcome#UP_FAILS_AGAIN}, the same against the schema after the first up
 * @param error       for {@link Outcome#DOWN_FAILS} and {@link Outcome#UP_FAILS_AGAIN}: the database's words
 * @param columnOrder the tables whose column order alone the down did not restore (not compared; reported)
 */
public record MigrationCheck(String module, String name, Outcome outcome, LineDifference difference, @Nullable String error,
        List<String> columnOrder) {

    public MigrationCheck {
        columnOrder = List.copyOf(columnOrder);
    }
}
