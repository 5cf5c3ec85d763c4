package org.entraide.account;

import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;

/** The person making the current request, whichever way they signed in. */
@RequestScoped
public class CurrentPerson {

    private final SecurityIdentity identity;
    private final AccountService accounts;
    private final PersonLookup lookup;
    private Optional<Person> person;

    CurrentPerson(SecurityIdentity identity, AccountService accounts, PersonLookup lookup) {
        this.identity = identity;
        this.accounts = accounts;
        this.lookup = lookup;
    }

    /**
     * The signed-in person, if any. A Keycloak identity refused for its unverified e-mail gets
     * {@link EmailNotVerifiedException} the first time, and no person afterwards.
     */
    public Optional<Person> get() {
        if (person == null) {
            try {
                person = resolve();
            } catch (EmailNotVerifiedException e) {
                // the error page's layout asks again: it is shown as to a visitor
                person = Optional.empty();
                throw e;
            }
        }
        return person;
    }

    /** The signed-in person; anonymous callers get the sign-in challenge. */
    public Person require() {
        return get().orElseThrow(UnauthorizedException::new);
    }

    public long id() {
        return require().id;
    }

    private Optional<Person> resolve() {
        if (identity == null || identity.isAnonymous()) {
            return Optional.empty();
        }
        if (identity.getPrincipal() instanceof JsonWebToken token) {
            return Optional.of(accounts.fromOidc(token.getSubject(), token.getClaim("email"),
                    isTrue(token.getClaim("email_verified")), token.getClaim("name"), token.getClaim("locale")));
        }
        try {
            long personId = Long.parseLong(identity.getPrincipal().getName());
            if (Boolean.TRUE.equals(identity.getAttribute(ApiTokenMechanism.API_TOKEN))) {
                return lookup.byId(personId); // a token lasts until revoked, across sessions ended
            }
            // a session of an older generation was ended by the person (password changed, "sign out everywhere else")
            Integer generation = identity.getAttribute(SessionCookie.GENERATION);
            return lookup.byId(personId)
                    .filter(person -> generation != null && person.sessionGeneration == generation);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** {@code email_verified}: a JSON boolean, or the string "true" from some providers; missing means not verified. */
    private static boolean isTrue(Object claim) {
        return Boolean.TRUE.equals(claim) || claim instanceof String text && text.strip().equalsIgnoreCase("true");
    }
}
