package io.modulemigrations;

/**
 * Run in a separate JVM by {@link CrashTest}: migrates a module whose second migration runs long
 * enough to be killed in the middle.
 */
public final class CrashChild {

    private CrashChild() {
    }

    public static void main(String[] args) {
        ModuleMigrations.configure().dataSource(args[0], args[1], args[2]).locations()
                .sqlMigration("blog", CrashTest.FIRST, CrashTest.FIRST_SQL)
                .sqlMigration("blog", CrashTest.LONG, CrashTest.LONG_SQL_UP + "select pg_sleep(300);\n" + CrashTest.LONG_SQL_DOWN)
                .load()
                .migrate();
    }
}
