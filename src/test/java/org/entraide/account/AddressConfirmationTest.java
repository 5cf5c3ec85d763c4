package org.entraide.account;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.entraide.notify.MailOutbox;
import org.entraide.testing.AddressLinks;
import org.entraide.testing.Browser;
import org.entraide.testing.Db;
import org.entraide.testing.Form;
import org.entraide.testing.Html;
import org.entraide.testing.PasswordLinks;
import org.entraide.web.SecretLinks;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * A local account's address counts as its holder's only once a link mailed to it is opened while signed in to that
 * account: whoever signs up first with someone's address does not receive what others send to that address.
 */
@QuarkusTest
class AddressConfirmationTest {

    @Test
    void theLinkMailedAtSignUpConfirmsTheAddressOnlyForTheSignedInHolder() {
        Browser holder = new Browser();
        String email = holder.signUpNew("confirm");
        assertNull(confirmedAt(email), "typing an address proves nothing");
        String account = holder.get("/account").asString();
        assertThat(account, containsString(Html.en("account.address.unconfirmed")));
        assertThat(account, containsString("action=\"/account/confirm\""));

        List<String> links = AddressLinks.mailed(email);
        assertEquals(1, links.size(), "one link at sign-up");
        String link = links.get(0);
        MailOutbox mail = Db.tx(() -> MailOutbox.<MailOutbox>find("recipient = ?1 order by id desc", email).firstResult());
        assertEquals(Html.en("address.mail.subject"), mail.subject);
        assertThat("tells the mailbox's owner how to take the account over", mail.body, containsString("/password/forgot"));
        String token = link.substring(link.lastIndexOf('/') + 1);
        Db.run(() -> {
            AddressConfirmation stored = AddressConfirmation.<AddressConfirmation>find("email", email).singleResult();
            assertEquals(SecretLinks.hash(token), stored.tokenHash, "only the token's hash is kept");
            assertEquals(AddressConfirmations.VALID_FOR, Duration.between(stored.createdAt, stored.expiresAt));
        });

        Response anonymous = new Browser().get(link);
        assertThat("signing in comes first, then the link again", Browser.localLocation(anonymous),
                startsWith("/login?next=" + URLEncoder.encode(link, StandardCharsets.UTF_8)));
        Browser other = new Browser();
        other.signUpNew("confirm-other");
        Response notTheirs = other.get(link);
        assertEquals(404, notTheirs.statusCode(), "the mailbox's owner signed in to another account cannot confirm it");
        assertThat(notTheirs.asString(), containsString(Html.en("address.confirm.expired")));
        assertEquals(404, other.post(link, new Form()).statusCode());
        assertNull(confirmedAt(email));

        Response page = holder.get(link);
        assertEquals(200, page.statusCode());
        assertThat(page.asString(), containsString(email));
        assertThat(page.asString(), containsString(Html.en("address.confirm.submit")));
        assertNull(confirmedAt(email), "opening the link (as mail scanners do) confirms nothing");
        assertEquals(404, holder.get("/account/confirm/" + SecretLinks.newToken()).statusCode());

        Response confirmed = holder.post(link, new Form());
        assertEquals("/account?flash=address-confirmed", Browser.localLocation(confirmed));
        assertNotNull(confirmedAt(email));
        String confirmedPage = holder.follow(confirmed).asString();
        assertThat(confirmedPage, containsString(email + "</strong> (" + Html.en("account.address.confirmed") + ")"));
        assertThat(confirmedPage, containsString(Html.en("flash.address-confirmed")));
        assertThat(confirmedPage, not(containsString("action=\"/account/confirm\"")));
        assertEquals(0L, Db.tx(() -> AddressConfirmation.count("email", email)), "the link goes once used");
        assertEquals(404, holder.post(link, new Form()).statusCode());

        Response again = holder.post("/account/confirm", new Form());
        assertEquals("/account?flash=address-confirmed", Browser.localLocation(again));
        assertEquals(1, AddressLinks.mailed(email).size(), "no link for a confirmed address");
    }

    @Test
    void newLinksOnRequestAtMostThreeOpenAndAnExpiredLinkDoesNotWork() {
        Browser holder = new Browser().acceptLanguage("fr");
        String email = holder.signUpNew("confirm-again");
        MailOutbox first = Db.tx(() -> MailOutbox.<MailOutbox>find("recipient", email).singleResult());
        assertEquals("Confirmez votre adresse e-mail Entraide", first.subject, "in the language of the sign-up");

        Response sent = holder.post("/account/confirm", new Form());
        assertEquals("/account?flash=address-link-sent", Browser.localLocation(sent));
        assertEquals(303, holder.post("/account/confirm", new Form()).statusCode());
        Response refused = holder.post("/account/confirm", new Form());
        assertEquals("/account?flash=address-links-open", Browser.localLocation(refused));
        List<String> links = AddressLinks.mailed(email);
        assertEquals(3, links.size(), "three links open at most");

        Db.run(() -> AddressConfirmation.update("expiresAt = ?1 where email = ?2", Instant.now().minusSeconds(1), email));
        assertEquals(404, holder.get(links.get(2)).statusCode(), "an expired link");
        assertEquals(404, holder.post(links.get(2), new Form()).statusCode());
        assertNull(confirmedAt(email));
        assertEquals("/account?flash=address-link-sent", Browser.localLocation(holder.post("/account/confirm", new Form())),
                "expired links make room for a new one");
        assertEquals(1L, Db.tx(() -> AddressConfirmation.count("email", email)), "the expired ones are gone");
        AddressLinks.confirm(holder, email);
        assertNotNull(confirmedAt(email));
    }

    @Test
    void aPasswordLinkAndASignUpLinkProveTheMailboxToo() {
        Browser holder = new Browser();
        String email = holder.signUpNew("confirm-by-reset");
        String resetLink = PasswordLinks.request(email);
        Browser owner = new Browser();
        assertEquals(303, owner.post(resetLink, Form.of("password", "the owner's new password", "passwordConfirmation",
                "the owner's new password")).statusCode());
        assertNotNull(confirmedAt(email), "the mailbox's owner chose the password");
        assertEquals(0L, Db.tx(() -> AddressConfirmation.count("email", email)), "the sign-up link stops working");
        assertFalse(holder.get("/account").asString().contains(Html.en("account.address.unconfirmed")));
    }

    private static Instant confirmedAt(String email) {
        return Db.tx(() -> Person.findByEmail(email).orElseThrow().emailConfirmedAt);
    }
}
