package io.modulemigrations;

import io.modulemigrations.script.MigrationScript;
import io.modulemigrations.script.ScriptContext;

/** Run in a separate JVM by {@link ScriptsTest}: a migration script that runs long enough to be killed. */
public final class ScriptCrashChild {

    private ScriptCrashChild() {
    }

    public static void main(String[] args) {
        ModuleMigrations.configure().dataSource(args[0], args[1], args[2]).locations()
                .scripts(new MigrationScript() {
                    @Override
                    public String name() {
                        return ScriptsTest.BACKFILL;
                    }

                    @Override
                    public void run(ScriptContext context) {
                        context.sql("insert into backfilled values ('child')");
                        context.sql("select pg_sleep(300)");
                    }
                })
                .load()
                .migrate();
    }
}
