package org.entraide.account;

import jakarta.enterprise.context.ApplicationScoped;

import org.entraide.web.RequestContext;

import io.quarkus.arc.Unremovable;
import io.quarkus.oidc.OidcRedirectFilter;
import io.quarkus.oidc.Redirect;

/** What Entraide tells Keycloak when it sends a visitor there to sign in or sign up. */
@ApplicationScoped
@Unremovable
@Redirect(Redirect.Location.OIDC_AUTHORIZATION)
public class KeycloakRedirect implements OidcRedirectFilter {

    static final String SIGN_UP_PATH = "/signup/continue";

    @Override
    public void filter(OidcRedirectContext context) {
        // Keycloak's pages in the language the visitor reads Entraide in, which may be one they chose here rather
        // than their browser's
        context.additionalQueryParams().add("ui_locales", RequestContext.visitorLocale(context.routingContext().request()).getLanguage());
        // "Sign up" opens Keycloak's registration form itself rather than its sign-in page, where newcomers would have
        // to find the "Register" link (OpenID Connect "Initiating User Registration", in Keycloak since 26.1); someone
        // with an account goes from that form to the sign-in page
        if (SIGN_UP_PATH.equals(context.routingContext().normalizedPath())) {
            context.additionalQueryParams().add("prompt", "create");
        }
    }
}
