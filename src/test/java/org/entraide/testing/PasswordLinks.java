package org.entraide.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.entraide.account.PasswordResetService;

import io.quarkus.arc.Arc;

/** "Forgot your password?" links as the person receives them: asked for on the page, read from the queued e-mail. */
public final class PasswordLinks {

    private static final Pattern LINK = Pattern.compile("https?://[^/\\s]+(/password/reset/[A-Za-z0-9_-]+)");

    private PasswordLinks() {
    }

    /** Asks for a link for the e-mail, as someone signed out would, and returns the link's path. */
    public static String request(String email) {
        assertEquals(303, new Browser().post("/password/forgot", "email", email).statusCode());
        sendRequested();
        return latest(email).orElseThrow(() -> new AssertionError("no password link sent to " + email));
    }

    /** Runs the background job that turns the requests into links (off in tests); returns how many it handled. */
    public static int sendRequested() {
        return Arc.container().instance(PasswordResetService.class).get().sendRequested();
    }

    /** The path of the latest password link mailed to the address (after {@link #sendRequested}). */
    public static Optional<String> latest(String email) {
        List<String> links = MailedLinks.paths(email, LINK);
        return links.isEmpty() ? Optional.empty() : Optional.of(links.get(links.size() - 1));
    }

    /** How many password links were mailed to the address. */
    public static long count(String email) {
        return MailedLinks.paths(email, LINK).size();
    }
}
