package org.entraide.account;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.entraide.notify.MailOutbox;
import org.entraide.testing.Browser;
import org.entraide.testing.Db;
import org.entraide.testing.Form;
import org.entraide.testing.Html;
import org.entraide.testing.PasswordLinks;
import org.entraide.web.SecretLinks;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** "Forgot your password?": a link by e-mail that works once, for an hour, and never tells who has an account. */
@QuarkusTest
class PasswordResetTest {

    private static final String NEW_PASSWORD = "a brand new password";

    @Test
    void aLinkByMailSetsANewPasswordOnceAndLiftsTheLock() {
        String email = new Browser().signUpNew("forgetful");
        Browser someone = new Browser();
        assertThat(someone.get("/login").asString(), containsString("<a href=\"/password/forgot\">" + Html.en("login.forgot") + "</a>"));
        for (int i = 0; i < 5; i++) {
            someone.logIn(email, "not my password " + i);
        }
        assertEquals(429, someone.logIn(email, Browser.DEFAULT_PASSWORD).statusCode(), "locked after five failures");

        Response asked = someone.post("/password/forgot", "email", "  " + email.toUpperCase() + " ");

        assertEquals("/password/forgot?flash=reset-sent", Browser.localLocation(asked));
        assertThat(someone.follow(asked).asString(), containsString(Html.en("flash.reset-sent")));
        PasswordLinks.sendRequested();
        MailOutbox mail = Db.tx(() -> MailOutbox.<MailOutbox>find("recipient = ?1 order by id desc", email).firstResult());
        assertEquals("Choose a new Entraide password", mail.subject);
        assertThat(mail.body, containsString("asked to choose a new password for the Entraide account " + email + "."));
        String link = PasswordLinks.latest(email).orElseThrow();
        String token = link.substring(link.lastIndexOf('/') + 1);
        assertTrue(token.length() >= 40, "a long random token: " + token);
        Db.run(() -> {
            PasswordReset stored = PasswordReset.<PasswordReset>find("person.email", email).singleResult();
            assertNotEquals(token, stored.tokenHash, "only the token's hash is kept");
            assertEquals(SecretLinks.hash(token), stored.tokenHash);
            assertEquals(PasswordResetService.VALID_FOR, java.time.Duration.between(stored.createdAt, stored.expiresAt));
        });

        Browser mailbox = new Browser();
        assertThat(mailbox.get(link).then().statusCode(200).extract().asString(), containsString("For the account " + email + "."));
        Response tooShort = mailbox.post(link, "password", "short", "passwordConfirmation", "short");
        assertEquals(400, tooShort.statusCode());
        assertThat(tooShort.asString(), containsString("<p class=\"error\" id=\"f-password-error\">" + Html.en("error.password-short")));
        Response mismatch = mailbox.post(link, "password", NEW_PASSWORD, "passwordConfirmation", NEW_PASSWORD + "!");
        assertEquals(400, mismatch.statusCode());
        assertThat(mismatch.asString(), containsString("id=\"f-passwordConfirmation-error\""));
        assertFalse(mailbox.signedIn());

        Response chosen = mailbox.post(link, "password", NEW_PASSWORD, "passwordConfirmation", NEW_PASSWORD);

        assertEquals("/?flash=password-reset", Browser.localLocation(chosen));
        assertTrue(mailbox.signedIn(), "signed in with the new password");
        assertEquals(200, mailbox.get("/account").statusCode());
        assertEquals(401, new Browser().logIn(email, Browser.DEFAULT_PASSWORD).statusCode(), "the old password is gone");
        assertEquals(303, new Browser().logIn(email, NEW_PASSWORD).statusCode(), "the new one works and the lock is lifted");

        Browser late = new Browser();
        Response reused = late.get(link);
        assertEquals(404, reused.statusCode(), "a link works once");
        assertThat(reused.asString(), containsString(Html.en("reset.expired")));
        assertEquals(404, late.post(link, "password", "yet another password", "passwordConfirmation", "yet another password").statusCode());
        assertEquals(303, new Browser().logIn(email, NEW_PASSWORD).statusCode(), "unchanged by the used link");
    }

    @Test
    void askingTellsNothingAboutAccountsAndIsBounded() {
        Browser someone = new Browser();
        String nobody = Browser.uniqueEmail("nobody");
        String somebody = new Browser().signUpNew("somebody");
        PasswordLinks.sendRequested(); // what other tests asked for
        Response unknown = someone.post("/password/forgot", "email", nobody);
        Response known = someone.post("/password/forgot", "email", somebody);
        assertEquals("/password/forgot?flash=reset-sent", Browser.localLocation(unknown), "the same answer as for an account");
        assertEquals(Browser.localLocation(known), Browser.localLocation(unknown));
        // the request does the same work whether or not there is an account, so its timing tells nothing either
        assertEquals(List.of(nobody, somebody), Db.tx(() -> PasswordResetRequest.<PasswordResetRequest>list("order by id").stream()
                .map(asked -> asked.email).toList()));
        assertEquals(0L, (long) Db.tx(() -> PasswordReset.count("person.email", somebody)));
        assertEquals(0L, PasswordLinks.count(somebody));

        assertEquals(2, PasswordLinks.sendRequested(), "the background job handles both");
        assertEquals(0L, (long) Db.tx(() -> MailOutbox.count("recipient", nobody)));
        assertTrue(PasswordLinks.latest(somebody).isPresent(), "the account's link is on its way");
        assertEquals(0L, (long) Db.tx(() -> PasswordResetRequest.count()), "requests are not kept");

        Response malformed = someone.post("/password/forgot", "email", "not an <e-mail>");
        assertEquals(400, malformed.statusCode());
        assertThat(malformed.asString(), containsString("<p class=\"error\" id=\"f-email-error\">" + Html.en("error.email")));
        assertThat(malformed.asString(), containsString("value=\"not an &lt;e-mail&gt;\""));

        String email = new Browser().signUpNew("flooded");
        String strangerAddress = Browser.uniqueEmail("flooded-nobody");
        for (int i = 0; i < 5; i++) {
            assertEquals(303, someone.post("/password/forgot", "email", email).statusCode());
            assertEquals(303, someone.post("/password/forgot", "email", strangerAddress.toUpperCase()).statusCode());
        }
        assertEquals(1L, Db.tx(() -> PasswordResetRequest.count("email", email)), "one request waits per address, however often asked");
        assertEquals(1L, Db.tx(() -> PasswordResetRequest.count("email", strangerAddress)), "the same for an address without an account");
        PasswordLinks.sendRequested();
        assertEquals(1L, PasswordLinks.count(email));
        for (int i = 0; i < PasswordResetService.OPEN_LINKS_MAX + 1; i++) {
            assertEquals(303, someone.post("/password/forgot", "email", email).statusCode());
            PasswordLinks.sendRequested();
        }
        assertEquals(PasswordResetService.OPEN_LINKS_MAX, PasswordLinks.count(email), "a few open links, not a flood");

        String link = PasswordLinks.latest(email).orElseThrow();
        Db.run(() -> PasswordReset.update("expiresAt = ?1 where person.email = ?2", Instant.now().minusSeconds(1), email));
        assertEquals(404, someone.get(link).statusCode(), "an hour later the link is void");
        assertEquals(404, someone.post(link, "password", NEW_PASSWORD, "passwordConfirmation", NEW_PASSWORD).statusCode());
        assertEquals(303, new Browser().logIn(email, Browser.DEFAULT_PASSWORD).statusCode(), "password unchanged");
        String fresh = PasswordLinks.request(email);
        assertNotEquals(link, fresh, "expired links no longer count against new ones");

        for (String forged : new String[] {"/password/reset/abc", "/password/reset/" + "x".repeat(500)}) {
            Response response = someone.get(forged);
            assertEquals(404, response.statusCode(), forged);
            assertThat(response.asString(), not(containsString("f-passwordConfirmation")));
        }
    }

    @Test
    void theLinkComesInThePersonsLanguageAndTheFormsInTheirs() {
        Browser french = new Browser().acceptLanguage("fr");
        String email = Browser.uniqueEmail("oubli");
        assertEquals(303, french.post("/signup", Form.of("email", email, "displayName", "Zoé Oubli", "password", Browser.DEFAULT_PASSWORD,
                "passwordConfirmation", Browser.DEFAULT_PASSWORD, "language", "fr")).statusCode());
        String link = PasswordLinks.request(email);

        MailOutbox mail = Db.tx(() -> MailOutbox.<MailOutbox>find("recipient = ?1 order by id desc", email).firstResult());
        assertEquals("Choisir un nouveau mot de passe Entraide", mail.subject);
        assertThat(mail.body, containsString("Bonjour Zoé,"));
        assertThat(new Browser().acceptLanguage("fr").get(link).asString(), containsString(Html.fr("reset.title")));
    }
}
