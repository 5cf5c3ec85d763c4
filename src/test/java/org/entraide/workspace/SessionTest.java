package org.entraide.workspace;

import static org.entraide.testing.Calendars.onlyEvent;
import static org.entraide.testing.Calendars.utc;
import static org.entraide.testing.Calendars.value;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

import jakarta.inject.Inject;

import org.entraide.notify.Notification;
import org.entraide.notify.NotificationKind;
import org.entraide.profile.Enrolment;
import org.entraide.testing.Browser;
import org.entraide.testing.Db;
import org.entraide.testing.Form;
import org.entraide.testing.Groups;
import org.entraide.testing.Groups.Learner;
import org.entraide.testing.Groups.TestCourse;
import org.entraide.testing.Html;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;

/** Study sessions in a group's workspace: planned in one zone, seen in each member's, in calendars, cancelled. */
@QuarkusTest
class SessionTest {

    @Inject
    SessionService sessions;

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(Locale.ENGLISH);

    record Tandem(long groupId, Learner uma, Learner vic) {
    }

    /** Uma in Paris and Vic, who moved to New York after they formed their tandem. */
    private static Tandem tandem() {
        TestCourse course = Groups.course("TANDEM", 3);
        Learner uma = Groups.learner(course, "Uma", "TANDEM");
        Learner vic = Groups.learner(course, "Vic", "TANDEM");
        long groupId = Groups.formGroup(course, "TANDEM", List.of(uma, vic));
        Db.run(() -> Enrolment.find(course.id(), vic.personId()).orElseThrow().timeZone = NEW_YORK.getId());
        return new Tandem(groupId, uma, vic);
    }

    private static Form session(LocalDate date, String time, String minutes, String topic, String place) {
        return Form.of("date", date.toString(), "time", time, "minutes", minutes, "topic", topic, "place", place);
    }

    @Test
    void plannedInParisSeenInNewYorkAndInEveryonesCalendar() throws Exception {
        Tandem t = tandem();
        Db.run(() -> org.entraide.account.Person.<org.entraide.account.Person>findById(t.vic().personId()).preferredLanguage = "fr");
        String page = "/groups/" + t.groupId();
        assertThat(t.uma().browser().get(page).asString(), containsString(Html.en("session.none")));
        LocalDate date = LocalDate.now(PARIS).plusDays(10);
        Instant start = ZonedDateTime.of(date, LocalTime.of(18, 30), PARIS).toInstant();

        Response planned = t.uma().browser().post(page + "/sessions",
                session(date, "18:30", "90", "  Week 3 <quiz>  ", "https://meet.example.org/abc-def"));

        assertEquals(303, planned.statusCode(), planned.asString());
        assertEquals(page + "?flash=session-planned", Browser.localLocation(planned));
        assertThat(planned.header("Location"), containsString("#sessions"));
        StudySession stored = Db.tx(() -> StudySession.<StudySession>find("group.id", t.groupId()).singleResult());
        assertEquals(start, stored.startsAt, "18:30 in the planner's zone, stored in UTC");
        assertEquals(90, stored.minutes);
        assertEquals("Week 3 <quiz>", stored.topic);

        String umaPage = t.uma().browser().follow(planned).asString();
        assertThat(umaPage, containsString(Html.en("flash.session-planned")));
        assertThat(umaPage, containsString(CLOCK.format(start.atZone(PARIS)) + "–" + CLOCK.format(start.plusSeconds(5400).atZone(PARIS))));
        assertThat(umaPage, containsString("Week 3 &lt;quiz&gt;"));
        assertThat(umaPage, containsString("<a href=\"https://meet.example.org/abc-def\" rel=\"noopener noreferrer nofollow\">"));
        assertThat(umaPage, containsString("(Vic)"));

        String vicPage = t.vic().browser().get(page).asString();
        String newYorkTime = DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(Locale.FRENCH).format(start.atZone(NEW_YORK));
        assertThat(vicPage, containsString("<h2>" + Html.fr("session.title") + "</h2>"));
        assertThat(vicPage, containsString(", " + newYorkTime + "–"));
        assertThat(vicPage, containsString(", heure de Europe/Paris (Uma)"));
        assertThat(vicPage, not(containsString("action=\"" + page + "/sessions/" + stored.id + "/cancel\"")));
        assertEquals(0L, notices(t.uma(), NotificationKind.SESSION_PLANNED), "the planner is not told about her own session");
        Notification told = Db.tx(() -> Notification.<Notification>find("person.id = ?1 and kind = ?2", t.vic().personId(),
                NotificationKind.SESSION_PLANNED).singleResult());
        assertThat(told.args, containsString("Uma"));
        assertThat(told.args, containsString(DateTimeFormatter.ofPattern("EEEE d MMMM y 'à' HH:mm", Locale.FRENCH)
                .format(start.atZone(NEW_YORK)) + " (America/New_York)"));
        assertThat(t.vic().browser().acceptLanguage("fr").get("/notifications").asString(), containsString("Uma a prévu une séance"));

        Response file = t.vic().browser().get(page + "/sessions/" + stored.id + "/calendar.ics");
        assertEquals(200, file.statusCode());
        assertThat(file.contentType(), containsString("text/calendar"));
        assertThat(file.header("Content-Disposition"), containsString("attachment; filename=\"entraide-session-" + stored.id + ".ics\""));
        VEvent event = onlyEvent(file.asString());
        assertEquals(value(event, Property.DTSTART), utc(start));
        assertEquals(value(event, Property.DTEND), utc(start.plusSeconds(5400)));
        assertThat(value(event, Property.SUMMARY), containsString("Week 3 <quiz>"));
        assertEquals("https://meet.example.org/abc-def", value(event, Property.LOCATION));
        assertEquals("CONFIRMED", value(event, Property.STATUS));
        assertThat(value(event, Property.URL), containsString(page));
    }

    @Test
    void onlyThePlannerCancelsAndCalendarsAreToldItIsOff() throws Exception {
        Tandem t = tandem();
        String page = "/groups/" + t.groupId();
        assertEquals(303, t.uma().browser().post(page + "/sessions", session(LocalDate.now(PARIS).plusDays(3), "19:00", "60", "", ""))
                .statusCode());
        long sessionId = Db.tx(() -> StudySession.<StudySession>find("group.id", t.groupId()).singleResult().id);

        assertEquals(403, t.vic().browser().post(page + "/sessions/" + sessionId + "/cancel").statusCode(), "Vic did not plan it");
        assertNull(Db.tx(() -> StudySession.<StudySession>findById(sessionId).cancelledAt));

        Response cancelled = t.uma().browser().post(page + "/sessions/" + sessionId + "/cancel");

        assertEquals(303, cancelled.statusCode());
        assertThat(t.uma().browser().follow(cancelled).asString(), containsString(Html.en("flash.session-cancelled")));
        StudySession session = Db.tx(() -> StudySession.<StudySession>findById(sessionId));
        assertTrue(session.cancelledAt != null && session.sequence == 1, "cancelled, with a new calendar revision");
        assertEquals(1L, notices(t.vic(), NotificationKind.SESSION_CANCELLED));
        String vicPage = t.vic().browser().get(page).asString();
        assertThat(vicPage, containsString("<strong>" + Html.en("session.cancelled") + "</strong>"));
        assertThat(vicPage, not(containsString(page + "/sessions/" + sessionId + "/calendar.ics")));
        VEvent event = onlyEvent(t.vic().browser().get(page + "/calendar.ics").asString());
        assertEquals("CANCELLED", value(event, Property.STATUS));
        assertEquals("1", value(event, Property.SEQUENCE));

        assertEquals(303, t.uma().browser().post(page + "/sessions/" + sessionId + "/cancel").statusCode(), "twice is harmless");
        assertEquals(1L, notices(t.vic(), NotificationKind.SESSION_CANCELLED), "and tells nobody again");
    }

    @Test
    void aRefusedSessionKeepsWhatWasTypedAndStoresNothing() {
        Tandem t = tandem();
        String page = "/groups/" + t.groupId();
        LocalDate yesterday = LocalDate.now(PARIS).minusDays(1);

        String past = t.uma().browser().post(page + "/sessions", session(yesterday, "18:00", "60", "Kept <topic>", "Library"))
                .then().statusCode(400).extract().asString();
        assertThat(past, containsString("<p class=\"error\" id=\"f-date-error\">" + Html.en("error.session-past")));
        assertThat(past, containsString("value=\"Kept &lt;topic&gt;\""));
        assertThat(past, containsString("value=\"" + yesterday + "\""));

        String wrong = t.uma().browser().post(page + "/sessions", Form.of("date", "31/12/2026", "time", "25:00", "minutes", "999",
                "topic", "x".repeat(StudySession.TOPIC_MAX + 1), "place", "a\u0007b")).then().statusCode(400).extract().asString();
        assertThat(wrong, containsString("id=\"f-date-error\">" + Html.en("error.date")));
        assertThat(wrong, containsString("id=\"f-time-error\">" + Html.en("error.time")));
        assertThat(wrong, containsString("id=\"f-minutes-error\">" + Html.en("error.invalid-choice")));
        assertThat(wrong, containsString("id=\"f-topic-error\">" + Html.en("error.too-long")));
        assertThat(wrong, containsString("id=\"f-place-error\">" + Html.en("error.control-characters")));

        String farAway = t.uma().browser().post(page + "/sessions", session(LocalDate.now(PARIS).plusYears(2), "18:00", "60", "", ""))
                .then().statusCode(400).extract().asString();
        assertThat(farAway, containsString("id=\"f-date-error\">" + Html.en("error.session-too-far")));
        assertEquals(0L, (long) Db.tx(() -> StudySession.count("group.id", t.groupId())), "nothing stored");
        assertEquals(0L, notices(t.vic(), NotificationKind.SESSION_PLANNED));
    }

    @Test
    void outsidersFindNothingAndAnotherGroupsSessionIsNotHere() {
        Tandem t = tandem();
        Tandem other = tandem();
        assertEquals(303, other.uma().browser().post("/groups/" + other.groupId() + "/sessions",
                session(LocalDate.now(PARIS).plusDays(2), "18:00", "60", "", "")).statusCode());
        long otherSession = Db.tx(() -> StudySession.<StudySession>find("group.id", other.groupId()).singleResult().id);
        String page = "/groups/" + t.groupId();

        // a member of one group names the other group's session through their own group
        assertEquals(404, t.uma().browser().get(page + "/sessions/" + otherSession + "/calendar.ics").statusCode());
        assertEquals(404, t.uma().browser().post(page + "/sessions/" + otherSession + "/cancel").statusCode());
        // and cannot reach the other group at all
        Browser outsider = t.uma().browser();
        String otherPage = "/groups/" + other.groupId();
        assertEquals(404, outsider.get(otherPage + "/sessions/" + otherSession + "/calendar.ics").statusCode());
        assertEquals(404, outsider.get(otherPage + "/calendar.ics").statusCode());
        assertEquals(404, outsider.post(otherPage + "/sessions", session(LocalDate.now(PARIS).plusDays(2), "18:00", "60", "", ""))
                .statusCode());
        assertEquals(404, outsider.post(otherPage + "/sessions/" + otherSession + "/cancel").statusCode());
        assertEquals(1L, (long) Db.tx(() -> StudySession.count("group.id", other.groupId())));
        assertNull(Db.tx(() -> StudySession.<StudySession>findById(otherSession).cancelledAt));
    }

    @Test
    void whenThePlannerDeletesTheirAccountTheSessionStaysAndTheOthersMayCancelIt() {
        TestCourse course = Groups.course("STUDY_GROUP", 3);
        List<Learner> members = Groups.learners(course, "STUDY_GROUP", "Ana", "Ben", "Cyd");
        long groupId = Groups.formGroup(course, "STUDY_GROUP", members);
        Learner ana = members.get(0);
        Learner ben = members.get(1);
        String page = "/groups/" + groupId;
        assertEquals(303, ana.browser().post(page + "/sessions", session(LocalDate.now(PARIS).plusDays(4), "20:00", "45", "Recap", ""))
                .statusCode());
        long sessionId = Db.tx(() -> StudySession.<StudySession>find("group.id", groupId).singleResult().id);
        assertThat(ana.browser().get("/account/export.json").asString(), containsString("\"sessionsPlanned\":[{\"groupId\":" + groupId));

        assertEquals(303, ana.browser().post("/account/delete", Form.of("deletePassword", Browser.DEFAULT_PASSWORD, "confirm", "yes"))
                .statusCode());

        assertNull(Db.tx(() -> StudySession.<StudySession>findById(sessionId).plannedBy), "the session stays with the group");
        assertThat(ben.browser().get(page).asString(), containsString("action=\"" + page + "/sessions/" + sessionId + "/cancel\""));
        assertEquals(303, ben.browser().post(page + "/sessions/" + sessionId + "/cancel").statusCode());
        assertEquals(1L, notices(members.get(2), NotificationKind.SESSION_CANCELLED));
    }

    @Test
    void membersSayWhetherTheyComeAndChangeTheirMind() {
        Tandem t = tandem();
        String page = "/groups/" + t.groupId();
        long sessionId = Groups.session(t.groupId(), t.uma().personId(), 2);

        Response answered = t.vic().browser().post(page + "/sessions/" + sessionId + "/answer", Form.of("coming", "no"));

        assertEquals(303, answered.statusCode());
        assertThat(t.vic().browser().follow(answered).asString(), containsString(Html.en("flash.session-answered")));
        assertThat(t.uma().browser().get(page).asString(), containsString("Cannot come: Vic"));
        assertEquals(303, t.vic().browser().post(page + "/sessions/" + sessionId + "/answer", Form.of("coming", "yes")).statusCode());
        assertEquals(303, t.uma().browser().post(page + "/sessions/" + sessionId + "/answer", Form.of("coming", "yes")).statusCode());
        String both = t.uma().browser().get(page).asString();
        assertThat(both, containsString("Coming: Uma, Vic"));
        assertThat(both, not(containsString("Cannot come")));
        assertEquals(1L, (long) Db.tx(() -> SessionAnswer.count("session.id = ?1 and person.id = ?2", sessionId, t.vic().personId())),
                "one answer per member, changed in place");
        assertEquals(true, t.vic().browser().get("/account/export.json").jsonPath().getBoolean("sessionAnswers[0].coming"));

        assertEquals(400, t.vic().browser().post(page + "/sessions/" + sessionId + "/answer", Form.of("coming", "maybe")).statusCode());
        assertEquals(303, t.uma().browser().post(page + "/sessions/" + sessionId + "/cancel").statusCode());
        String closed = t.vic().browser().post(page + "/sessions/" + sessionId + "/answer", Form.of("coming", "no"))
                .then().statusCode(409).extract().asString();
        assertThat(closed, containsString(Html.en("error.session-closed")));
        assertEquals(true, Db.tx(() -> SessionAnswer.of(sessionId, t.vic().personId()).orElseThrow().coming), "nothing changed");
        Tandem other = tandem();
        assertEquals(404, other.uma().browser().post(page + "/sessions/" + sessionId + "/answer", Form.of("coming", "yes")).statusCode());
    }

    @Test
    void everyMemberIsRemindedOnceTheDayBeforeInTheirOwnZone() {
        Tandem t = tandem();
        long soon = Groups.session(t.groupId(), t.uma().personId(), 0);
        long later = Groups.session(t.groupId(), t.uma().personId(), 3);
        long off = Groups.session(t.groupId(), t.uma().personId(), 0);
        Instant now = Instant.now();
        Instant start = now.plus(Duration.ofHours(20)).truncatedTo(ChronoUnit.MINUTES);
        Db.run(() -> {
            StudySession.<StudySession>findById(soon).startsAt = start;
            StudySession cancelled = StudySession.findById(off);
            cancelled.startsAt = start;
            cancelled.cancelledAt = now;
        });

        // other tests' sessions share the database: this test looks only at its own
        Db.tx(() -> sessions.remindDue(now));
        Db.tx(() -> sessions.remindDue(now.plusSeconds(600)));

        assertNotNull(Db.tx(() -> StudySession.<StudySession>findById(soon).remindedAt), "the session within a day that is on");
        assertNull(Db.tx(() -> StudySession.<StudySession>findById(off).remindedAt), "not a cancelled one");

        assertEquals(1L, notices(t.uma(), NotificationKind.SESSION_REMINDER), "the planner too");
        Notification vics = Db.tx(() -> Notification.<Notification>find("person.id = ?1 and kind = ?2", t.vic().personId(),
                NotificationKind.SESSION_REMINDER).singleResult());
        assertThat(vics.args, containsString(DateTimeFormatter.ofLocalizedDateTime(FormatStyle.FULL, FormatStyle.SHORT)
                .withLocale(Locale.ENGLISH).format(start.atZone(NEW_YORK)) + " (America/New_York)"));
        assertNull(Db.tx(() -> StudySession.<StudySession>findById(later).remindedAt));
    }

    private static long notices(Learner learner, NotificationKind kind) {
        return Db.tx(() -> Notification.count("person.id = ?1 and kind = ?2", learner.personId(), kind));
    }
}
