package org.entraide.account;

import java.util.Optional;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.entraide.web.EntraideConfig;
import org.entraide.web.EntraideConfig.AuthMode;
import org.entraide.web.FormErrors;
import org.entraide.web.InvalidInputException;
import org.entraide.web.Redirects;
import org.jboss.resteasy.reactive.RestForm;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.HttpServerResponse;

/** "Forgot your password?" for local accounts (Keycloak has its own): ask for a link, then choose a new password. */
@Path("/password")
@Produces(MediaType.TEXT_HTML)
public class PasswordResetResource {

    @CheckedTemplate
    static class Templates {
        /** The request form; {@code linkExpired} when a link that no longer works brought the person here. */
        static native TemplateInstance forgot(String email, boolean linkExpired, FormErrors errors);

        static native TemplateInstance reset(String token, String email, FormErrors errors);
    }

    private final PasswordResetService resets;
    private final SessionCookie sessionCookie;
    private final HttpServerResponse httpResponse;
    private final boolean local;

    PasswordResetResource(PasswordResetService resets, SessionCookie sessionCookie, HttpServerResponse httpResponse,
            EntraideConfig config) {
        this.resets = resets;
        this.sessionCookie = sessionCookie;
        this.httpResponse = httpResponse;
        this.local = config.auth().mode() == AuthMode.LOCAL;
    }

    @GET
    @Path("forgot")
    public Object forgotForm() {
        if (!local) {
            return Redirects.seeOther("/courses");
        }
        return Templates.forgot("", false, FormErrors.none());
    }

    @POST
    @Path("forgot")
    public Response forgot(@RestForm String email) {
        requireLocal();
        try {
            resets.request(email);
            return Redirects.seeOther("/password/forgot", "reset-sent");
        } catch (InvalidInputException e) {
            return Response.status(400).entity(Templates.forgot(email, false, e.errors)).build();
        }
    }

    @GET
    @Path("reset/{token}")
    public Response resetForm(@PathParam("token") String token) {
        requireLocal();
        return resets.emailFor(token).map(email -> Response.ok(Templates.reset(token, email, FormErrors.none())))
                .orElseGet(() -> Response.status(404).entity(Templates.forgot("", true, FormErrors.none()))).build();
    }

    @POST
    @Path("reset/{token}")
    @PasswordWork
    public Response reset(@PathParam("token") String token, @RestForm String password, @RestForm String passwordConfirmation) {
        requireLocal();
        Optional<Person> person;
        try {
            person = resets.choose(token, password, passwordConfirmation);
        } catch (InvalidInputException e) {
            return Response.status(400).entity(Templates.reset(token, resets.emailFor(token).orElse(""), e.errors)).build();
        }
        if (person.isEmpty()) {
            return Response.status(404).entity(Templates.forgot("", true, FormErrors.none())).build();
        }
        httpResponse.addCookie(sessionCookie.issue(person.get()));
        return Redirects.seeOther("/", "password-reset");
    }

    private void requireLocal() {
        if (!local) {
            throw new NotFoundException();
        }
    }
}
