package org.entraide.account;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.entraide.web.EntraideConfig;
import org.entraide.web.EntraideConfig.AuthMode;
import org.entraide.web.Redirects;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;

/**
 * Authenticates local accounts from the signed session cookie. In OIDC mode it steps aside
 * (lower priority, no identity) so that Keycloak's code flow handles sign-in.
 */
@ApplicationScoped
public class LocalSessionMechanism implements HttpAuthenticationMechanism {

    public static final String ROLE_USER = "user";

    private final SessionCookie sessionCookie;
    private final boolean enabled;

    LocalSessionMechanism(SessionCookie sessionCookie, EntraideConfig config) {
        this.sessionCookie = sessionCookie;
        this.enabled = config.auth().mode() == AuthMode.LOCAL;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        if (!enabled) {
            return Uni.createFrom().nullItem();
        }
        Cookie cookie = context.request().getCookie(SessionCookie.NAME);
        return Uni.createFrom().item(sessionCookie.verify(cookie == null ? null : cookie.getValue())
                .<SecurityIdentity>map(session -> QuarkusSecurityIdentity.builder()
                        .setPrincipal(new QuarkusPrincipal(Long.toString(session.personId())))
                        .addAttribute(SessionCookie.GENERATION, session.generation())
                        .addRole(ROLE_USER)
                        .build())
                .orElse(null));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        // after signing in, a GET of a POST-only path would be a 405: come back to the page the form was on
        String next = Redirects.pageOf(context.request().method().name(), context.request().uri(), context.request().getHeader("Referer"));
        String location = "/login?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8);
        return Uni.createFrom().item(new ChallengeData(302, "Location", location));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of();
    }

    @Override
    public int getPriority() {
        return enabled ? DEFAULT_PRIORITY + 100 : DEFAULT_PRIORITY - 100;
    }
}
