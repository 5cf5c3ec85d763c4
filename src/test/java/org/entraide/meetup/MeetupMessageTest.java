package org.entraide.meetup;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;

import org.entraide.meetup.MeetupTest.Setting;
import org.entraide.notify.MailOutbox;
import org.entraide.notify.Notification;
import org.entraide.notify.NotificationKind;
import org.entraide.testing.Browser;
import org.entraide.testing.Db;
import org.entraide.testing.Form;
import org.entraide.testing.Groups.Learner;
import org.entraide.testing.Html;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** Organizers write to those who answered a meetup: going and waiting are told, everyone who sees the meetup reads it. */
@QuarkusTest
class MeetupMessageTest {

    @Test
    void theOrganizerWritesThoseGoingAndWaitingAreToldAndEveryoneReadsIt() {
        Setting s = MeetupTest.setting();
        long id = MeetupTest.schedule(s, 2);
        Learner ada = s.paris().get(0);
        Learner bea = s.paris().get(1);
        Learner cyd = s.paris().get(2);
        Learner tom = s.tandemOnly();
        String page = "/meetups/" + id;
        for (Learner answering : new Learner[] {ada, bea, cyd}) {
            assertEquals(303, answering.browser().post(page + "/rsvp").statusCode());
        }
        assertEquals(MeetupRsvp.Status.WAITLISTED, Db.tx(() -> MeetupRsvp.of(id, cyd.personId()).orElseThrow().status));
        assertThat(s.organizer().get(page).asString(), containsString(Html.en("meetup.messages-none")));
        assertThat("learners see no form, and nothing while nothing is written", tom.browser().get(page).asString(),
                not(containsString("id=\"messages\"")));

        Response sent = s.organizer().post(page + "/messages", Form.of("message", "  Room <b>2</b>, first floor.\nBring a laptop.  "));

        assertEquals(303, sent.statusCode(), sent.asString());
        assertThat(sent.header("Location"), containsString(page + "?flash=meetup-message-sent#messages"));
        MeetupMessage stored = Db.tx(() -> MeetupMessage.<MeetupMessage>find("meetup.id", id).singleResult());
        assertEquals("Room <b>2</b>, first floor.\nBring a laptop.", stored.body);
        for (Learner answered : new Learner[] {ada, bea, cyd}) {
            assertEquals(1L, notices(answered), answered.firstName() + ", going or waiting");
        }
        assertEquals(0L, notices(tom), "Tom did not answer");
        MailOutbox mail = Db.tx(() -> MailOutbox.<MailOutbox>find("recipient = ?1 and subject like ?2", cyd.email(),
                "%wrote about the meetup%").singleResult());
        assertThat("the e-mail quotes the message", mail.body, containsString("Bring a laptop."));

        String read = tom.browser().get(page).asString();
        assertThat("anyone who sees the meetup reads it", read, containsString("Room &lt;b&gt;2&lt;/b&gt;, first floor."));
        assertThat(read, not(containsString("<b>2</b>")));
        assertThat(read, not(containsString("id=\"f-message\"")));
        assertThat(s.organizer().follow(sent).asString(), containsString(Html.en("flash.meetup-message-sent")));

        // the course team may write too; the newest comes first
        assertEquals(303, s.course().team().post(page + "/messages", Form.of("message", "See you there")).statusCode());
        assertEquals(2L, notices(ada));
        String both = ada.browser().get(page).asString();
        assertThat(both.indexOf("See you there"), lessThan(both.indexOf("first floor")));
    }

    @Test
    void onlyOrganizersWriteAndARefusedMessageKeepsWhatWasTypedAndStoresNothing() {
        Setting s = MeetupTest.setting();
        long id = MeetupTest.schedule(s, 5);
        Learner ada = s.paris().get(0);
        String messages = "/meetups/" + id + "/messages";
        assertEquals(303, ada.browser().post("/meetups/" + id + "/rsvp").statusCode());
        Browser outsider = new Browser();
        outsider.signUpNew("meetup-message-outsider");

        assertEquals(403, ada.browser().post(messages, Form.of("message", "Hi all")).statusCode());
        assertEquals(404, outsider.post(messages, Form.of("message", "Hi all")).statusCode());
        Response blank = s.organizer().post(messages, Form.of("message", "   "));
        assertEquals(400, blank.statusCode());
        assertThat(blank.asString(), containsString("<p class=\"error\" id=\"f-message-error\">" + Html.en("error.required")));
        Response tooLong = s.organizer().post(messages, Form.of("message", "Kept words " + "x".repeat(1000)));
        assertEquals(400, tooLong.statusCode());
        assertThat(tooLong.asString(), containsString("id=\"f-message-error\""));
        assertThat(tooLong.asString(), containsString(">Kept words xxx"));
        assertEquals(0L, (long) Db.tx(() -> MeetupMessage.count(id)));
        assertEquals(0L, notices(ada));

        for (int i = 0; i < MeetupMessage.PER_MEETUP_MAX; i++) {
            assertEquals(303, s.organizer().post(messages, Form.of("message", "News " + i)).statusCode());
        }
        Response limit = s.organizer().post(messages, Form.of("message", "One more"));
        assertEquals(400, limit.statusCode());
        assertThat(limit.asString(), containsString(Html.en("error.meetup-message-limit")));

        long over = MeetupTest.schedule(s, 5);
        Db.run(() -> Meetup.<Meetup>findById(over).startsAt = Instant.now().minus(Duration.ofHours(5)));
        Response closed = s.organizer().post("/meetups/" + over + "/messages", Form.of("message", "Thanks for coming"));
        assertEquals(400, closed.statusCode());
        assertThat(closed.asString(), containsString(Html.en("error.meetup-message-closed")));
        assertEquals(0L, (long) Db.tx(() -> MeetupMessage.count(over)));
    }

    @Test
    void messagesAreInTheAuthorsDataAndGoWithTheirAccount() {
        Setting s = MeetupTest.setting();
        long id = MeetupTest.schedule(s, 5);
        assertEquals(303, s.organizer().post("/meetups/" + id + "/messages", Form.of("message", "Room 2")).statusCode());
        assertEquals("Room 2", s.organizer().get("/account/export.json").jsonPath().getString("meetupMessages[0].body"));

        assertEquals(303, s.organizer().post("/account/delete", Form.of("deletePassword", Browser.DEFAULT_PASSWORD, "confirm", "yes"))
                .statusCode());
        assertEquals(0L, (long) Db.tx(() -> MeetupMessage.count(id)), "the author's words went with the account");
    }

    @Test
    void theMessagesSectionIsInFrench() {
        Setting s = MeetupTest.setting();
        long id = MeetupTest.schedule(s, 5);
        s.organizer().post("/account", Form.of("displayName", "Orga Example", "language", "fr"));
        String page = s.organizer().get("/meetups/" + id).asString();
        assertThat(page, containsString("<h2>" + Html.fr("meetup.messages") + "</h2>"));
        assertThat(page, containsString(Html.fr("meetup.message-label")));
    }

    private static long notices(Learner learner) {
        return Db.tx(() -> Notification.count("person.id = ?1 and kind = ?2", learner.personId(), NotificationKind.MEETUP_MESSAGE));
    }
}
