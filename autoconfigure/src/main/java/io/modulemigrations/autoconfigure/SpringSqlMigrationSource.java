package io.modulemigrations.autoconfigure;

import org.jspecify.annotations.Nullable;
import io.modulemigrations.sql.Location;
import io.modulemigrations.sql.SqlMigrationScanner;
import io.modulemigrations.sql.SqlMigrationSource;
import io.modulemigrations.sql.SqlResource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.core.io.support.ResourcePatternUtils;

/**
 * Finds SQL migrations with Spring's {@link ResourcePatternResolver}, so that classpath locations
 * read the same from exploded directories, jars, nested jars of an executable archive and native
 * images. {@code classpath:} locations search every classpath root ({@code classpath*:}); {@code file:}
 * locations are directories, read by {@link SqlMigrationScanner}. Files are decoded strictly as UTF-8.
 */
final class SpringSqlMigrationSource implements SqlMigrationSource {

    private final ResourcePatternResolver resolver;

    private final SqlMigrationScanner directories;

    SpringSqlMigrationSource(ResourceLoader resourceLoader) {
        this.resolver = ResourcePatternUtils.getResourcePatternResolver(resourceLoader);
        this.directories = new SqlMigrationScanner(getClass().getClassLoader());
    }

    @Override
    public List<SqlResource> sqlFiles(Location location) {
        if (!location.isClasspath()) {
            // A directory as operators deploy it (links, ConfigMap mounts): read the same way as without Spring.
            return this.directories.sqlFiles(location);
        }
        try {
            String base = "classpath*:" + location.path();
            List<Root> roots = new ArrayList<>();
            for (Resource root : this.resolver.getResources(base + "/")) {
                roots.add(Root.of(root));
            }
            Map<String, Resource> files = new LinkedHashMap<>();
            for (Resource file : this.resolver.getResources(base + "/**/*")) {
                String name = file.getFilename();
                if (name != null && SqlResource.isListed(name) && file.isReadable()) {
                    files.putIfAbsent(file.getURI().toString(), file);
                }
            }
            List<SqlResource> found = new ArrayList<>();
            for (Resource file : files.values()) {
                String relative = relativePath(location, roots, file);
                if (!SqlResource.isHidden(relative)) {
                    found.add(SqlResource.read(location, relative, file::getContentAsByteArray));
                }
            }
            return found;
        } catch (IOException ex) {
            throw new UncheckedIOException("Could not read SQL migrations from " + location + ": " + ex.getMessage(), ex);
        }
    }

    private static String relativePath(Location location, List<Root> roots, Resource file) throws IOException {
        URI uri = file.getURI();
        Path path = fileSystemPath(uri);
        for (Root root : roots) {
            if (path != null && root.path() != null && path.startsWith(root.path())) {
                return root.path().relativize(path).toString().replace(java.io.File.separatorChar, '/');
            }
            if (root.path() == null && uri.toString().startsWith(root.uri())) {
                return decode(uri.toString().substring(root.uri().length()));
            }
        }
        throw new IllegalStateException("Could not tell where " + uri + " lies below " + location + " (its folders: "
                + roots.stream().map(Root::uri).toList() + "); no migration was run");
    }

    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** The file-system path of a {@code file:} URI, resolved through links; null for anything else. */
    private static @Nullable Path fileSystemPath(URI uri) {
        if (!"file".equals(uri.getScheme())) {
            return null;
        }
        Path path = Path.of(uri).toAbsolutePath().normalize();
        try {
            return path.toRealPath();
        } catch (IOException ex) {
            return path;
        }
    }

    /** A folder the location resolved to: a directory (by path) or an entry in an archive (by URI, ending in {@code /}). */
    private record Root(@Nullable Path path, String uri) {

        static Root of(Resource resource) throws IOException {
            URI uri = resource.getURI();
            String text = uri.toString();
            return new Root(fileSystemPath(uri), text.endsWith("/") ? text : text + "/");
        }
    }
}
