package org.entraide.notify;

import static org.entraide.testing.Browser.DEFAULT_PASSWORD;
import static org.entraide.testing.Browser.localLocation;
import static org.entraide.testing.Browser.locationPath;
import static org.entraide.testing.Browser.uniqueEmail;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import jakarta.inject.Inject;
import jakarta.transaction.TransactionalException;

import org.entraide.account.EmailNotifications;
import org.entraide.account.Person;
import org.entraide.testing.AddressLinks;
import org.entraide.testing.Browser;
import org.entraide.testing.Db;
import org.entraide.testing.Form;
import org.entraide.testing.Html;
import org.entraide.web.I18n;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
class NotificationTest {

    @Inject
    NotificationService notifications;

    @Test
    void notifyStoresTheNotificationAndQueuesItsMailInTheCallersTransaction() {
        String email = new Browser().signUpNew("notify-both");
        Db.run(() -> notifications.notify(person(email), NotificationKind.MEMBER_LEFT, "/courses/42/group", "Statistics 101", "Ada"));

        Notification notification = notificationOf(email);
        assertEquals(NotificationKind.MEMBER_LEFT, notification.kind);
        assertEquals(List.of("Statistics 101", "Ada"), notification.argList());
        assertEquals("/courses/42/group", notification.link);
        assertNotNull(notification.createdAt);
        assertNull(notification.readAt);

        MailOutbox mail = mailTo(email);
        assertEquals(MailOutbox.Status.PENDING, mail.status);
        assertEquals(0, mail.attempts);
        assertEquals("Ada left your group in “Statistics 101”", mail.subject);
        assertThat(mail.body, startsWith("Hello Test,"));
        assertThat(mail.body, containsString("Ada left your group in “Statistics 101”."));
        assertThat(mail.body, containsString("http://localhost:8080/courses/42/group"));
        assertThat(mail.body, containsString("http://localhost:8080/notifications"));
        assertThat(mail.body, containsString("Choose which e-mails you receive: http://localhost:8080/account#email"));
    }

    @Test
    void theAccountPageChoosesWhichNotificationsAlsoComeByMail() {
        Browser browser = new Browser();
        String email = browser.signUpNew("notify-choice");
        assertThat(browser.get("/account").asString(), containsString("id=\"email-ALL\" name=\"emailNotifications\" value=\"ALL\" checked"));

        Response unknown = browser.post("/account", Form.of("displayName", "Test Choice", "language", "", "emailNotifications", "SOMETIMES"));
        assertEquals(400, unknown.statusCode());
        assertThat(unknown.asString(), containsString("id=\"f-emailNotifications-error\""));
        assertEquals(EmailNotifications.ALL, Db.tx(() -> person(email).emailNotifications), "nothing saved");

        browser.post("/account", Form.of("displayName", "Test Choice", "language", "", "emailNotifications", "ANSWERS")).then().statusCode(303);
        assertThat(browser.get("/account").asString(), containsString("value=\"ANSWERS\" checked"));
        Db.run(() -> notifications.notify(person(email), NotificationKind.GROUP_FORMED, "/courses/5", "Only answers"));
        Db.run(() -> notifications.notify(person(email), NotificationKind.PROPOSAL_NEW, "/courses/5/matches", "Only answers"));
        assertEquals(List.of("New study partners proposed for “Only answers”"), subjectsTo(email), "only what asks for an answer");

        browser.post("/account", Form.of("displayName", "Test Choice", "language", "", "emailNotifications", "NONE")).then().statusCode(303);
        Db.run(() -> notifications.notify(person(email), NotificationKind.PROPOSAL_EXPIRING, "/courses/5/matches", "Only answers"));
        assertEquals(1, subjectsTo(email).size(), "no more mail");
        assertEquals(3L, (long) Db.tx(() -> Notification.count("person.email", email)), "every notification is still in Entraide");

        // a form without the choice (a page opened before it existed) keeps it
        browser.post("/account", Form.of("displayName", "Renamed", "language", "")).then().statusCode(303);
        assertEquals(EmailNotifications.NONE, Db.tx(() -> person(email).emailNotifications));
    }

    private static List<String> subjectsTo(String email) {
        return AddressLinks.otherMails(email).stream().map(mail -> mail.subject).toList();
    }

    @Test
    void aRolledBackEventLeavesNeitherTheNotificationNorTheMail() {
        String email = new Browser().signUpNew("notify-rollback");
        assertThrows(IllegalStateException.class, () -> Db.run(() -> {
            notifications.notify(person(email), NotificationKind.GROUP_FORMED, "/courses/1", "Rolled back");
            throw new IllegalStateException("the event itself failed");
        }));

        assertEquals(0L, Db.tx(() -> Notification.count("person.email", email)));
        assertEquals(List.of(), AddressLinks.otherMails(email));
    }

    @Test
    void importedLearnersWithoutAnAddressGetTheNotificationButNoMail() {
        String email = "notify-imported-" + System.nanoTime() + "@import.invalid";
        Db.run(() -> {
            Person imported = new Person();
            imported.email = email;
            imported.displayName = "Imported Learner";
            imported.createdAt = Instant.now();
            imported.persist();
            notifications.notify(imported, NotificationKind.GROUP_FORMED, "/courses/3/group", "Imported course");
        });

        assertEquals(NotificationKind.GROUP_FORMED, notificationOf(email).kind);
        assertEquals(0L, Db.tx(() -> MailOutbox.count("recipient", email)));
    }

    @Test
    void notifyRefusesToRunOutsideATransaction() {
        String email = new Browser().signUpNew("notify-no-tx");
        Person person = Db.tx(() -> person(email));
        assertThrows(TransactionalException.class, () -> notifications.notify(person, NotificationKind.PROPOSAL_NEW, "/", "X"));
    }

    @Test
    void argumentsKeepTheirSeparatorOutAndForeignLinksBecomeLocal() {
        String email = new Browser().signUpNew("notify-args");
        Db.run(() -> notifications.notify(person(email), NotificationKind.PARTNER_JOINED, "https://evil.example/phish", "A|B course", "Zoé"));

        Notification notification = notificationOf(email);
        assertEquals(List.of("A¦B course", "Zoé"), notification.argList());
        assertEquals("/", notification.link);
    }

    @Test
    void theListShowsNewestFirstWithABadgeAndMarksRead() {
        Browser browser = new Browser();
        String email = browser.signUpNew("notify-list");
        assertThat(browser.get("/courses").asString(), not(containsString("class=\"badge\"")));

        Db.run(() -> notifications.notify(person(email), NotificationKind.PROPOSAL_NEW, "/courses/7", "Statistics 101"));
        Db.run(() -> notifications.notify(person(email), NotificationKind.MEMBER_LEFT, "/courses/7/group", "Statistics 101", "Ada"));

        String courses = browser.get("/courses").asString();
        assertThat(courses, containsString("<a href=\"/notifications\" aria-label=\"Notifications, 2 unread\">Notifications <span class=\"badge\">2</span></a>"));

        Response list = browser.get("/notifications");
        assertEquals(200, list.statusCode());
        String page = list.asString();
        String proposal = Html.escape(I18n.message(Locale.ENGLISH, "notify.PROPOSAL_NEW.text", "Statistics 101"));
        String left = Html.escape(I18n.message(Locale.ENGLISH, "notify.MEMBER_LEFT.text", "Statistics 101", "Ada"));
        assertThat(page, containsString(proposal));
        assertThat(page, containsString(left));
        assertThat("newest first", page.indexOf(left), lessThan(page.indexOf(proposal)));
        assertEquals(2, occurrences(page, "class=\"notification unread\""));
        assertThat(page, containsString(Html.en("notifications.mark-all-read")));

        long leftId = Db.tx(() -> Notification.<Notification>find("person.email = ?1 and kind = ?2", email, NotificationKind.MEMBER_LEFT)
                .singleResult().id);
        Response open = browser.post("/notifications/" + leftId + "/read", new Form());
        assertEquals(303, open.statusCode());
        assertEquals("/courses/7/group", localLocation(open));
        assertNotNull(Db.tx(() -> Notification.<Notification>findById(leftId).readAt));
        assertThat(browser.get("/courses").asString(), containsString("aria-label=\"Notifications, 1 unread\""));
        page = browser.get("/notifications").asString();
        assertEquals(1, occurrences(page, "class=\"notification unread\""));
        assertThat(page, containsString("<a href=\"/courses/7/group\">" + left + "</a>"));

        Response all = browser.post("/notifications/read", new Form());
        assertEquals(303, all.statusCode());
        assertEquals("/notifications", locationPath(all));
        page = browser.follow(all).asString();
        assertThat(page, containsString(Html.en("flash.notifications-read")));
        assertEquals(0, occurrences(page, "class=\"notification unread\""));
        assertThat(page, not(containsString("class=\"badge\"")));
        assertEquals(0L, notifications.unreadCount(Db.tx(() -> person(email).id)));
    }

    @Test
    void anEmptyListSaysSo() {
        Browser browser = new Browser();
        browser.signUpNew("notify-empty");
        String page = browser.get("/notifications").asString();
        assertThat(page, containsString(Html.en("notifications.none")));
        assertThat(page, not(containsString(Html.en("notifications.mark-all-read"))));
    }

    @Test
    void someoneElsesNotificationIsNotFound() {
        String owner = new Browser().signUpNew("notify-owner");
        Db.run(() -> notifications.notify(person(owner), NotificationKind.GROUP_FORMED, "/courses/3", "Private course"));
        long id = notificationOf(owner).id;

        Browser other = new Browser();
        other.signUpNew("notify-other");
        assertEquals(404, other.post("/notifications/" + id + "/read", new Form()).statusCode());
        assertEquals(404, other.post("/notifications/999999999/read", new Form()).statusCode());
        assertThat(other.get("/notifications").asString(), not(containsString("Private course")));
        assertNull(notificationOf(owner).readAt, "the owner's notification is untouched");
    }

    @Test
    void visitorsAreAskedToSignIn() {
        Response response = new Browser().get("/notifications");
        assertThat(response.statusCode(), org.hamcrest.Matchers.oneOf(302, 303));
        assertThat(localLocation(response), startsWith("/login"));
    }

    @Test
    void aFrenchSpeakerReadsAndReceivesFrench() {
        Browser browser = new Browser();
        String email = uniqueEmail("notify-fr");
        assertEquals(303, browser.post("/signup", Form.of("email", email, "displayName", "Zoé Martin", "password", DEFAULT_PASSWORD,
                "passwordConfirmation", DEFAULT_PASSWORD, "language", "fr")).statusCode());
        Db.run(() -> notifications.notify(person(email), NotificationKind.GROUP_DISSOLVED, "/courses/9", "Statistique"));

        MailOutbox mail = mailTo(email);
        assertEquals("Votre groupe dans « Statistique » a pris fin", mail.subject);
        assertThat(mail.body, startsWith("Bonjour Zoé,"));
        assertThat(mail.body, containsString("il restait trop peu de membres"));
        assertThat(mail.body, containsString("Ouvrir dans Entraide :\nhttp://localhost:8080/courses/9"));

        assertThat(browser.get("/courses").asString(), containsString("aria-label=\"Notifications, 1 non lue\""));
        String page = browser.get("/notifications").asString();
        assertThat(page, containsString(Html.escape(I18n.message(Locale.FRENCH, "notify.GROUP_DISSOLVED.text", "Statistique"))));
        assertThat(page, containsString(Html.fr("notifications.unread")));
    }

    private static Person person(String email) {
        return Person.findByEmail(email).orElseThrow();
    }

    private static Notification notificationOf(String email) {
        return Db.tx(() -> Notification.<Notification>find("person.email", email).singleResult());
    }

    private static MailOutbox mailTo(String email) {
        List<MailOutbox> mails = AddressLinks.otherMails(email);
        assertEquals(1, mails.size(), "one mail besides the sign-up's address link");
        return mails.get(0);
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }
}
