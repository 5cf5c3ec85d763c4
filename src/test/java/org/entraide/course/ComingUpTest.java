package org.entraide.course;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;

import org.entraide.meetup.Meetup;
import org.entraide.testing.Db;
import org.entraide.testing.Form;
import org.entraide.testing.Groups;
import org.entraide.testing.Groups.Learner;
import org.entraide.testing.Groups.TestCourse;
import org.entraide.testing.Html;
import org.entraide.testing.Meetups;
import org.entraide.workspace.StudySession;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The courses page at a glance: "Coming up" (one's sessions and meetups of the next two weeks, the soonest first) and,
 * on each course, a proposal waiting for one's answer.
 */
@QuarkusTest
class ComingUpTest {

    @Test
    void sessionsAndMeetupsOfTheNextTwoWeeksTheSoonestFirst() {
        TestCourse course = Groups.course("TANDEM,LOCAL_MEETUP", 3);
        List<Learner> pair = Groups.learners(course, "TANDEM", "Ana", "Ben");
        long groupId = Groups.formGroup(course, "TANDEM", pair);
        Learner ana = pair.get(0);
        Learner ben = pair.get(1);
        topic(Groups.session(groupId, ana.personId(), 3), "Soon <chapter 2>");
        topic(Groups.session(groupId, ana.personId(), 20), "Too far ahead");
        long called = Groups.session(groupId, ana.personId(), 2);
        topic(called, "Called off");
        Db.run(() -> StudySession.<StudySession>findById(called).cancelledAt = Instant.now());
        Groups.Tandem others = Groups.tandem("Cyd", "Dan");
        topic(Groups.session(others.groupId(), others.first().personId(), 1), "Not Ben's group");

        long teamId = Db.tx(() -> CourseRole.<CourseRole>find("course.id = ?1 and role = ?2", course.id(), CourseRole.Kind.TEAM)
                .firstResult().person.id);
        long going = Meetups.meetup(course.id(), teamId, 5);
        long full = Meetups.meetup(course.id(), teamId, 6);
        Db.run(() -> Meetup.<Meetup>findById(full).capacity = 1);
        assertEquals(303, ben.browser().post("/meetups/" + going + "/rsvp").statusCode());
        assertEquals(303, ana.browser().post("/meetups/" + full + "/rsvp").statusCode());
        assertEquals(303, ben.browser().post("/meetups/" + full + "/rsvp").statusCode());

        String page = ben.browser().get("/courses").then().statusCode(200).extract().asString();

        assertThat(page, containsString("<h2>" + Html.en("courses.coming-up") + "</h2>"));
        int session = page.indexOf("Soon &lt;chapter 2&gt;");
        int seat = page.indexOf("href=\"/meetups/" + going + "\"");
        int waiting = page.indexOf("href=\"/meetups/" + full + "\"");
        assertThat("the session in 3 days", session, greaterThan(0));
        assertThat("then the meetup in 5 days", seat, greaterThan(session));
        assertThat("then the one in 6 days", waiting, greaterThan(seat));
        assertThat(page.substring(waiting), containsString(Html.en("courses.coming-up-waiting")));
        assertThat(page.substring(seat, waiting), not(containsString(Html.en("courses.coming-up-waiting"))));
        assertThat(page, containsString("href=\"/groups/" + groupId + "#session-"));
        assertThat(page, containsString("(Europe/Paris)"));
        assertThat(page, not(containsString("Too far ahead")));
        assertThat(page, not(containsString("Called off")));
        assertThat(page, not(containsString("Not Ben")));
        assertThat("above the courses", page.indexOf("id=\"coming-up\""), lessThan(page.indexOf(Html.en("courses.as-learner"))));

        String organizer = course.team().get("/courses").asString();
        assertThat("the organizer sees the meetups they organize", organizer, containsString("href=\"/meetups/" + going + "\""));
        assertThat(organizer, containsString("href=\"/meetups/" + full + "\""));
        assertThat(organizer, not(containsString("Soon &lt;chapter 2&gt;")));
    }

    @Test
    void nothingComingUpShowsNoSectionAndTheSectionIsInFrench() {
        Groups.Tandem t = Groups.tandem("Eve", "Fox");
        assertThat(t.second().browser().get("/courses").asString(), not(containsString("id=\"coming-up\"")));

        Groups.session(t.groupId(), t.first().personId(), 4);
        t.second().browser().post("/account", Form.of("displayName", "Fox Example", "language", "fr"));
        String page = t.second().browser().get("/courses").asString();
        assertThat(page, containsString("<h2>" + Html.fr("courses.coming-up") + "</h2>"));
        assertThat(page, containsString("Séance de travail"));
    }

    @Test
    void aCourseWhereAProposalWaitsForAnAnswerSaysSo() {
        TestCourse course = Groups.course("TANDEM", 3);
        List<Learner> pair = Groups.learners(course, "TANDEM", "Gus", "Hal");
        String matches = "href=\"/courses/" + course.id() + "/matches\"";
        String waiting = pair.get(0).browser().get("/courses").asString();
        assertThat(waiting, containsString(Html.en("enrolment.status.WAITING")));
        assertThat(waiting, not(containsString(matches)));

        long proposalId = Groups.publishedProposal(course, "TANDEM", pair.get(0));

        String toAnswer = pair.get(0).browser().get("/courses").asString();
        assertThat(toAnswer, containsString(matches + ">A proposal waits for your answer</a>"));
        assertThat(toAnswer, not(containsString(Html.en("enrolment.status.WAITING"))));
        assertEquals(303, pair.get(0).browser().post("/courses/" + course.id() + "/matches/" + proposalId + "/accept").statusCode());
        assertThat("accepted: waiting for the other", pair.get(0).browser().get("/courses").asString(),
                containsString(matches + ">" + Html.en("courses.proposal-accepted") + "</a>"));
        assertThat("the other one has still to answer", pair.get(1).browser().get("/courses").asString(),
                containsString(matches + ">A proposal waits for your answer</a>"));
        assertEquals(303, pair.get(1).browser().post("/courses/" + course.id() + "/matches/" + proposalId + "/accept").statusCode());
        String together = pair.get(0).browser().get("/courses").asString();
        assertThat("everyone accepted: the tandem exists", together, containsString(Html.en("enrolment.status.MATCHED")));
        assertThat(together, not(containsString(matches)));
    }

    private static void topic(long sessionId, String topic) {
        Db.run(() -> StudySession.<StudySession>findById(sessionId).topic = topic);
    }
}
