package org.entraide.meetup;

import static org.entraide.testing.Calendars.onlyEvent;
import static org.entraide.testing.Calendars.utc;
import static org.entraide.testing.Calendars.value;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

import jakarta.inject.Inject;

import org.entraide.course.Course;
import org.entraide.notify.Notification;
import org.entraide.notify.NotificationKind;
import org.entraide.profile.Enrolment;
import org.entraide.testing.Browser;
import org.entraide.testing.Courses;
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

/** Local meetups: demand, scheduling, answers within capacity and the waiting list, reminders, attendance, rights. */
@QuarkusTest
class MeetupTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final long PARIS_ID = 2988507L;

    @Inject
    MeetupService meetups;

    /** A course offering meetups; three Paris learners want them, one in Lyon too, and one Paris learner wants only tandems. */
    record Setting(TestCourse course, Browser organizer, List<Learner> paris, Learner lyon, Learner tandemOnly) {
    }

    static Setting setting() {
        TestCourse course = Groups.course("TANDEM,LOCAL_MEETUP", 3);
        Db.run(() -> Course.<Course>findById(course.id()).meetupMinSize = 3);
        List<Learner> paris = Groups.learners(course, "LOCAL_MEETUP", "Ada", "Bea", "Cyd");
        Learner lyon = Groups.learner(course, "Lou", "LOCAL_MEETUP");
        Learner tandemOnly = Groups.learner(course, "Tom", "TANDEM");
        Db.run(() -> {
            for (Learner learner : List.of(paris.get(0), paris.get(1), paris.get(2), lyon)) {
                Enrolment.find(course.id(), learner.personId()).orElseThrow().modalities = "IN_PERSON";
            }
            Enrolment inLyon = Enrolment.find(course.id(), lyon.personId()).orElseThrow();
            inLyon.placeId = 2996944L;
            inLyon.placeName = "Lyon, France";
            inLyon.latitude = 45.7485;
            inLyon.longitude = 4.8467;
        });
        Browser organizer = new Browser();
        String email = organizer.signUpNew("organizer");
        Courses.addStaff(course.team(), course.id(), email, "ORGANIZER", organizer);
        return new Setting(course, organizer, paris, lyon, tandemOnly);
    }

    private static Form meetup(String placeId, LocalDate date, String time, String capacity, String venue) {
        return Form.of("placeId", placeId, "date", date == null ? "" : date.toString(), "time", time, "minutes", "120",
                "capacity", capacity, "venue", venue, "address", "1 rue de Richelieu", "description", "Week 4, then coffee.");
    }

    static long schedule(Setting s, int capacity) {
        Response created = s.organizer().post("/courses/" + s.course().id() + "/manage/meetups",
                meetup(Long.toString(PARIS_ID), LocalDate.now(PARIS).plusDays(10), "18:30", Integer.toString(capacity), "BnF <Richelieu>"));
        assertEquals(303, created.statusCode(), created.asString());
        return Long.parseLong(Browser.locationPath(created).replace("/meetups/", ""));
    }

    @Test
    void organizerSeesDemandSchedulesAndLearnersNearbyAreTold() throws Exception {
        Setting s = setting();
        String manage = "/courses/" + s.course().id() + "/manage/meetups";

        String demand = s.organizer().get(manage).then().statusCode(200).extract().asString();
        assertThat(demand, containsString("<th scope=\"row\">Paris, France</th><td>3</td>"));
        assertThat(demand, containsString(manage + "/new?placeId=" + PARIS_ID));
        assertThat(demand, not(containsString("Ada")));
        assertThat(demand, containsString("<title id=\"demand-map-title\">Map of the place where learners could meet</title>"));
        assertThat(demand, containsString(">Paris</text>"));
        assertEquals(1, demand.split("<circle ", -1).length - 1, "one circle per place of demand");
        String form = s.organizer().get(manage + "/new?placeId=" + PARIS_ID).then().statusCode(200).extract().asString();
        assertThat(form, containsString("value=\"" + PARIS_ID + "\" checked"));
        assertThat(s.organizer().get(manage + "/new?q=Lyon").asString(), containsString("value=\"2996944\""));

        LocalDate date = LocalDate.now(PARIS).plusDays(10);
        Response created = s.organizer().post(manage, meetup(Long.toString(PARIS_ID), date, "18:30", "12", "BnF <Richelieu>"));

        assertEquals(303, created.statusCode(), created.asString());
        Meetup stored = Db.tx(() -> Meetup.<Meetup>find("course.id", s.course().id()).singleResult());
        assertEquals(ZonedDateTime.of(date, LocalTime.of(18, 30), PARIS).toInstant(), stored.startsAt, "the city's local time, in UTC");
        assertEquals("Europe/Paris", stored.timeZone);
        assertEquals(12, stored.capacity);
        String page = s.organizer().follow(created).asString();
        assertThat(page, containsString(Html.en("flash.meetup-scheduled")));
        assertThat(page, containsString("BnF &lt;Richelieu&gt;"));
        for (Learner learner : s.paris()) {
            assertEquals(1L, notices(learner, NotificationKind.MEETUP_SCHEDULED), learner.firstName() + " lives in Paris and wants meetups");
        }
        assertEquals(0L, notices(s.lyon(), NotificationKind.MEETUP_SCHEDULED), "Lyon is beyond Lou's 20 km");
        assertEquals(0L, notices(s.tandemOnly(), NotificationKind.MEETUP_SCHEDULED), "Tom did not choose meetups");

        String near = s.paris().get(0).browser().get("/courses/" + s.course().id() + "/meetups").asString();
        String nearList = near.substring(near.indexOf("id=\"near\""), near.indexOf("</section>", near.indexOf("id=\"near\"")));
        assertThat(nearList, containsString("/meetups/" + stored.id));
        assertThat("not \"0 km from your city\"", nearList, containsString("In your city · "));
        String far = s.lyon().browser().get("/courses/" + s.course().id() + "/meetups").asString();
        assertThat(far, containsString(Html.en("meetup.list.none-near")));
        assertThat(far.substring(far.indexOf("id=\"others\"")), containsString("/meetups/" + stored.id));
        assertThat(far, containsString("393 km from your city · "));
        assertThat(s.paris().get(0).browser().get("/courses/" + s.course().id()).asString(),
                containsString("href=\"/courses/" + s.course().id() + "/meetups\""));

        VEvent event = onlyEvent(s.paris().get(1).browser().get("/meetups/" + stored.id + "/calendar.ics").then().statusCode(200)
                .contentType(containsString("text/calendar")).extract().asString());
        assertEquals(utc(stored.startsAt), value(event, Property.DTSTART));
        assertEquals(utc(stored.startsAt.plus(Duration.ofHours(2))), value(event, Property.DTEND));
        assertEquals("BnF <Richelieu>, 1 rue de Richelieu", value(event, Property.LOCATION));
        assertEquals("CONFIRMED", value(event, Property.STATUS));
    }

    @Test
    void seatsThenTheWaitingListWhichMovesUpWhenSomeoneWithdraws() {
        Setting s = setting();
        long id = schedule(s, 2);
        Learner ada = s.paris().get(0);
        Learner bea = s.paris().get(1);
        Learner cyd = s.paris().get(2);
        String page = "/meetups/" + id;

        assertThat(ada.browser().follow(ada.browser().post(page + "/rsvp")).asString(), containsString(Html.en("flash.meetup-going")));
        assertEquals(303, bea.browser().post(page + "/rsvp").statusCode());
        String full = cyd.browser().get(page).asString();
        assertThat(full, containsString(Html.en("meetup.join-waitlist")));
        assertThat(cyd.browser().follow(cyd.browser().post(page + "/rsvp")).asString(), containsString(Html.en("flash.meetup-waitlisted")));
        assertThat(cyd.browser().get(page).asString(), containsString("You are number 1 on the waiting list"));
        assertEquals(303, ada.browser().post(page + "/rsvp").statusCode(), "answering twice changes nothing");
        assertEquals(MeetupRsvp.Status.GOING, status(id, ada));
        assertEquals(2L, (long) Db.tx(() -> MeetupRsvp.count(id, MeetupRsvp.Status.GOING)));

        assertEquals(303, ada.browser().post(page + "/rsvp/withdraw").statusCode());

        assertNull(status(id, ada));
        assertEquals(MeetupRsvp.Status.GOING, status(id, cyd), "the first on the waiting list takes the seat");
        assertEquals(1L, notices(cyd, NotificationKind.MEETUP_SEAT));
        assertThat(cyd.browser().get("/notifications").asString(), containsString("A seat freed up"));

        // the organizer sees who is coming; learners see only counts
        String staffView = s.organizer().get(page).asString();
        assertThat(staffView, containsString("Bea Example"));
        assertThat(staffView, containsString("Cyd Example"));
        assertThat(bea.browser().get(page).asString(), not(containsString("Cyd Example")));

        // leaving the course gives the seat up
        assertEquals(303, ada.browser().post(page + "/rsvp").statusCode());
        assertEquals(MeetupRsvp.Status.WAITLISTED, status(id, ada));
        assertEquals(303, bea.browser().post("/courses/" + s.course().id() + "/leave", "confirm", "yes").statusCode());
        assertNull(status(id, bea));
        assertEquals(MeetupRsvp.Status.GOING, status(id, ada));
    }

    @Test
    void remindedOnceTheDayBeforeAndAttendanceAfterTheStart() {
        Setting s = setting();
        long id = schedule(s, 5);
        Learner ada = s.paris().get(0);
        Learner bea = s.paris().get(1);
        assertEquals(303, ada.browser().post("/meetups/" + id + "/rsvp").statusCode());
        assertEquals(303, bea.browser().post("/meetups/" + id + "/rsvp").statusCode());

        Instant now = Instant.now();
        // other tests' meetups share the database: this test looks only at its own
        Db.tx(() -> meetups.remindDue(now));
        assertNull(Db.tx(() -> Meetup.<Meetup>findById(id).remindedAt), "ten days ahead: too early");
        Db.run(() -> Meetup.<Meetup>findById(id).startsAt = now.plus(Duration.ofHours(20)));
        Db.tx(() -> meetups.remindDue(now));
        Db.tx(() -> meetups.remindDue(now.plusSeconds(60)));
        assertNotNull(Db.tx(() -> Meetup.<Meetup>findById(id).remindedAt));
        assertEquals(1L, notices(ada, NotificationKind.MEETUP_REMINDER), "once");
        assertEquals(1L, notices(bea, NotificationKind.MEETUP_REMINDER));
        assertEquals(0L, notices(s.paris().get(2), NotificationKind.MEETUP_REMINDER), "Cyd did not answer");

        String early = s.organizer().post("/meetups/" + id + "/attendance", Form.of("attended", Long.toString(ada.personId())))
                .then().statusCode(400).extract().asString();
        assertThat(early, containsString("id=\"f-attended-error\">" + Html.en("error.meetup-not-started")));

        Db.run(() -> Meetup.<Meetup>findById(id).startsAt = now.minus(Duration.ofMinutes(30)));
        assertThat(s.organizer().get("/meetups/" + id).asString(), containsString("name=\"attended\" value=\"" + ada.personId() + "\""));
        assertEquals(400, s.organizer().post("/meetups/" + id + "/attendance",
                Form.of("attended", Long.toString(s.paris().get(2).personId()))).statusCode(), "Cyd had no seat");
        assertEquals(400, ada.browser().post("/meetups/" + id + "/rsvp/withdraw").statusCode(), "too late to withdraw");

        Response saved = s.organizer().post("/meetups/" + id + "/attendance", Form.of("attended", Long.toString(ada.personId())));

        assertEquals(303, saved.statusCode());
        assertEquals(Boolean.TRUE, Db.tx(() -> MeetupRsvp.of(id, ada.personId()).orElseThrow().attended));
        assertEquals(Boolean.FALSE, Db.tx(() -> MeetupRsvp.of(id, bea.personId()).orElseThrow().attended));
        assertThat(s.organizer().follow(saved).asString(), containsString("Ada Example · " + Html.en("meetup.came")));
        assertEquals(303, s.organizer().post("/meetups/" + id + "/cancel").statusCode());
        assertNull(Db.tx(() -> Meetup.<Meetup>findById(id).cancelledAt), "a meetup that has started is not cancelled");
    }

    @Test
    void cancelledMeetupsTellThoseWhoAnsweredAndCloseAnswers() throws Exception {
        Setting s = setting();
        long id = schedule(s, 5);
        Learner ada = s.paris().get(0);
        assertEquals(303, ada.browser().post("/meetups/" + id + "/rsvp").statusCode());

        Response cancelled = s.organizer().post("/meetups/" + id + "/cancel");

        assertEquals(303, cancelled.statusCode());
        assertThat(s.organizer().follow(cancelled).asString(), containsString(Html.en("meetup.is-cancelled")));
        assertEquals(1L, notices(ada, NotificationKind.MEETUP_CANCELLED));
        assertEquals(0L, notices(s.paris().get(1), NotificationKind.MEETUP_CANCELLED), "Bea had not answered");
        VEvent event = onlyEvent(ada.browser().get("/meetups/" + id + "/calendar.ics").asString());
        assertEquals("CANCELLED", value(event, Property.STATUS));
        assertEquals("1", value(event, Property.SEQUENCE));
        String refused = s.paris().get(1).browser().post("/meetups/" + id + "/rsvp").then().statusCode(400).extract().asString();
        assertThat(refused, containsString(Html.en("error.meetup-closed")));
        assertNull(status(id, s.paris().get(1)));
        assertEquals(303, s.organizer().post("/meetups/" + id + "/cancel").statusCode(), "twice is harmless");
        assertEquals(1L, notices(ada, NotificationKind.MEETUP_CANCELLED), "and tells nobody again");
    }

    @Test
    void theOrganizerChangesTimeAndSeatsThoseWhoAnsweredAreToldAndTheWaitingListMovesUp() throws Exception {
        Setting s = setting();
        long id = schedule(s, 2);
        for (Learner learner : s.paris()) {
            assertEquals(303, learner.browser().post("/meetups/" + id + "/rsvp").statusCode());
        }
        Learner cyd = s.paris().get(2);
        assertEquals(MeetupRsvp.Status.WAITLISTED, status(id, cyd));
        String form = s.organizer().get("/meetups/" + id + "/edit").then().statusCode(200).extract().asString();
        assertThat(form, containsString("value=\"18:30\""));
        assertThat(form, containsString("value=\"BnF &lt;Richelieu&gt;\""));
        LocalDate date = LocalDate.now(PARIS).plusDays(11);

        Response changed = s.organizer().post("/meetups/" + id + "/edit", Form.of("date", date.toString(), "time", "19:00",
                "minutes", "90", "capacity", "3", "venue", "BnF <Richelieu>", "address", "5 rue Vivienne", "description", ""));

        assertEquals(303, changed.statusCode(), changed.asString());
        assertThat(s.organizer().follow(changed).asString(), containsString(Html.en("flash.meetup-changed")));
        Meetup meetup = Db.tx(() -> Meetup.<Meetup>findById(id));
        assertEquals(ZonedDateTime.of(date, LocalTime.of(19, 0), PARIS).toInstant(), meetup.startsAt);
        assertEquals(3, meetup.capacity);
        assertEquals(1, meetup.sequence);
        assertEquals(MeetupRsvp.Status.GOING, status(id, cyd), "a new seat goes to the first waiting");
        assertEquals(1L, notices(cyd, NotificationKind.MEETUP_SEAT));
        assertEquals(1L, notices(s.paris().get(0), NotificationKind.MEETUP_CHANGED));
        VEvent event = onlyEvent(s.paris().get(0).browser().get("/meetups/" + id + "/calendar.ics").asString());
        assertEquals("1", value(event, Property.SEQUENCE));
        assertEquals(utc(meetup.startsAt), value(event, Property.DTSTART));

        String below = s.organizer().post("/meetups/" + id + "/edit", Form.of("date", date.toString(), "time", "19:00", "minutes", "90",
                "capacity", "2", "venue", "Elsewhere")).then().statusCode(400).extract().asString();
        assertThat(below, containsString("id=\"f-capacity-error\">Seats already taken: 3."));
        assertThat(below, containsString("value=\"Elsewhere\""));
        assertEquals("BnF <Richelieu>", Db.tx(() -> Meetup.<Meetup>findById(id).venue), "nothing changed");

        assertEquals(403, s.paris().get(0).browser().get("/meetups/" + id + "/edit").statusCode());
        assertEquals(303, s.organizer().post("/meetups/" + id + "/cancel").statusCode());
        assertEquals(409, s.organizer().get("/meetups/" + id + "/edit").statusCode(), "a cancelled meetup is not changed");
    }

    @Test
    void aRefusedMeetupKeepsWhatWasTypedAndStoresNothing() {
        Setting s = setting();
        String manage = "/courses/" + s.course().id() + "/manage/meetups";

        String noCity = s.organizer().post(manage, meetup("", LocalDate.now(PARIS).plusDays(3), "18:00", "10", "Kept <venue>"))
                .then().statusCode(400).extract().asString();
        assertThat(noCity, containsString("id=\"f-placeId-error\">" + Html.en("error.meetup-city")));
        assertThat(noCity, containsString("value=\"Kept &lt;venue&gt;\""));

        String wrong = s.organizer().post(manage, Form.of("placeId", "99999999999", "date", "31/12/2026", "time", "25:00",
                "minutes", "7", "capacity", "1", "venue", "", "address", "x".repeat(Meetup.ADDRESS_MAX + 1), "description", "a\u0007b"))
                .then().statusCode(400).extract().asString();
        assertThat(wrong, containsString("id=\"f-placeId-error\">" + Html.en("error.invalid-choice")));
        assertThat(wrong, containsString("id=\"f-date-error\">" + Html.en("error.date")));
        assertThat(wrong, containsString("id=\"f-time-error\">" + Html.en("error.time")));
        assertThat(wrong, containsString("id=\"f-minutes-error\">" + Html.en("error.invalid-choice")));
        assertThat(wrong, containsString("id=\"f-capacity-error\">" + Html.en("error.range")));
        assertThat(wrong, containsString("id=\"f-venue-error\">" + Html.en("error.required")));
        assertThat(wrong, containsString("id=\"f-address-error\">" + Html.en("error.too-long")));
        assertThat(wrong, containsString("id=\"f-description-error\">" + Html.en("error.control-characters")));

        String past = s.organizer().post(manage, meetup(Long.toString(PARIS_ID), LocalDate.now(PARIS).minusDays(1), "18:00", "10", "Library"))
                .then().statusCode(400).extract().asString();
        assertThat(past, containsString("id=\"f-date-error\">" + Html.en("error.session-past")));
        assertEquals(0L, (long) Db.tx(() -> Meetup.count("course.id", s.course().id())), "nothing stored");
        assertEquals(0L, notices(s.paris().get(0), NotificationKind.MEETUP_SCHEDULED));
    }

    @Test
    void learnersDoNotOrganizeStaffDoNotAnswerAndOutsidersFindNothing() {
        Setting s = setting();
        long id = schedule(s, 5);
        Learner ada = s.paris().get(0);
        String manage = "/courses/" + s.course().id() + "/manage/meetups";
        Browser outsider = new Browser();
        outsider.signUpNew("outsider");

        assertEquals(403, ada.browser().get(manage).statusCode());
        assertEquals(403, ada.browser().get(manage + "/new").statusCode());
        assertEquals(403, ada.browser().post(manage, meetup(Long.toString(PARIS_ID), LocalDate.now(PARIS).plusDays(3), "18:00", "5", "X"))
                .statusCode());
        assertEquals(403, ada.browser().post("/meetups/" + id + "/cancel").statusCode());
        assertEquals(403, ada.browser().post("/meetups/" + id + "/attendance").statusCode());
        assertEquals(403, s.organizer().post("/meetups/" + id + "/rsvp").statusCode(), "organizers without a learner profile do not answer");
        assertThat(s.organizer().get("/meetups/" + id).asString(), containsString(Html.en("meetup.staff-no-rsvp")));
        for (String path : List.of("/meetups/" + id, "/meetups/" + id + "/calendar.ics", manage, "/courses/" + s.course().id() + "/meetups")) {
            assertEquals(404, outsider.get(path).statusCode(), path);
        }
        assertEquals(404, outsider.post("/meetups/" + id + "/rsvp").statusCode());
        assertEquals(404, ada.browser().get("/meetups/999999999").statusCode());
        assertEquals(0L, (long) Db.tx(() -> MeetupRsvp.count("meetup.id", id)));
        assertFalse(Db.tx(() -> Meetup.<Meetup>findById(id).cancelled()));
        assertEquals(1L, (long) Db.tx(() -> Meetup.count("course.id", s.course().id())));
    }

    @Test
    void inTheDataExportAndAfterAccountDeletionTheSeatGoesOnAndTheMeetupStays() {
        Setting s = setting();
        long id = schedule(s, 2);
        Learner ada = s.paris().get(0);
        Learner cyd = s.paris().get(2);
        for (Learner learner : s.paris()) {
            assertEquals(303, learner.browser().post("/meetups/" + id + "/rsvp").statusCode());
        }
        io.restassured.path.json.JsonPath export = ada.browser().get("/account/export.json").jsonPath();
        assertEquals("GOING", export.getString("meetupAnswers[0].answer"));
        assertEquals("BnF <Richelieu>", export.getString("meetupAnswers[0].venue"));
        assertEquals("ORGANIZER", s.organizer().get("/account/export.json").jsonPath().getString("meetupsOrganized[0].answer"));

        assertEquals(303, ada.browser().post("/account/delete", Form.of("deletePassword", Browser.DEFAULT_PASSWORD, "confirm", "yes"))
                .statusCode());
        assertEquals(MeetupRsvp.Status.GOING, status(id, cyd), "Ada's seat went to Cyd");
        assertEquals(1L, notices(cyd, NotificationKind.MEETUP_SEAT));
        assertEquals(303, s.organizer().post("/account/delete", Form.of("deletePassword", Browser.DEFAULT_PASSWORD, "confirm", "yes"))
                .statusCode());
        Meetup kept = Db.tx(() -> Meetup.<Meetup>findById(id));
        assertNull(kept.organizer, "the meetup stays without its organizer");
        assertThat(cyd.browser().get("/meetups/" + id).asString(), containsString(Html.en("meetup.you-going")));
    }

    @Test
    void aLearnerWhoDeletesTheAccountDuringAMeetupStaysCountedAndTheOrganizerCarriesOn() {
        Setting s = setting();
        long id = schedule(s, 5);
        Learner ada = s.paris().get(0);
        Learner bea = s.paris().get(1);
        Learner cyd = s.paris().get(2);
        for (Learner learner : s.paris()) {
            assertEquals(303, learner.browser().post("/meetups/" + id + "/rsvp").statusCode());
        }
        Db.run(() -> Meetup.<Meetup>findById(id).startsAt = Instant.now().minus(Duration.ofMinutes(30)));
        assertEquals(303, s.organizer().post("/meetups/" + id + "/attendance",
                Form.of("attended", Long.toString(ada.personId()), "attended", Long.toString(bea.personId()))).statusCode());
        String dashboard = "/courses/" + s.course().id() + "/manage/dashboard";
        String cameTwo = Html.en("outcomes.meetups-came").replace("{0,number,integer}", "2");
        assertThat(s.course().team().get(dashboard).asString(), containsString(cameTwo));

        assertEquals(303, ada.browser().post("/account/delete", Form.of("deletePassword", Browser.DEFAULT_PASSWORD, "confirm", "yes"))
                .statusCode());

        assertEquals(1L, (long) Db.tx(() -> MeetupRsvp.count("meetup.id = ?1 and person is null and attended = true", id)),
                "Ada's answer stays, without her");
        assertThat("the count of who came does not change", s.course().team().get(dashboard).asString(), containsString(cameTwo));
        String page = s.organizer().get("/meetups/" + id).asString();
        assertThat(page, containsString(Html.en("meetup.account-deleted") + " · " + Html.en("meetup.came")));
        assertThat(page, not(containsString("Ada Example")));
        assertThat(page, containsString("name=\"attended\" value=\"" + bea.personId() + "\""));

        assertEquals(303, s.organizer().post("/meetups/" + id + "/messages", Form.of("message", "Room 2 upstairs")).statusCode());
        assertEquals(1L, notices(bea, NotificationKind.MEETUP_MESSAGE));
        assertEquals(1L, notices(cyd, NotificationKind.MEETUP_MESSAGE));
        assertEquals(303, s.organizer().post("/meetups/" + id + "/attendance", Form.of("attended", Long.toString(cyd.personId())))
                .statusCode());
        assertEquals(Boolean.FALSE, Db.tx(() -> MeetupRsvp.of(id, bea.personId()).orElseThrow().attended));
        assertEquals(Boolean.TRUE, Db.tx(() -> MeetupRsvp.of(id, cyd.personId()).orElseThrow().attended));
        assertEquals(1L, (long) Db.tx(() -> MeetupRsvp.count("meetup.id = ?1 and person is null and attended = true", id)),
                "what was recorded for Ada cannot be changed any more");
    }

    private static MeetupRsvp.Status status(long meetupId, Learner learner) {
        return Db.tx(() -> MeetupRsvp.of(meetupId, learner.personId()).map(r -> r.status).orElse(null));
    }

    private static long notices(Learner learner, NotificationKind kind) {
        return Db.tx(() -> Notification.count("person.id = ?1 and kind = ?2", learner.personId(), kind));
    }
}
