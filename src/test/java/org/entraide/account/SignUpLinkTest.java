package org.entraide.account;

import static org.entraide.testing.Browser.uniqueEmail;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.entraide.notify.MailOutbox;
import org.entraide.testing.Browser;
import org.entraide.testing.Db;
import org.entraide.testing.Form;
import org.entraide.testing.Html;
import org.entraide.testing.LinkedSignUps;
import org.entraide.web.SecretLinks;
import org.junit.jupiter.api.Test;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Local accounts do not verify addresses: signing up with the address of someone a course team imported takes their
 * person (and courses) only through a link mailed to that address.
 */
@QuarkusTest
class SignUpLinkTest {

    private static final String PASSWORD = "a long enough password";

    @Test
    void theAddressOfSomeoneImportedGetsALinkAndOnlyTheLinkMakesTheAccountOnTheirPerson() {
        String email = uniqueEmail("imported");
        long imported = LinkedSignUps.importedPerson(email);
        Browser typist = new Browser();

        Response sent = typist.post("/signup", Form.of("email", " " + email.toUpperCase(), "displayName", "Inès Importée",
                "password", PASSWORD, "passwordConfirmation", PASSWORD, "language", "fr", "next", "/account"));

        assertEquals("/signup/sent", Browser.localLocation(sent));
        assertFalse(typist.signedIn(), "typing the address signs nobody in");
        assertThat(typist.follow(sent).asString(), containsString(Html.en("signup.sent.lead")));
        Person untouched = Db.tx(() -> Person.<Person>findById(imported));
        assertNull(untouched.passwordHash, "the person has no password until the link is opened");
        assertEquals("Imported", untouched.displayName);
        List<String> links = LinkedSignUps.mailedLinks(email);
        assertEquals(1, links.size());
        MailOutbox mail = Db.tx(() -> MailOutbox.<MailOutbox>find("recipient = ?1 order by id desc", email).firstResult());
        assertEquals("Finir de créer votre compte Entraide", mail.subject, "in the language chosen on the form");
        assertThat(mail.body, containsString("Bonjour Inès Importée,"));
        String link = links.get(0);
        String token = link.substring(link.lastIndexOf('/') + 1);
        Db.run(() -> {
            PendingSignUp stored = PendingSignUp.<PendingSignUp>find("email", email).singleResult();
            assertNotEquals(token, stored.tokenHash, "only the token's hash is kept");
            assertEquals(SecretLinks.hash(token), stored.tokenHash);
            assertEquals(SignUpLinks.VALID_FOR, Duration.between(stored.createdAt, stored.expiresAt));
            assertFalse(stored.passwordHash.contains(PASSWORD));
        });
        Response wrong = typist.get("/signup/link/" + SecretLinks.newToken());
        assertEquals(404, wrong.statusCode());
        assertThat(wrong.asString(), containsString(Html.en("signup.link.expired")));

        Browser mailbox = new Browser();
        Response page = mailbox.get(link);
        assertEquals(200, page.statusCode());
        assertThat(page.asString(), containsString("For the address " + email + "."));
        assertThat(page.asString(), containsString(Html.en("signup.link.submit")));
        assertNull(Db.tx(() -> Person.<Person>findById(imported).passwordHash), "opening the link (as mail scanners do) makes nothing");

        Response finished = mailbox.post(link, new Form());

        assertEquals("/account?flash=welcome", Browser.localLocation(finished));
        assertTrue(mailbox.signedIn());
        assertThat(mailbox.follow(finished).asString(), containsString("Inès Importée"));
        Person person = Db.tx(() -> Person.<Person>findById(imported));
        assertEquals("Inès Importée", person.displayName);
        assertEquals("fr", person.preferredLanguage);
        assertTrue(BcryptUtil.matches(PASSWORD, person.passwordHash));
        assertTrue(person.hasConfirmedAddress(), "the link came through the mailbox");
        assertEquals(1L, Db.tx(() -> Person.count("email", email)), "the same person, not a second one");
        assertEquals(0L, Db.tx(() -> PendingSignUp.count("email", email)));
        assertEquals(404, new Browser().post(link, new Form()).statusCode(), "the link works once");
        assertEquals(404, new Browser().get(link).statusCode());
        assertEquals(303, new Browser().logIn(email, PASSWORD).statusCode());
        assertEquals(400, new Browser().signUp(email, "Someone Else", "another long password").statusCode(), "the address is taken now");
    }

    @Test
    void oneLinkFinishesTheSignUpAndTheOthersStopAtMostThreeAreMailed() {
        String email = uniqueEmail("imported-again");
        long imported = LinkedSignUps.importedPerson(email);
        for (int i = 0; i < SignUpLinks.OPEN_LINKS_MAX + 1; i++) {
            assertEquals("/signup/sent", Browser.localLocation(new Browser().signUp(email, "Try " + i, PASSWORD)));
        }
        List<String> links = LinkedSignUps.mailedLinks(email);
        assertEquals(SignUpLinks.OPEN_LINKS_MAX, links.size(), "no more than three links open for one address");

        Browser mailbox = new Browser();
        assertEquals("/courses?flash=welcome", Browser.localLocation(mailbox.post(links.get(1), new Form())));

        assertEquals("Try 1", Db.tx(() -> Person.<Person>findById(imported).displayName), "what the form of that link gave");
        for (String other : List.of(links.get(0), links.get(2))) {
            Response refused = new Browser().post(other, new Form());
            assertEquals(404, refused.statusCode());
            assertThat(refused.asString(), not(containsString("Internal")));
        }
        assertEquals("Try 1", Db.tx(() -> Person.<Person>findById(imported).displayName));
    }

    @Test
    void anExpiredLinkMakesNothing() {
        String email = uniqueEmail("imported-late");
        long imported = LinkedSignUps.importedPerson(email);
        new Browser().signUp(email, "Late Learner", PASSWORD);
        String link = LinkedSignUps.mailedLinks(email).get(0);
        Db.run(() -> PendingSignUp.update("expiresAt = ?1 where email = ?2", Instant.now().minusSeconds(1), email));

        assertEquals(404, new Browser().get(link).statusCode());
        Response refused = new Browser().post(link, new Form());

        assertEquals(404, refused.statusCode());
        assertThat(refused.asString(), containsString(Html.en("signup.link.expired")));
        assertNull(Db.tx(() -> Person.<Person>findById(imported).passwordHash));
    }
}
