package io.modulemigrations.benchmarks;

/**
 * One migration of a workload, as every contender gets it.
 *
 * @param module the owning module
 * @param name   the migration name ({@code Migration} + digits), unique in its module
 * @param up     the SQL that applies it
 * @param down   the SQL that undoes it; null when it is irreversible
 */
record SqlStep(String module, String name, String up, String down) {

    /** The migration in this engine's SQL file format. */
    String fileText() {
        return "-- migrate:up\n" + up + (down == null ? "" : "\n-- migrate:down\n" + down) + "\n";
    }
}
