package org.entraide.web;

import java.util.function.Supplier;

import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.entraide.account.EmailNotVerifiedException;
import org.entraide.account.ApiTokenMechanism;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.runtime.BlockingOperationControl;
import io.quarkus.security.ForbiddenException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/** Error pages in the layout: readable, in the visitor's language, never a stack trace. */
public class Errors {

    private static final Logger LOG = Logger.getLogger(Errors.class);

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance error(String titleKey, String messageKey);

        static native TemplateInstance emailNotVerified();
    }

    private final RequestContext context;

    Errors(RequestContext context) {
        this.context = context;
    }

    @ServerExceptionMapper
    public Uni<Response> notFound(NotFoundException e) {
        if (api()) {
            return Uni.createFrom().item(json(404));
        }
        return offIoThread(() -> page(404, "error.404.title", "error.404.text"));
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return api() ? json(403) : page(403, "error.403.title", "error.403.text");
    }

    /** A Keycloak identity with an unverified e-mail address: say how to get in, and offer to sign out. */
    @ServerExceptionMapper
    public Response emailNotVerified(EmailNotVerifiedException e) {
        return api() ? json(403) : html(403, Templates.emailNotVerified());
    }

    /** Asked to wait: 503 with Retry-After, the way a browser or a script knows to come back. */
    @ServerExceptionMapper
    public Response busy(BusyException e) {
        Response response = api() ? json(503) : page(503, "error.503.title", "error.503.text");
        return Response.fromResponse(response).header(HttpHeaders.RETRY_AFTER, "5").build();
    }

    @ServerExceptionMapper
    public Response invalid(InvalidInputException e) {
        return api() ? json(400) : page(400, "error.400.title", "error.400.text");
    }

    @ServerExceptionMapper
    public Uni<Response> webApplication(WebApplicationException e) {
        if (api()) {
            if (e.getResponse().getStatus() >= 500) {
                LOG.error("Request failed", e);
            }
            Response json = json(e.getResponse().getStatus());
            if (e instanceof NotAllowedException notAllowed) {
                json = Response.fromResponse(json).header(HttpHeaders.ALLOW, notAllowed.getResponse().getHeaderString(HttpHeaders.ALLOW)).build();
            }
            return Uni.createFrom().item(json);
        }
        return offIoThread(() -> webApplicationPage(e));
    }

    private Response webApplicationPage(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            LOG.error("Request failed", e);
            return page(status, "error.500.title", "error.500.text");
        }
        if (status == 403) {
            return page(403, "error.403.title", "error.403.text");
        }
        if (status == 404) {
            return page(404, "error.404.title", "error.404.text");
        }
        Response page = page(status, "error.400.title", status == 415 ? "error.415.text" : "error.400.text");
        if (e instanceof NotAllowedException notAllowed) {
            return Response.fromResponse(page).header(HttpHeaders.ALLOW, notAllowed.getResponse().getHeaderString(HttpHeaders.ALLOW)).build();
        }
        return page;
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof EmailNotVerifiedException refused) {
                // the page's template was the first to read the signed-in person
                return emailNotVerified(refused);
            }
        }
        LOG.error("Unexpected error", e);
        return api() ? json(500) : page(500, "error.500.title", "error.500.text");
    }

    /** Requests to the JSON API ({@code /api/…}) get JSON errors, even on paths that match no resource. */
    private boolean api() {
        return ApiTokenMechanism.isApi(context.path());
    }

    /** {@code {"status":404,"error":"not-found"}}: the same shape as the API's own errors. */
    private static Response json(int status) {
        String error = switch (status) {
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 503 -> "busy";
            default -> status >= 500 ? "server-error" : "bad-request";
        };
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity("{\"status\":" + status + ",\"error\":\"" + error + "\"}").build();
    }

    /**
     * A path or method that matches no resource fails on the I/O thread, where the layout could not
     * read the signed-in person from the database: resolve the visitor on a worker thread first.
     */
    private Uni<Response> offIoThread(Supplier<Response> page) {
        if (BlockingOperationControl.isBlockingAllowed()) {
            return Uni.createFrom().item(page.get());
        }
        Context vertxContext = Vertx.currentContext();
        return Uni.createFrom().completionStage(() -> vertxContext.executeBlocking(() -> {
            readVisitor();
            context.locale();
            return page.get();
        }, false).toCompletionStage());
    }

    private Response page(int status, String titleKey, String messageKey) {
        readVisitor();
        return html(status, Templates.error(titleKey, messageKey));
    }

    private static Response html(int status, TemplateInstance page) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE).entity(page).build();
    }

    /**
     * Reads the signed-in person before the page's layout does: a request that failed before reading it, from a
     * Keycloak identity refused for its unverified e-mail, then gets its error page as a visitor would.
     */
    private void readVisitor() {
        try {
            context.signedIn();
        } catch (EmailNotVerifiedException e) {
            // from now on this request's person is empty: the layout shows a visitor
        }
    }
}
