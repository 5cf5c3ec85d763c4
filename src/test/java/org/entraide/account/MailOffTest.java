package org.entraide.account;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import jakarta.inject.Inject;

import org.entraide.notify.Notification;
import org.entraide.notify.NotificationKind;
import org.entraide.notify.NotificationService;
import org.entraide.testing.AddressLinks;
import org.entraide.testing.Browser;
import org.entraide.testing.Db;
import org.entraide.testing.Form;
import org.entraide.testing.Html;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** The address in every mail that stops Entraide's e-mails: a page with a button, and the mail app's one click. */
@QuarkusTest
class MailOffTest {

    @Inject
    NotificationService notifications;

    @Inject
    MailOffLink links;

    @Test
    void theButtonOnTheMailsPageStopsEveryMailButNotTheNotices() {
        Browser owner = new Browser();
        String email = owner.signUpNew("mail-off");
        Db.run(() -> {
            Person person = Person.findByEmail(email).orElseThrow();
            person.messageMail = MessageMail.DAILY;
        });
        String path = path(email);

        // the page needs no sign-in: the address is in the mail
        Browser visitor = new Browser();
        Response page = visitor.get(path);
        assertEquals(200, page.statusCode());
        assertTrue(page.asString().contains(Html.en("mail-off.lead").replace("{0}", email)), page.asString());

        Response stopped = visitor.post(path, new Form());
        assertEquals(303, stopped.statusCode());
        String after = visitor.follow(stopped).asString();
        assertTrue(after.contains(Html.en("flash.mail-off")), after);
        assertTrue(after.contains(Html.en("mail-off.done").replace("{0}", email)), after);
        assertFalse(after.contains(Html.en("mail-off.submit")), "nothing left to stop");
        Person person = Db.tx(() -> Person.findByEmail(email).orElseThrow());
        assertEquals(EmailNotifications.NONE, person.emailNotifications);
        assertEquals(MessageMail.NOTICE, person.messageMail, "no digests either");

        // a new notice is still kept in Entraide, and no mail goes out
        Db.run(() -> notifications.notify(Person.findByEmail(email).orElseThrow(), NotificationKind.PROPOSAL_NEW, "/courses/1/matches",
                "Course"));
        assertEquals(List.of(), AddressLinks.otherMails(email));
        assertEquals(1L, (long) Db.tx(() -> Notification.count("person.email = ?1 and kind = ?2", email, NotificationKind.PROPOSAL_NEW)));
        // the account page turns mail on again
        assertEquals(303, owner.post("/account", Form.of("displayName", "Test Person", "language", "", "emailNotifications", "ALL",
                "messageMail", "NOTICE", "timeZone", "")).statusCode());
        assertEquals(EmailNotifications.ALL, Db.tx(() -> Person.findByEmail(email).orElseThrow().emailNotifications));
    }

    @Test
    void aForgedOrAnotherPersonsAddressIsNotFoundAndChangesNothing() {
        String email = new Browser().signUpNew("mail-off-forged");
        String other = new Browser().signUpNew("mail-off-other");
        String path = path(email);
        String otherId = path(other).replaceAll(".*/(\\d+)-.*", "$1");
        String signature = path.substring(path.indexOf('-') + 1);
        for (String forged : new String[] {MailOffLink.PATH + otherId + "-" + signature, path + "x", MailOffLink.PATH + "abc",
                MailOffLink.PATH + "1-", MailOffLink.PATH + "99999999999999999999-" + signature, path.substring(0, path.length() - 2)}) {
            assertEquals(404, new Browser().get(forged).statusCode(), forged);
            given().redirects().follow(false).contentType("application/x-www-form-urlencoded").body("List-Unsubscribe=One-Click")
                    .post(forged).then().statusCode(404);
        }
        assertEquals(EmailNotifications.ALL, Db.tx(() -> Person.findByEmail(email).orElseThrow().emailNotifications));
        assertEquals(EmailNotifications.ALL, Db.tx(() -> Person.findByEmail(other).orElseThrow().emailNotifications));
    }

    private String path(String email) {
        return Db.tx(() -> links.url(Person.findByEmail(email).orElseThrow())).replace("http://localhost:8080", "");
    }
}
