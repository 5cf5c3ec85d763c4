package org.entraide.meetup;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import org.entraide.course.CourseRole;
import org.entraide.meetup.MeetupTest.Setting;
import org.entraide.notify.Notification;
import org.entraide.notify.NotificationKind;
import org.entraide.testing.Browser;
import org.entraide.testing.Db;
import org.entraide.testing.Form;
import org.entraide.testing.Groups.Learner;
import org.entraide.testing.Html;
import org.entraide.testing.Meetups;
import org.entraide.web.Queries;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** Weekly meetups scheduled at once, as a learning circle meets: each date its own meetup, the learners told once. */
@QuarkusTest
class MeetupSeriesTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final String PARIS_ID = "2988507";

    private static Form weekly(LocalDate first, String weeks) {
        return Form.of("placeId", PARIS_ID, "date", first.toString(), "time", "18:30", "minutes", "120", "capacity", "8",
                "venue", "Médiathèque", "address", "", "description", "Learning circle", "weeks", weeks);
    }

    /** The first day from the day after tomorrow whose three following weeks cross a clock change in Paris. */
    private static LocalDate beforeAClockChange() {
        LocalDate date = LocalDate.now(PARIS).plusDays(2);
        while (offsetAt(date).equals(offsetAt(date.plusWeeks(3)))) {
            date = date.plusDays(1);
        }
        return date;
    }

    private static ZoneOffset offsetAt(LocalDate date) {
        return date.atTime(18, 30).atZone(PARIS).getOffset();
    }

    @Test
    void aWeeklySeriesKeepsTheLocalTimeAcrossTheClockChangeAndTellsLearnersOnce() {
        Setting s = MeetupTest.setting();
        long courseId = s.course().id();
        String manage = "/courses/" + courseId + "/manage/meetups";
        assertThat(s.organizer().get(manage + "/new").asString(), containsString("id=\"f-weeks\""));
        LocalDate first = beforeAClockChange();

        Response created = s.organizer().post(manage, weekly(first, "4"));

        assertEquals(303, created.statusCode(), created.asString());
        long firstId = Long.parseLong(Browser.locationPath(created).replace("/meetups/", ""));
        List<Meetup> series = Db.tx(() -> Meetup.<Meetup>list("seriesId = ?1 order by startsAt", firstId));
        assertEquals(4, series.size());
        for (int week = 0; week < 4; week++) {
            Meetup meetup = series.get(week);
            assertEquals(first.plusWeeks(week), meetup.startsAt.atZone(PARIS).toLocalDate());
            assertEquals(LocalTime.of(18, 30), meetup.startsAt.atZone(PARIS).toLocalTime(), "the same clock time every week");
            assertEquals(8, meetup.capacity);
        }
        assertEquals(Duration.ofHours(1), Duration.between(series.get(0).startsAt, series.get(3).startsAt).minusDays(21).abs(),
                "the clock changes in between: an hour more or less in UTC");

        Learner ada = s.paris().get(0);
        assertEquals(1, notices(ada, NotificationKind.MEETUP_SERIES_SCHEDULED), "told once for the series");
        assertEquals(0, notices(ada, NotificationKind.MEETUP_SCHEDULED));
        String notice = ada.browser().get("/notifications").asString();
        assertThat(notice, containsString("scheduled 4 weekly meetups of"));

        // each date is its own meetup: Ada answers the third, which lists the others
        long third = series.get(2).id;
        String page = ada.browser().get("/meetups/" + third).asString();
        assertThat(page, containsString("Every week: 4 dates"));
        assertThat(page, containsString("href=\"/meetups/" + series.get(0).id + "\""));
        assertThat(page, containsString("aria-current=\"page\""));
        assertEquals(303, ada.browser().post("/meetups/" + third + "/rsvp").statusCode());
        assertEquals(1, Db.tx(() -> Queries.count(MeetupRsvp.class, "meetup.id = ?1", third)));
        assertEquals(0, Db.tx(() -> Queries.count(MeetupRsvp.class, "meetup.id = ?1", firstId)));

        // cancelling one date leaves the others, and the list says which one is off
        assertEquals(303, s.organizer().post("/meetups/" + series.get(1).id + "/cancel").statusCode());
        assertNull(Db.tx(() -> Meetup.<Meetup>findById(third).cancelledAt));
        assertThat(ada.browser().get("/meetups/" + third).asString(), containsString("(" + Html.en("meetup.cancelled") + ")"));

        // "I am going to every date": the dates still to come and not answered, a seat or the waiting list of a full one
        Db.run(() -> Meetup.<Meetup>findById(series.get(3).id).capacity = 1);
        String allDates = "/meetups/" + firstId + "/rsvp/series";
        assertThat(ada.browser().get("/meetups/" + firstId).asString(), containsString("action=\"" + allDates + "\""));
        Response adaAll = ada.browser().post(allDates);
        assertEquals(303, adaAll.statusCode());
        assertThat(adaAll.header("Location"), containsString("flash=meetup-series-answered"));
        assertEquals(List.of("GOING", "-", "GOING", "GOING"), answers(allDates, ada));
        Learner bea = s.paris().get(1);
        assertEquals(303, bea.browser().post(allDates).statusCode());
        assertEquals(List.of("GOING", "-", "GOING", "WAITLISTED"), answers(allDates, bea), "the last date had one seat, Ada's");
        Response again = bea.browser().post(allDates);
        assertEquals(400, again.statusCode());
        assertThat(again.asString(), containsString(Html.en("error.meetup-series-answered")));
        assertThat("nothing left to answer at once", bea.browser().get("/meetups/" + firstId).asString(),
                not(containsString("action=\"" + allDates + "\"")));
        long single = MeetupTest.schedule(s, 5);
        assertEquals(400, bea.browser().post("/meetups/" + single + "/rsvp/series").statusCode(), "a single meetup has no series");
        assertEquals(403, s.organizer().post(allDates).statusCode(), "only learners answer");
    }

    /** The learner's answer to each date of the series of the given "/meetups/{first}/rsvp/series" form ("-" for none). */
    private static List<String> answers(String seriesForm, Learner learner) {
        long firstId = Long.parseLong(seriesForm.split("/")[2]);
        return Db.tx(() -> Meetup.<Meetup>list("seriesId = ?1 order by startsAt", firstId).stream()
                .map(m -> MeetupRsvp.of(m.id, learner.personId()).map(r -> r.status.name()).orElse("-")).toList());
    }

    @Test
    void aRefusedSeriesSchedulesNothing() {
        Setting s = MeetupTest.setting();
        long courseId = s.course().id();
        String manage = "/courses/" + courseId + "/manage/meetups";
        long before = Db.tx(() -> Queries.count(Meetup.class, "course.id = ?1", courseId));

        Response unknown = s.organizer().post(manage, weekly(LocalDate.now(PARIS).plusDays(10), "13"));
        assertEquals(400, unknown.statusCode());
        assertThat(unknown.asString(), containsString("id=\"f-weeks-error\""));
        Response tooFar = s.organizer().post(manage, weekly(LocalDate.now(PARIS).plusDays(330), "12"));
        assertEquals(400, tooFar.statusCode());
        assertThat(tooFar.asString(), containsString(Html.en("error.meetup-series-too-far")));
        assertThat("the choice is kept", tooFar.asString(), containsString("<option value=\"12\" selected>"));

        assertEquals(before, Db.tx(() -> Queries.count(Meetup.class, "course.id = ?1", courseId)));
        assertEquals(0, notices(s.paris().get(0), NotificationKind.MEETUP_SERIES_SCHEDULED));

        // a course has at most 100 meetups to come: a series larger than the room left is refused whole
        long teamId = Db.tx(() -> CourseRole.<CourseRole>find("course.id = ?1 and role = ?2", courseId, CourseRole.Kind.TEAM)
                .firstResult().person.id);
        for (long i = before; i < MeetupService.UPCOMING_MAX - 2; i++) {
            Meetups.meetup(courseId, teamId, 3);
        }
        Response tooMany = s.organizer().post(manage, weekly(LocalDate.now(PARIS).plusDays(10), "3"));
        assertEquals(400, tooMany.statusCode());
        assertThat(tooMany.asString(), containsString("room for 2 more"));
        assertEquals(MeetupService.UPCOMING_MAX - 2, Db.tx(() -> Queries.count(Meetup.class, "course.id = ?1", courseId)));
        assertEquals(303, s.organizer().post(manage, weekly(LocalDate.now(PARIS).plusDays(10), "2")).statusCode());
    }

    private static long notices(Learner learner, NotificationKind kind) {
        return Db.tx(() -> Notification.count("person.id = ?1 and kind = ?2", learner.personId(), kind));
    }
}
