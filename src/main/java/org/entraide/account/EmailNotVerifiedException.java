package org.entraide.account;

/**
 * A Keycloak identity whose e-mail address the identity provider has not verified: Entraide neither links it to the
 * person who owns that address nor creates a person with it. Shown as a 403 page asking to verify the address.
 */
public class EmailNotVerifiedException extends RuntimeException {

    EmailNotVerifiedException() {
        super("e-mail address not verified by the identity provider", null, false, false);
    }
}
