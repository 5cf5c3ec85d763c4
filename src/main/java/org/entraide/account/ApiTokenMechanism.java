package org.entraide.account;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.BaseAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code Authorization: Bearer <token>} on the JSON API, with a token from {@link ApiTokens}, in both sign-in modes: a
 * platform's program has neither a browser nor a session. Elsewhere tokens count for nothing, so that one copied into
 * a script can read the API and nothing else. The API answers 401 to anyone else, never with a sign-in page.
 */
@ApplicationScoped
public class ApiTokenMechanism implements HttpAuthenticationMechanism {

    /** Marks identities that come from a token rather than a session, whose generation is not checked. */
    public static final String API_TOKEN = "entraide.api-token";
    public static final String CHALLENGE = "Bearer realm=\"entraide\"";
    private static final String BEARER = "Bearer ";

    /** Paths of the JSON API ({@code /api/…}). */
    public static boolean isApi(String path) {
        return path != null && (path.equals("/api") || path.startsWith("/api/"));
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        String header = context.request().getHeader("Authorization");
        if (!isApi(context.request().path()) || header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Uni.createFrom().nullItem();
        }
        // an unknown or revoked token leaves the caller anonymous, to whom the API answers its JSON 401
        return identityProviderManager.authenticate(HttpSecurityUtils.setRoutingContextAttribute(
                new TokenRequest(header.substring(BEARER.length()).strip()), context))
                .onFailure(AuthenticationFailedException.class).recoverWithNull();
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        if (isApi(context.request().path())) {
            return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", CHALLENGE));
        }
        return Uni.createFrom().nullItem();
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(TokenRequest.class);
    }

    @Override
    public int getPriority() {
        // before the session cookie and Keycloak's code flow: a Bearer token decides, and the API's challenge is a 401
        return DEFAULT_PRIORITY + 200;
    }

    /** Our own request type, so that Keycloak's bearer-token provider never tries to read these tokens. */
    static final class TokenRequest extends BaseAuthenticationRequest {
        final String secret;

        TokenRequest(String secret) {
            this.secret = secret;
        }
    }

    @ApplicationScoped
    static class TokenIdentityProvider implements IdentityProvider<TokenRequest> {

        private final ApiTokens tokens;

        TokenIdentityProvider(ApiTokens tokens) {
            this.tokens = tokens;
        }

        @Override
        public Class<TokenRequest> getRequestType() {
            return TokenRequest.class;
        }

        @Override
        public Uni<SecurityIdentity> authenticate(TokenRequest request, AuthenticationRequestContext context) {
            return context.runBlocking(() -> tokens.personFor(request.secret)
                    .<SecurityIdentity>map(personId -> QuarkusSecurityIdentity.builder()
                            .setPrincipal(new QuarkusPrincipal(Long.toString(personId)))
                            .addAttribute(API_TOKEN, true)
                            .addRole(LocalSessionMechanism.ROLE_USER)
                            .build())
                    .orElseThrow(AuthenticationFailedException::new));
        }
    }
}
