package io.modulemigrations.autoconfigure.actuate;

import io.modulemigrations.DatabaseUnavailableException;
import io.modulemigrations.MigrationException;
import io.modulemigrations.UnknownModuleException;
import io.modulemigrations.autoconfigure.actuate.MigrationsEndpoint.RollbackDescriptor;
import java.sql.SQLException;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;

/**
 * HTTP answers of the {@code migrations} endpoint: an unknown module is a 404 whose body lists the
 * available modules; a rollback the engine refuses (irreversible migration, changed checksum,
 * dependents) is a
 * 409 with the engine's message; a database that cannot be reached (or whose connection was lost)
 * is a 503, since trying again later may work; with Spring Security present, an anonymous rollback
 * is a 401.
 */
@EndpointWebExtension(endpoint = MigrationsEndpoint.class)
public class MigrationsEndpointWebExtension {

    static final int STATUS_UNAUTHORIZED = 401;
    static final int STATUS_CONFLICT = 409;
    static final int STATUS_SERVICE_UNAVAILABLE = 503;

    private final MigrationsEndpoint endpoint;
    private final boolean requireAuthenticatedCaller;

    /**
     * @param endpoint                   the endpoint
     * @param requireAuthenticatedCaller whether rollback refuses callers without a principal (true
     *                                   when Spring Security is on the classpath)
     */
    public MigrationsEndpointWebExtension(MigrationsEndpoint endpoint, boolean requireAuthenticatedCaller) {
        this.endpoint = endpoint;
        this.requireAuthenticatedCaller = requireAuthenticatedCaller;
    }

    @ReadOperation
    public WebEndpointResponse<Object> migrations() {
        try {
            return new WebEndpointResponse<>(this.endpoint.migrations());
        } catch (MigrationException e) {
            if (databaseUnreachable(e)) {
                return unavailable(e);
            }
            throw e;
        }
    }

    @ReadOperation
    public WebEndpointResponse<Object> module(@Selector String module) {
        try {
            return new WebEndpointResponse<>(this.endpoint.module(module));
        } catch (UnknownModuleException e) {
            return unknown(e);
        } catch (MigrationException e) {
            if (databaseUnreachable(e)) {
                return unavailable(e);
            }
            throw e;
        }
    }

    @WriteOperation
    public WebEndpointResponse<Object> rollback(SecurityContext securityContext, @Selector String module,
            @Nullable Integer steps, @Nullable Boolean dryRun, @Nullable Boolean withDependents) {
        if (this.requireAuthenticatedCaller && securityContext.getPrincipal() == null) {
            return new WebEndpointResponse<>(Map.of("message",
                    "Rolling back migrations needs an authenticated caller; nothing was changed."), STATUS_UNAUTHORIZED);
        }
        try {
            RollbackDescriptor result = this.endpoint.rollback(module, steps, dryRun, withDependents);
            return new WebEndpointResponse<>(result);
        } catch (UnknownModuleException e) {
            return unknown(e);
        } catch (MigrationException e) {
            if (databaseUnreachable(e)) {
                return unavailable(e);
            }
            return new WebEndpointResponse<>(Map.of("message", e.getMessage()), STATUS_CONFLICT);
        }
    }

    /** No connection could be had, or the one in use was lost (SQLSTATE class 08, connection exception). */
    static boolean databaseUnreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DatabaseUnavailableException) {
                return true;
            }
            if (t instanceof SQLException s && s.getSQLState() != null && s.getSQLState().startsWith("08")) {
                return true;
            }
        }
        return false;
    }

    private static WebEndpointResponse<Object> unavailable(MigrationException e) {
        return new WebEndpointResponse<>(Map.of("message", e.getMessage()), STATUS_SERVICE_UNAVAILABLE);
    }

    private static WebEndpointResponse<Object> unknown(UnknownModuleException e) {
        return new WebEndpointResponse<>(Map.of("message", e.getMessage(), "availableModules", e.available()),
                WebEndpointResponse.STATUS_NOT_FOUND);
    }
}
