package io.modulemigrations;

import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * {@code depends-on} derived from the application's code when its migrations are discovered, instead of
 * declared: Spring Modulith's application modules, for one. Deriving it can cost more than a start that finds
 * nothing to do: with a {@link #fingerprint()}, such a start does not ask for it.
 *
 * @see FluentConfiguration#dependsOnFrom(DependsOnSource)
 */
public interface DependsOnSource {

    /**
     * The modules each module runs after, for the modules that have migrations. A module whose
     * {@code depends-on} is declared ({@link FluentConfiguration#dependsOn}) keeps the declared one.
     *
     * @param modules the modules that have migrations, as discovered
     */
    Map<String, Set<String>> dependsOn(Set<String> modules);

    /**
     * A value that changes whenever {@link #dependsOn} may answer otherwise, read without deriving anything;
     * null when there is none, and then every start discovers the migrations and asks {@link #dependsOn}.
     */
    @Nullable String fingerprint();
}
