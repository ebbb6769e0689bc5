package io.modulemigrations;

/**
 * Run in a separate JVM by {@link CrashTest}: migrates a module whose second migration runs long
 * enough to be killed in the middle.
 */
public final class CrashChild {

    private CrashChild() {
    }

    public static void main(String[] args) {
        if (args.length > 3 && args[3].equals("transaction:false")) {
            ModuleMigrations.configure().dataSource(args[0], args[1], args[2]).locations()
                    .sqlMigration("blog", CrashTest.FIRST, NonTransactionalCrashTest.SQL)
                    .load()
                    .migrate();
            return;
        }
        ModuleMigrations.configure().dataSource(args[0], args[1], args[2]).locations()
                .sqlMigration("blog", CrashTest.FIRST, CrashTest.FIRST_SQL)
                .sqlMigration("blog", CrashTest.LONG, CrashTest.LONG_SQL_UP + "select pg_sleep(300);\n" + CrashTest.LONG_SQL_DOWN)
                .load()
                .migrate();
    }
}
