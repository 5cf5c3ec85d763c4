package org.entraide.workspace;

import static org.entraide.testing.Calendars.onlyEvent;
import static org.entraide.testing.Calendars.utc;
import static org.entraide.testing.Calendars.value;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

import org.entraide.notify.Notification;
import org.entraide.notify.NotificationKind;
import org.entraide.testing.Db;
import org.entraide.testing.Form;
import org.entraide.testing.Groups;
import org.entraide.testing.Groups.Learner;
import org.entraide.testing.Groups.Tandem;
import org.entraide.testing.Html;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** Changing a study session to come: its planner moves it or changes its topic; the others are told; calendars follow. */
@QuarkusTest
class SessionChangeTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @Test
    void thePlannerMovesASessionTheOthersAreToldAndAskedAgain() throws Exception {
        Tandem t = Groups.tandem("Ana", "Ben");
        String page = "/groups/" + t.groupId();
        long sessionId = Groups.session(t.groupId(), t.first().personId(), 5);
        assertEquals(303, t.second().browser().post(page + "/sessions/" + sessionId + "/answer", Form.of("coming", "yes")).statusCode());
        Db.run(() -> StudySession.<StudySession>findById(sessionId).remindedAt = Instant.now());
        String edit = page + "/sessions/" + sessionId + "/edit";
        assertThat(t.first().browser().get(page).asString(), containsString("href=\"" + edit + "\""));

        Instant old = Db.tx(() -> StudySession.<StudySession>findById(sessionId).startsAt);
        String form = t.first().browser().get(edit).then().statusCode(200).extract().asString();
        assertThat(form, containsString("value=\"" + old.atZone(PARIS).toLocalDate() + "\""));
        assertThat(form, containsString("value=\"" + old.atZone(PARIS).toLocalTime().truncatedTo(ChronoUnit.MINUTES) + "\""));

        LocalDate date = LocalDate.now(PARIS).plusDays(8);
        Instant start = ZonedDateTime.of(date, LocalTime.of(19, 15), PARIS).toInstant();
        Response changed = t.first().browser().post(edit, Form.of("date", date.toString(), "time", "19:15", "minutes", "90",
                "topic", "Week 4 <quiz>", "place", "Library"));

        assertEquals(303, changed.statusCode(), changed.asString());
        assertThat(changed.header("Location"), containsString(page + "?flash=session-changed#session-" + sessionId));
        StudySession stored = Db.tx(() -> StudySession.<StudySession>findById(sessionId));
        assertEquals(start, stored.startsAt);
        assertEquals(90, stored.minutes);
        assertEquals("Week 4 <quiz>", stored.topic);
        assertEquals("Library", stored.place);
        assertEquals(1, stored.sequence, "calendar apps replace the event");
        assertNull(stored.remindedAt, "the day-before reminder goes out again for the new time");
        assertEquals(0L, (long) Db.tx(() -> SessionAnswer.count("session.id", sessionId)), "answers were for the old time");
        Notification told = Db.tx(() -> Notification.<Notification>find("person.id = ?1 and kind = ?2", t.second().personId(),
                NotificationKind.SESSION_CHANGED).singleResult());
        assertThat(told.args, containsString("Ana"));
        assertEquals(0L, notices(t.first()), "not the one who changed it");
        assertThat(t.first().browser().follow(changed).asString(), containsString(Html.en("flash.session-changed")));
        assertThat(t.second().browser().get(page).asString(), containsString("Week 4 &lt;quiz&gt;"));

        var event = onlyEvent(t.second().browser().get(page + "/sessions/" + sessionId + "/calendar.ics").asString());
        assertEquals(utc(start), value(event, "DTSTART"));
        assertEquals("1", value(event, "SEQUENCE"));

        // the same values again change nothing and tell nobody
        t.first().browser().post(edit, Form.of("date", date.toString(), "time", "19:15", "minutes", "90", "topic", "Week 4 <quiz>",
                "place", "Library"));
        assertEquals(1, Db.tx(() -> StudySession.<StudySession>findById(sessionId).sequence));
        assertEquals(1L, notices(t.second()));
    }

    @Test
    void aNewTopicKeepsTheAnswers() {
        Tandem t = Groups.tandem("Cyd", "Dan");
        String page = "/groups/" + t.groupId();
        long sessionId = Groups.session(t.groupId(), t.first().personId(), 3);
        t.second().browser().post(page + "/sessions/" + sessionId + "/answer", Form.of("coming", "no"));
        String edit = page + "/sessions/" + sessionId + "/edit";
        ZonedDateTime start = Db.tx(() -> StudySession.<StudySession>findById(sessionId).startsAt).atZone(PARIS);

        Response changed = t.first().browser().post(edit, Form.of("date", start.toLocalDate().toString(), "time",
                start.toLocalTime().truncatedTo(ChronoUnit.MINUTES).toString(), "minutes", "60", "topic", "Chapter 5", "place", ""));

        assertEquals(303, changed.statusCode(), changed.asString());
        assertEquals("Chapter 5", Db.tx(() -> StudySession.<StudySession>findById(sessionId).topic));
        assertEquals(1L, (long) Db.tx(() -> SessionAnswer.count("session.id", sessionId)), "the time did not change");
        assertEquals(1L, notices(t.second()));
    }

    @Test
    void onlyThePlannerChangesAndBadInputKeepsWhatWasTyped() {
        Tandem t = Groups.tandem("Eve", "Fox");
        Tandem other = Groups.tandem("Gil", "Hana");
        String page = "/groups/" + t.groupId();
        long sessionId = Groups.session(t.groupId(), t.first().personId(), 4);
        String edit = page + "/sessions/" + sessionId + "/edit";
        Form valid = Form.of("date", LocalDate.now(PARIS).plusDays(6).toString(), "time", "18:00", "minutes", "60", "topic", "", "place", "");

        assertThat(t.second().browser().get(page).asString(), not(containsString("href=\"" + edit + "\"")));
        assertEquals(403, t.second().browser().get(edit).statusCode(), "the planner is still in the group");
        assertEquals(403, t.second().browser().post(edit, valid).statusCode());
        assertEquals(404, other.first().browser().get(edit).statusCode(), "not a member");
        assertEquals(404, other.first().browser().post(edit, valid).statusCode());
        assertEquals(404, t.first().browser().get(page + "/sessions/999999999/edit").statusCode());

        String past = LocalDate.now(PARIS).minusDays(1).toString();
        Response refused = t.first().browser().post(edit, Form.of("date", past, "time", "18:00", "minutes", "45", "topic", "Kept topic",
                "place", ""));
        assertEquals(400, refused.statusCode());
        assertThat(refused.asString(), containsString("<p class=\"error\" id=\"f-date-error\">" + Html.en("error.session-past")));
        assertThat(refused.asString(), containsString("value=\"Kept topic\""));
        assertThat(refused.asString(), containsString("value=\"" + past + "\""));
        Response badLength = t.first().browser().post(edit, Form.of("date", LocalDate.now(PARIS).plusDays(6).toString(), "time", "18:00",
                "minutes", "7", "topic", "", "place", ""));
        assertEquals(400, badLength.statusCode());
        assertThat(badLength.asString(), containsString("id=\"f-minutes-error\""));
        assertEquals(0, Db.tx(() -> StudySession.<StudySession>findById(sessionId).sequence), "nothing changed");
        assertEquals(0L, notices(t.second()));

        assertEquals(303, t.first().browser().post(page + "/sessions/" + sessionId + "/cancel", new Form()).statusCode());
        Response closed = t.first().browser().get(edit);
        assertEquals(303, closed.statusCode());
        assertThat(closed.header("Location"), containsString("flash=session-closed"));
        Response closedPost = t.first().browser().post(edit, valid);
        assertThat(closedPost.header("Location"), containsString("flash=session-closed"));
        assertEquals(1, Db.tx(() -> StudySession.<StudySession>findById(sessionId).sequence), "only the cancellation's revision");
    }

    @Test
    void theChangePageIsInFrench() {
        Tandem t = Groups.tandem("Ines", "Jo");
        long sessionId = Groups.session(t.groupId(), t.first().personId(), 2);
        t.first().browser().post("/account", Form.of("displayName", "Ines Example", "language", "fr"));
        String form = t.first().browser().get("/groups/" + t.groupId() + "/sessions/" + sessionId + "/edit").asString();
        assertThat(form, containsString("<h1>" + Html.fr("session.change-title") + "</h1>"));
        assertThat(form, containsString(Html.fr("session.change-submit")));
    }

    private static long notices(Learner learner) {
        return Db.tx(() -> Notification.count("person.id = ?1 and kind = ?2", learner.personId(), NotificationKind.SESSION_CHANGED));
    }
}
