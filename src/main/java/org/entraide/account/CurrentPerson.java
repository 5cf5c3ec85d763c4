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

    public Optional<Person> get() {
        if (person == null) {
            person = resolve();
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
                    token.getClaim("name"), token.getClaim("locale")));
        }
        try {
            return lookup.byId(Long.parseLong(identity.getPrincipal().getName()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
