package org.entraide.account;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.entraide.testing.Browser;
import org.entraide.testing.Db;
import org.entraide.testing.Form;
import org.entraide.testing.Html;
import org.entraide.testing.PasswordLinks;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * A person ends their other sessions (a shared or lost computer): by "Sign out everywhere else", by changing their
 * password, or by choosing a new one through a reset link. The session that asked goes on.
 */
@QuarkusTest
class SessionEndTest {

    private static final String NEW_PASSWORD = "another long password";

    @Test
    void signingOutEverywhereElseEndsTheOtherSessionsOnly() {
        Browser laptop = new Browser();
        String email = laptop.signUpNew("two-devices");
        Browser library = signedIn(email, Browser.DEFAULT_PASSWORD);
        String libraryCookie = library.cookie(Browser.SESSION_COOKIE);
        assertThat(laptop.get("/account").asString(), containsString(">" + Html.en("account.sessions.submit") + "</button>"));

        Response ended = laptop.post("/account/sessions/end", new Form());

        assertEquals(303, ended.statusCode());
        assertThat(ended.header("Location"), endsWith("/account?flash=signed-out-elsewhere#sessions"));
        assertThat(laptop.follow(ended).asString(), containsString(Html.en("flash.signed-out-elsewhere")));
        assertSignedIn(laptop, "the session that asked goes on");
        assertSignedOut(library);

        Response hijack = library.post("/account", Form.of("displayName", "Someone else", "language", "fr"));
        assertEquals(302, hijack.statusCode(), "an ended session changes nothing: " + hijack.asString());
        assertEquals("/login", Browser.locationPath(hijack));
        Db.run(() -> {
            Person person = Person.findByEmail(email).orElseThrow();
            assertEquals("Test two-devices", person.displayName);
            assertEquals(null, person.preferredLanguage);
        });

        Browser back = signedIn(email, Browser.DEFAULT_PASSWORD);
        assertSignedIn(back, "signing in again works");
        assertSignedOut(new Browser().setCookie(Browser.SESSION_COOKIE, libraryCookie));
    }

    @Test
    void changingThePasswordEndsTheOtherSessions() {
        Browser laptop = new Browser();
        String email = laptop.signUpNew("password-change-sessions");
        Browser phone = signedIn(email, Browser.DEFAULT_PASSWORD);

        Response wrong = laptop.post("/account/password", Form.of("currentPassword", "not the password",
                "password", NEW_PASSWORD, "passwordConfirmation", NEW_PASSWORD));
        assertEquals(400, wrong.statusCode());
        assertSignedIn(phone, "a refused change ends nothing");

        Response changed = laptop.post("/account/password", Form.of("currentPassword", Browser.DEFAULT_PASSWORD,
                "password", NEW_PASSWORD, "passwordConfirmation", NEW_PASSWORD));

        assertEquals("/account?flash=password-changed", Browser.localLocation(changed));
        assertThat(laptop.follow(changed).asString(), containsString(Html.en("flash.password-changed")));
        assertSignedIn(laptop, "the device that changed it stays signed in");
        assertSignedOut(phone);
    }

    @Test
    void aPasswordResetEndsEverySessionAndSignsInTheMailboxHolder() {
        Browser owner = new Browser();
        String email = owner.signUpNew("reset-sessions");
        Browser thief = signedIn(email, Browser.DEFAULT_PASSWORD);
        String link = PasswordLinks.request(email);

        Browser mailbox = new Browser();
        Response chosen = mailbox.post(link, "password", NEW_PASSWORD, "passwordConfirmation", NEW_PASSWORD);

        assertEquals("/?flash=password-reset", Browser.localLocation(chosen));
        assertSignedIn(mailbox, "the new password's holder is signed in");
        assertSignedOut(thief);
        assertSignedOut(owner);
    }

    @Test
    void theChoiceIsInFrenchToo() {
        Browser browser = new Browser();
        browser.signUpNew("sessions-fr");
        browser.post("/account", Form.of("displayName", "Test sessions-fr", "language", "fr"));

        Response ended = browser.post("/account/sessions/end", new Form());

        String page = browser.follow(ended).asString();
        assertThat(page, containsString(Html.fr("account.sessions.title")));
        assertThat(page, containsString(Html.fr("flash.signed-out-elsewhere")));
        assertThat(page, not(containsString(Html.en("account.sessions.submit"))));
    }

    private static Browser signedIn(String email, String password) {
        Browser browser = new Browser();
        assertEquals(303, browser.logIn(email, password).statusCode());
        assertSignedIn(browser, "just signed in");
        return browser;
    }

    private static void assertSignedIn(Browser browser, String why) {
        assertEquals(200, browser.get("/account").statusCode(), why);
    }

    private static void assertSignedOut(Browser browser) {
        Response page = browser.get("/account");
        assertEquals(302, page.statusCode(), "an ended session is sent to sign in");
        assertEquals("/login", Browser.locationPath(page));
    }
}
