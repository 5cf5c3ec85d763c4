package org.entraide.account;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.arc.Unremovable;
import io.quarkus.oidc.OidcRedirectFilter;
import io.quarkus.oidc.Redirect;

/**
 * "Sign up" in production opens Keycloak's registration form itself rather than its sign-in page, where newcomers
 * would have to find the "Register" link: the code flow that {@code /signup/continue} starts asks for
 * {@code prompt=create} (OpenID Connect "Initiating User Registration", which Keycloak supports since 26.1). Someone
 * with an account can still go from that form to the sign-in page.
 */
@ApplicationScoped
@Unremovable
@Redirect(Redirect.Location.OIDC_AUTHORIZATION)
public class RegistrationPrompt implements OidcRedirectFilter {

    static final String PATH = "/signup/continue";

    @Override
    public void filter(OidcRedirectContext context) {
        if (PATH.equals(context.routingContext().normalizedPath())) {
            context.additionalQueryParams().add("prompt", "create");
        }
    }
}
