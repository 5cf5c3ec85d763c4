package org.entraide.account;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.entraide.web.FormErrors;
import org.entraide.web.InvalidInputException;
import org.entraide.web.Redirects;
import org.jboss.resteasy.reactive.RestForm;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;

/** "API tokens" of the account: for the course platform's programs that read the JSON API. */
@Path("/account/tokens")
@Produces(MediaType.TEXT_HTML)
@Authenticated
public class ApiTokenResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance tokens(List<ApiToken> tokens, String madeSecret, String name, int max, FormErrors errors);
    }

    private final ApiTokens tokens;
    private final CurrentPerson currentPerson;

    ApiTokenResource(ApiTokens tokens, CurrentPerson currentPerson) {
        this.tokens = tokens;
        this.currentPerson = currentPerson;
    }

    @GET
    public String page() {
        return page(null, "", FormErrors.none()).render();
    }

    /**
     * The page itself answers, not a redirect to it: the secret is shown this once and kept nowhere, not even for the
     * next request. Pages are never cached ({@code no-store}).
     */
    @POST
    public Response make(@RestForm String name) {
        try {
            ApiTokens.Made made = tokens.make(currentPerson.id(), name);
            return Response.ok(page(made.secret(), "", FormErrors.none())).build();
        } catch (InvalidInputException e) {
            return Response.status(400).entity(page(null, name, e.errors)).build();
        }
    }

    @POST
    @Path("{tokenId}/revoke")
    public Response revoke(@PathParam("tokenId") long tokenId) {
        tokens.revoke(currentPerson.id(), tokenId);
        return Redirects.seeOther("/account/tokens", "api-token-revoked");
    }

    private TemplateInstance page(String madeSecret, String name, FormErrors errors) {
        return Templates.tokens(tokens.of(currentPerson.id()), madeSecret, name, ApiTokens.PER_PERSON_MAX, errors);
    }
}
