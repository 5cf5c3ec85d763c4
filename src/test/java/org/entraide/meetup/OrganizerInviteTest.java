package org.entraide.meetup;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.entraide.course.CourseRole;
import org.entraide.meetup.MeetupTest.Setting;
import org.entraide.notify.Notification;
import org.entraide.notify.NotificationKind;
import org.entraide.profile.Enrolment;
import org.entraide.testing.Db;
import org.entraide.testing.Groups.Learner;
import org.entraide.testing.Html;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** Learners who offered to help organise meetups are asked by an organizer, once, and become organizers if they accept. */
@QuarkusTest
class OrganizerInviteTest {

    private static final String PARIS_ID = "2988507";

    @Test
    void volunteersAroundAPlaceAreAskedOnceAndThoseWhoAcceptOrganize() {
        Setting s = MeetupTest.setting();
        Learner ada = s.paris().get(0);
        Learner bea = s.paris().get(1);
        long courseId = s.course().id();
        Db.run(() -> {
            for (Learner volunteer : new Learner[] {ada, bea, s.lyon()}) {
                Enrolment.find(courseId, volunteer.personId()).orElseThrow().canOrganiseMeetup = true;
            }
        });
        String manage = "/courses/" + courseId + "/manage/meetups";
        String page = s.organizer().get(manage).then().statusCode(200).extract().asString().replaceAll("\\s+", " ");
        assertThat("Ada and Bea of the three in Paris offered", page, containsString("<td>2<form"));
        String organize = "/courses/" + courseId + "/organize";
        assertEquals(404, ada.browser().get(organize).statusCode(), "nobody asked Ada yet");

        Response asked = s.organizer().post(manage + "/volunteers", "placeId", PARIS_ID);

        assertEquals(303, asked.statusCode(), asked.asString());
        assertThat(asked.header("Location"), containsString("flash=volunteers-asked"));
        assertEquals(1, notices(ada, NotificationKind.ORGANIZER_INVITED));
        assertEquals(1, notices(bea, NotificationKind.ORGANIZER_INVITED));
        assertEquals(0, notices(s.lyon(), NotificationKind.ORGANIZER_INVITED), "Lou lives in Lyon, not around Paris");
        assertEquals(0, notices(s.paris().get(2), NotificationKind.ORGANIZER_INVITED), "Cyd did not offer");
        assertThat("asked once", s.organizer().post(manage + "/volunteers", "placeId", PARIS_ID).header("Location"),
                containsString("flash=volunteers-none"));
        assertEquals(1, notices(ada, NotificationKind.ORGANIZER_INVITED));

        String invitation = ada.browser().get(organize).then().statusCode(200).extract().asString();
        assertThat(invitation, containsString("asks whether you would help organize some around Paris"));
        assertEquals(403, ada.browser().get(manage).statusCode(), "not an organizer before answering");
        assertEquals(400, ada.browser().post(organize, "answer", "maybe").statusCode());
        assertEquals(400, ada.browser().post(organize).statusCode(), "no answer at all");

        Response yes = ada.browser().post(organize, "answer", "yes");
        assertEquals(303, yes.statusCode());
        assertThat(yes.header("Location"), containsString(manage + "?flash=organizer-accepted"));
        assertTrue(Db.tx(() -> CourseRole.has(courseId, ada.personId(), CourseRole.Kind.ORGANIZER)));
        assertEquals(200, ada.browser().get(manage).statusCode(), "Ada organizes now");
        assertEquals(1, Db.tx(() -> Notification.count("kind = ?1 and actor.id = ?2", NotificationKind.ORGANIZER_ACCEPTED, ada.personId())),
                "the organizer who asked is told");
        assertEquals(400, ada.browser().post(organize, "answer", "no").statusCode(), "answered once");
        assertThat(ada.browser().get(organize).asString(), containsString(Html.en("organize.accepted")));

        assertEquals(303, bea.browser().post(organize, "answer", "no").statusCode());
        assertFalse(Db.tx(() -> CourseRole.has(courseId, bea.personId(), CourseRole.Kind.ORGANIZER)));
        assertEquals(403, bea.browser().get(manage).statusCode());
        assertThat(bea.browser().get(organize).asString(), containsString(Html.en("organize.declined")));
        assertEquals("false", bea.browser().get("/account/export.json").jsonPath().getString("organizerInvites[0].accepted"),
                "the invitation and the answer are in Bea's data");

        assertEquals(403, bea.browser().post(manage + "/volunteers", "placeId", PARIS_ID).statusCode(), "learners cannot ask");
        assertEquals(400, s.organizer().post(manage + "/volunteers", "placeId", "<b>Paris</b>").statusCode());
    }

    @Test
    void anOrganizerStopsOrganizingOnceConfirmedTheirMeetupStaysAndTheTeamIsTold() {
        Setting s = MeetupTest.setting();
        long courseId = s.course().id();
        String manage = "/courses/" + courseId + "/manage/meetups";
        long meetupId = MeetupTest.schedule(s, 5);
        long organizerId = Db.tx(() -> Meetup.<Meetup>findById(meetupId).organizer.id);
        assertThat(s.organizer().get(manage).asString(), containsString("id=\"stop-organizing\""));
        assertThat("the course team leaves on its settings page", s.course().team().get(manage).asString(),
                not(containsString("id=\"stop-organizing\"")));

        Response unconfirmed = s.organizer().post(manage + "/stop");
        assertEquals(400, unconfirmed.statusCode());
        assertThat(unconfirmed.asString(), containsString("id=\"f-confirm-error\""));
        assertThat(unconfirmed.asString(), containsString(Html.en("error.confirm-stop-organizing")));
        assertTrue(Db.tx(() -> CourseRole.has(courseId, organizerId, CourseRole.Kind.ORGANIZER)), "nothing changed");
        assertEquals(403, s.course().team().post(manage + "/stop", "confirm", "yes").statusCode(), "the team does not organize");
        assertEquals(403, s.paris().get(0).browser().post(manage + "/stop", "confirm", "yes").statusCode(), "learners do not organize");

        Response stopped = s.organizer().post(manage + "/stop", "confirm", "yes");
        assertEquals(303, stopped.statusCode());
        assertThat(stopped.header("Location"), containsString("/courses?flash=organizer-stopped"));
        assertThat(s.organizer().follow(stopped).asString(), containsString(Html.en("flash.organizer-stopped")));
        assertFalse(Db.tx(() -> CourseRole.has(courseId, organizerId, CourseRole.Kind.ORGANIZER)));
        assertEquals(404, s.organizer().get(manage).statusCode(), "no longer part of the course");
        assertEquals(1, Db.tx(() -> Notification.count("kind = ?1 and actor.id = ?2", NotificationKind.ORGANIZER_STOPPED, organizerId)),
                "the course team is told");
        String teamNotices = s.course().team().get("/notifications").asString();
        assertThat(teamNotices, containsString("no longer organizes meetups for"));
        assertEquals(200, s.course().team().get("/meetups/" + meetupId + "/edit").statusCode(), "the meetup stays, for the team to run");
        assertThat(s.paris().get(0).browser().get("/meetups/" + meetupId).asString(), not(containsString(Html.en("meetup.is-cancelled"))));
    }

    private static long notices(Learner learner, NotificationKind kind) {
        return Db.tx(() -> Notification.count("person.id = ?1 and kind = ?2", learner.personId(), kind));
    }
}
