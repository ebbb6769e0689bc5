package io.modulemigrations.autoconfigure;

import org.jspecify.annotations.Nullable;
import io.modulemigrations.sql.ArchiveFingerprint;
import io.modulemigrations.sql.Location;
import io.modulemigrations.sql.SqlMigrationScanner;
import io.modulemigrations.sql.SqlMigrationSource;
import io.modulemigrations.sql.SqlResource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.core.io.support.ResourcePatternUtils;

/**
 * Finds SQL migrations below the classpath roots Spring's {@link ResourcePatternResolver} resolves a
 * {@code classpath:} location to (every root: {@code classpath*:}), so that exploded directories, jars,
 * nested jars of an executable archive and native images all work: directories and jars are listed as
 * {@link SqlMigrationScanner} lists them (a jar's directory gives each file's CRC-32 unread), other roots
 * through the resolver's pattern matching. {@code file:} locations are directories, read by
 * {@link SqlMigrationScanner}. Files are read when needed and decoded strictly as UTF-8.
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
            List<SqlResource> found = new ArrayList<>();
            List<Root> others = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (Resource root : this.resolver.getResources(base + "/")) {
                URL url = root.getURL();
                if (!seen.add(url.toExternalForm())) {
                    continue;
                }
                // Directories and jars (nested ones included) are listed as without Spring: a jar's directory
                // gives each file's CRC-32, so an applied, unchanged migration is not read.
                if ("file".equals(url.getProtocol())) {
                    SqlMigrationScanner.scanDirectory(location, Path.of(url.toURI()), found);
                } else if ("jar".equals(url.getProtocol())) {
                    SqlMigrationScanner.scanJar(location, url, found);
                } else {
                    others.add(Root.of(root));
                }
            }
            if (!others.isEmpty()) {
                addOthers(location, base, others, found);
            }
            return found;
        } catch (IOException ex) {
            throw new UncheckedIOException("Could not read SQL migrations from " + location + ": " + ex.getMessage(), ex);
        } catch (URISyntaxException ex) {
            throw new IllegalStateException("Could not read SQL migrations from " + location + ": " + ex.getMessage(), ex);
        }
    }

    /** The {@link ArchiveFingerprint#ofRoots fingerprints} of the archives of a classpath location's roots, when all are jars; else null. */
    @Override
    public @Nullable String fingerprint(Location location) {
        if (!location.isClasspath()) {
            return null;
        }
        try {
            List<URL> roots = new ArrayList<>();
            for (Resource root : this.resolver.getResources("classpath*:" + location.path() + "/")) {
                roots.add(root.getURL());
            }
            return ArchiveFingerprint.ofRoots(roots);
        } catch (IOException ex) {
            return null;
        }
    }

    /** Roots of other kinds (a native image's {@code resource:}), through Spring's pattern matching. */
    private void addOthers(Location location, String base, List<Root> roots, List<SqlResource> found) throws IOException {
        Map<String, Resource> files = new LinkedHashMap<>();
        for (Resource file : this.resolver.getResources(base + "/**/*")) {
            String name = file.getFilename();
            if (name != null && SqlResource.isListed(name) && file.isReadable()) {
                files.putIfAbsent(file.getURI().toString(), file);
            }
        }
        for (Resource file : files.values()) {
            String relative = relativePath(roots, file.getURI());
            if (relative != null && !SqlResource.isHidden(relative)) {
                found.add(SqlResource.of(location, relative, file::getContentAsByteArray));
            }
        }
    }

    private static @Nullable String relativePath(List<Root> roots, URI uri) {
        for (Root root : roots) {
            if (uri.toString().startsWith(root.uri())) {
                return decode(uri.toString().substring(root.uri().length()));
            }
        }
        return null;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** A folder the location resolved to, by URI ending in {@code /}. */
    private record Root(String uri) {

        static Root of(Resource resource) throws IOException {
            String text = resource.getURI().toString();
            return new Root(text.endsWith("/") ? text : text + "/");
        }
    }
}
