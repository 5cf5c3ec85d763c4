package org.entraide.web;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Instant;

import jakarta.inject.Inject;

import org.entraide.course.AnnouncementRecipient;
import org.entraide.course.AnnouncementService;
import org.entraide.course.Course;
import org.entraide.course.CourseAnnouncement;
import org.entraide.meetup.Meetup;
import org.entraide.profile.Enrolment;
import org.entraide.testing.Browser;
import org.entraide.testing.Db;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The demo data of the first start: a course with generated learners, a demo learner matched to a meetup near them, and
 * a course that ended with its learners' answers.
 */
@QuarkusTest
class DemoDataTest {

    @Inject
    DemoData demo;

    @Inject
    AnnouncementService announcements;

    @Test
    void theDemoLearnerSignsInAndFindsTheParisMeetupNearThem() {
        demo.create();
        demo.create(); // at every start: the second time changes nothing
        long courseId = Db.tx(() -> Course.<Course>find("title", DemoData.COURSE_TITLE).singleResult().id);
        assertEquals((long) DemoData.LEARNERS, (long) Db.tx(() -> Enrolment.count("course.id", courseId)));
        Meetup meetup = Db.tx(() -> Meetup.<Meetup>find("course.id", courseId).singleResult());
        assertEquals("Europe/Paris", meetup.timeZone);

        String introduction = Db.tx(() -> Enrolment.<Enrolment>find("course.id = ?1 and person.email = ?2", courseId, DemoData.LEARNER_EMAIL)
                .singleResult().introduction);
        assertThat("the demo learner lives in Paris and says so", introduction, containsString(" Paris, "));
        Browser learner = new Browser();
        assertEquals(303, learner.logIn(DemoData.LEARNER_EMAIL, DemoData.PASSWORD).statusCode());
        String meetups = learner.get("/courses/" + courseId + "/meetups").then().statusCode(200).extract().asString();
        String near = meetups.substring(meetups.indexOf("id=\"near\""));
        assertThat(near.substring(0, near.indexOf("</section>")), containsString("href=\"/meetups/" + meetup.id + "\""));
        String meetupPage = learner.get("/meetups/" + meetup.id).asString();
        assertThat(meetupPage, containsString(" of 15 seats taken"));
        assertThat("the organizer's message shows", meetupPage, containsString("the group room on the second floor"));

        Browser team = new Browser();
        assertEquals(303, team.logIn(DemoData.TEAM_EMAIL, DemoData.PASSWORD).statusCode());
        String organize = team.get("/courses/" + courseId + "/manage/meetups").then().statusCode(200).extract().asString();
        assertThat(organize, containsString("/manage/meetups/new?placeId="));
        assertThat("learners around Paris offered to help organise", organize,
                containsString("action=\"/courses/" + courseId + "/manage/meetups/volunteers\""));

        // the team's welcome announcement reached the demo learner
        assertThat(learner.get("/courses/" + courseId).asString(), containsString("href=\"/courses/" + courseId + "/announcements\""));
        assertThat(learner.get("/courses/" + courseId + "/announcements").asString(), containsString("Finish your Entraide profile before Sunday"));
        // it went to everyone at once: the delivery job finds nothing of it left to send (it used to fail on it at every turn)
        CourseAnnouncement welcome = Db.tx(() -> CourseAnnouncement.<CourseAnnouncement>find("course.id", courseId).singleResult());
        assertNotNull(welcome.deliveredAt);
        for (int turn = 0; turn < 100 && announcements.deliverNextBatch(Instant.now()); turn++) {
            // other tests' announcements still being sent go out too
        }
        assertEquals((long) DemoData.LEARNERS, (long) Db.tx(() -> AnnouncementRecipient.count("announcement.id", welcome.id)));

        // the course that ended: the learner is asked how it went, the team reads the counts of the generated answers
        long pastId = Db.tx(() -> Course.<Course>find("title", DemoData.PAST_COURSE_TITLE).singleResult().id);
        assertThat(learner.get("/courses/" + pastId).asString(), containsString("How did the course go?"));
        String outcomes = team.get("/courses/" + pastId + "/manage/dashboard").then().statusCode(200).extract().asString();
        assertThat(outcomes, containsString((DemoData.PAST_LEARNERS - 1) + " of the " + DemoData.PAST_LEARNERS
                + " learners with a complete profile answered"));
        assertThat(outcomes.replaceAll("\\s+", " "), containsString("<th scope=\"row\">In a tandem or group</th> <td>" + DemoData.PAST_GROUPS * 4
                + "</td>"));
    }
}
