package org.entraide.workspace;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

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
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Component;

/** Weekly series of study sessions: planned at once at the same local time, told once, cancelled from one on. */
@QuarkusTest
class SessionSeriesTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @Test
    void aWeeklySeriesKeepsTheLocalTimeAcrossADaylightSavingChangeAndIsToldOnce() throws Exception {
        Tandem t = Groups.tandem("Ana", "Ben");
        String page = "/groups/" + t.groupId();
        // the next change of Paris clocks at least two weeks away (at most seven months): four Tuesdays or so around it
        Instant change = PARIS.getRules().nextTransition(Instant.now().plus(Duration.ofDays(14))).getInstant();
        LocalDate first = change.atZone(PARIS).toLocalDate().minusDays(9);

        Response planned = t.first().browser().post(page + "/sessions", Form.of("date", first.toString(), "time", "19:00",
                "minutes", "90", "topic", "Weekly <review>", "place", "", "weeks", "4"));

        assertEquals(303, planned.statusCode(), planned.asString());
        assertThat(planned.header("Location"), containsString(page + "?flash=sessions-planned#sessions"));
        List<StudySession> sessions = Db.tx(() -> StudySession.<StudySession>list("group.id = ?1 order by startsAt", t.groupId()));
        assertEquals(4, sessions.size());
        for (int week = 0; week < 4; week++) {
            ZonedDateTime local = sessions.get(week).startsAt.atZone(PARIS);
            assertEquals(first.plusWeeks(week), local.toLocalDate());
            assertEquals(LocalTime.of(19, 0), local.toLocalTime(), "the same clock time every week");
            assertEquals(90, sessions.get(week).minutes);
            assertEquals("Weekly <review>", sessions.get(week).topic);
            assertEquals(sessions.get(0).id, sessions.get(week).seriesId);
        }
        assertNotEquals(sessions.get(0).startsAt.atZone(PARIS).getOffset(), sessions.get(3).startsAt.atZone(PARIS).getOffset(),
                "the series crosses a daylight saving change");

        Notification told = Db.tx(() -> Notification.<Notification>find("person.id = ?1 and kind = ?2", t.second().personId(),
                NotificationKind.SESSION_SERIES_PLANNED).singleResult());
        assertThat(told.args, containsString("Ana"));
        assertThat(told.args, containsString("4"));
        assertEquals(0L, notices(t.second(), NotificationKind.SESSION_PLANNED), "one notice for the series, not one a week");
        assertEquals(0L, notices(t.first(), NotificationKind.SESSION_SERIES_PLANNED), "not the planner");

        String seen = t.second().browser().get(page).asString();
        assertEquals(4, seen.split(Html.en("session.weekly"), -1).length - 1, "each card says it is weekly");
        assertThat(seen, containsString("Weekly &lt;review&gt;"));
        assertThat("the other member did not plan it", seen, not(containsString(Html.en("session.cancel-later"))));
        String planner = t.first().browser().get(page).asString();
        assertEquals(3, planner.split("value=\"later\"", -1).length - 1, "the last one has no later ones");
        assertThat(t.first().browser().follow(planned).asString(), containsString(Html.en("flash.sessions-planned")));

        String calendar = t.second().browser().get(page + "/calendar.ics").asString();
        assertEquals(4, new CalendarBuilder().build(new StringReader(calendar)).getComponents(Component.VEVENT).size());

        // a single session is no series
        Response single = t.first().browser().post(page + "/sessions", Form.of("date", first.plusDays(1).toString(), "time", "10:00",
                "minutes", "60", "topic", "", "place", "", "weeks", "1"));
        assertThat(single.header("Location"), containsString("flash=session-planned#"));
        assertNull(Db.tx(() -> StudySession.<StudySession>find("group.id = ?1 and topic is null", t.groupId()).singleResult().seriesId));
        assertEquals(1L, notices(t.second(), NotificationKind.SESSION_PLANNED));
    }

    @Test
    void cancellingFromOneSessionOnLeavesTheEarlierOnesAndOtherSessions() {
        Tandem t = Groups.tandem("Cyd", "Dan");
        String page = "/groups/" + t.groupId();
        LocalDate first = LocalDate.now(PARIS).plusDays(3);
        assertEquals(303, t.first().browser().post(page + "/sessions", Form.of("date", first.toString(), "time", "18:00", "minutes", "60",
                "topic", "", "place", "", "weeks", "3")).statusCode());
        long single = Groups.session(t.groupId(), t.first().personId(), 20);
        List<Long> series = Db.tx(() -> StudySession.<StudySession>list("group.id = ?1 and seriesId is not null order by startsAt",
                t.groupId()).stream().map(s -> s.id).toList());
        String cancel = page + "/sessions/" + series.get(1) + "/cancel";

        assertEquals(403, t.second().browser().post(cancel, Form.of("which", "later")).statusCode(), "the planner is still a member");
        assertEquals(400, t.first().browser().post(cancel, Form.of("which", "all")).statusCode());
        assertEquals(0L, cancelledIn(t), "nothing cancelled by refused requests");

        Response cancelled = t.first().browser().post(cancel, Form.of("which", "later"));

        assertEquals(303, cancelled.statusCode());
        assertThat(cancelled.header("Location"), containsString("flash=sessions-cancelled#sessions"));
        List<StudySession> after = Db.tx(() -> StudySession.<StudySession>list("group.id = ?1 order by startsAt", t.groupId()));
        assertNull(after.get(0).cancelledAt, "the earlier one of the series stays");
        for (StudySession later : after.subList(1, 3)) {
            assertEquals(1, later.sequence, "calendars drop it");
            assertEquals(series.get(after.indexOf(later)), later.id);
            assertNotEquals(null, later.cancelledAt);
        }
        assertNull(Db.tx(() -> StudySession.<StudySession>findById(single).cancelledAt), "another session stays");
        Notification told = Db.tx(() -> Notification.<Notification>find("person.id = ?1 and kind = ?2", t.second().personId(),
                NotificationKind.SESSION_SERIES_CANCELLED).singleResult());
        assertThat(told.args, containsString("2"));
        assertEquals(0L, notices(t.second(), NotificationKind.SESSION_CANCELLED));

        // "this one" on a series cancels only that one
        assertEquals(303, t.first().browser().post(page + "/sessions/" + series.get(0) + "/cancel", Form.of("which", "this")).statusCode());
        assertEquals(3L, cancelledIn(t));
        assertNull(Db.tx(() -> StudySession.<StudySession>findById(single).cancelledAt));
        assertEquals(1L, notices(t.second(), NotificationKind.SESSION_CANCELLED));
    }

    @Test
    void aRefusedSeriesPlansNothingAndKeepsWhatWasTyped() {
        Tandem t = Groups.tandem("Eve", "Fox");
        String page = "/groups/" + t.groupId();
        String soon = LocalDate.now(PARIS).plusDays(2).toString();
        for (String weeks : List.of("13", "0", "-1", "abc", "1e3")) {
            Response refused = t.first().browser().post(page + "/sessions", Form.of("date", soon, "time", "18:00", "minutes", "60",
                    "topic", "Kept", "place", "", "weeks", weeks));
            assertEquals(400, refused.statusCode(), weeks);
            assertThat(refused.asString(), containsString("<p class=\"error\" id=\"f-weeks-error\">" + Html.en("error.invalid-choice")));
            assertThat(refused.asString(), containsString("value=\"Kept\""));
        }

        String farAway = LocalDate.now(PARIS).plusDays(355).toString();
        Response tooFar = t.first().browser().post(page + "/sessions", Form.of("date", farAway, "time", "18:00", "minutes", "60",
                "topic", "", "place", "", "weeks", "3"));
        assertEquals(400, tooFar.statusCode());
        assertThat(tooFar.asString(), containsString("id=\"f-weeks-error\">" + Html.en("error.session-series-too-far")));
        assertThat(tooFar.asString(), containsString("<option value=\"3\" selected>"));

        for (int i = 1; i <= 18; i++) {
            Groups.session(t.groupId(), t.first().personId(), i);
        }
        Response full = t.first().browser().post(page + "/sessions", Form.of("date", soon, "time", "07:00", "minutes", "60",
                "topic", "", "place", "", "weeks", "3"));
        assertEquals(400, full.statusCode());
        assertThat(full.asString(), containsString("id=\"f-weeks-error\">" + Html.en("error.session-series-limit").replace("{0}", "2")));
        assertEquals(18L, (long) Db.tx(() -> StudySession.count("group.id", t.groupId())), "nothing of the refused series stored");
        assertEquals(0L, notices(t.second(), NotificationKind.SESSION_SERIES_PLANNED));

        assertEquals(303, t.first().browser().post(page + "/sessions", Form.of("date", soon, "time", "07:00", "minutes", "60",
                "topic", "", "place", "", "weeks", "2")).statusCode(), "as many as there is room for");
        assertEquals(20L, (long) Db.tx(() -> StudySession.count("group.id", t.groupId())));
    }

    @Test
    void theRepeatChoiceIsInFrench() {
        Tandem t = Groups.tandem("Ines", "Jo");
        t.first().browser().post("/account", Form.of("displayName", "Ines Example", "language", "fr"));
        String page = t.first().browser().get("/groups/" + t.groupId()).asString();
        assertThat(page, containsString("<label for=\"f-weeks\">" + Html.fr("session.weeks") + "</label>"));
        assertThat(page, containsString(Html.fr("session.weeks-once")));
        assertThat(page, containsString(Html.fr("session.weeks-n").replace("{0}", "12")));
    }

    private static long notices(Learner learner, NotificationKind kind) {
        return Db.tx(() -> Notification.count("person.id = ?1 and kind = ?2", learner.personId(), kind));
    }

    private static long cancelledIn(Tandem t) {
        return Db.tx(() -> StudySession.count("group.id = ?1 and cancelledAt is not null", t.groupId()));
    }
}
