package org.entraide.course;

import static org.entraide.testing.Browser.locationPath;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.entraide.account.Person;
import org.entraide.notify.Notification;
import org.entraide.notify.NotificationKind;
import org.entraide.profile.Enrolment;
import org.entraide.testing.Browser;
import org.entraide.testing.Courses;
import org.entraide.testing.Db;
import org.entraide.testing.Form;
import org.entraide.testing.Html;
import org.entraide.web.Queries;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** "Run this course again": a new session with the same settings, rules and, if asked, staff; never the learners. */
@QuarkusTest
class CourseCopyTest {

    @Test
    void aNewSessionKeepsTheSettingsRulesAndStaffButNotTheLearners() {
        Browser team = new Browser();
        String teamEmail = team.signUpNew("copy-team");
        Browser coTeam = new Browser();
        String coTeamEmail = coTeam.signUpNew("copy-co-team");
        Browser organizer = new Browser();
        String organizerEmail = organizer.signUpNew("copy-organizer");
        Browser learner = new Browser();
        String learnerEmail = learner.signUpNew("copy-learner");
        long source = Courses.create(team, Courses.uniqueTitle("Statistics"));
        Courses.addStaff(team, source, coTeamEmail, "TEAM", coTeam);
        Courses.addStaff(team, source, organizerEmail, "ORGANIZER", organizer);
        assertEquals(303, team.post("/courses/" + source + "/manage/rules", Courses.validRules().set("weight-MOTIVES", "3")).statusCode());
        Courses.join(learner, source);
        Db.run(() -> Course.<Course>findById(source).importAllowed = true); // as a platform administrator allowed

        // the manage page links to the form, which starts from the course's settings without its dates
        assertThat(team.get("/courses/" + source + "/manage").asString(), containsString("/courses/" + source + "/manage/copy"));
        String form = team.get("/courses/" + source + "/manage/copy").asString();
        assertThat(form, containsString("value=\"" + Html.escape(Courses.course(source).title) + "\""));
        assertThat(form, not(containsString("2030-01-10")));
        assertThat(form, containsString("id=\"f-withStaff\" name=\"withStaff\" checked"));

        String title = Courses.uniqueTitle("Statistics, spring session");
        Response created = team.post("/courses/" + source + "/manage/copy",
                Courses.validForm(title).set("startDate", "2031-02-01").set("endDate", "2031-04-01").add("withStaff", "on"));
        assertEquals(303, created.statusCode());
        long copy = Long.parseLong(locationPath(created).replaceAll("^/courses/(\\d+)/manage$", "$1"));
        assertNotEquals(source, copy);
        assertThat(team.follow(created).asString(), containsString(Html.en("flash.course-copied")));

        Course original = Courses.course(source);
        Course session = Courses.course(copy);
        assertEquals(title, session.title);
        assertEquals("2031-02-01", session.startDate.toString());
        assertEquals("TANDEM,STUDY_GROUP", session.formats);
        assertNotEquals(original.inviteCode, session.inviteCode);
        assertThat(original.weights, containsString("MOTIVES:3"));
        assertEquals(original.weights, session.weights);
        assertEquals(14, session.maxWaitDays);
        assertEquals(4, session.meetupMinSize);
        assertEquals(original.rollingCadenceHours, session.rollingCadenceHours);
        assertTrue(session.importAllowed, "a new session of a course allowed to import, by its team");

        assertEquals(List.of("TEAM " + coTeamEmail, "ORGANIZER " + organizerEmail, "TEAM " + teamEmail).stream().sorted().toList(),
                Db.tx(() -> CourseRole.ofCourse(copy).stream().map(role -> role.role + " " + role.person.email).sorted().toList()));
        assertEquals(0, Db.tx(() -> Queries.count(Enrolment.class, "course.id = ?1", copy)));
        assertTrue(Db.tx(() -> Enrolment.find(source, personId(learnerEmail)).isPresent()), "the learner stays in the first session");
        // the co-member runs the new session; the learner does not see it until they join it
        assertEquals(200, coTeam.get("/courses/" + copy + "/manage").statusCode());
        assertEquals(404, learner.get("/courses/" + copy).statusCode());

        assertEquals(0, newSessionNotices(learnerEmail), "learners are told only when the team asks");

        // without the staff tick, only the person who copies is on the new session's team; with the learners' tick,
        // the first session's learner is told and joins the new one by the link in the notice
        assertThat(form, containsString("Tell this course&#39;s learner about the new session"));
        String aloneTitle = Courses.uniqueTitle("Statistics, alone");
        Response alone = team.post("/courses/" + source + "/manage/copy", Courses.validForm(aloneTitle)
                .add("tellLearners", "on"));
        assertEquals(303, alone.statusCode());
        long aloneId = Long.parseLong(locationPath(alone).replaceAll("^/courses/(\\d+)/manage$", "$1"));
        assertEquals(List.of("TEAM " + teamEmail),
                Db.tx(() -> CourseRole.ofCourse(aloneId).stream().map(role -> role.role + " " + role.person.email).toList()));
        assertEquals(1, newSessionNotices(learnerEmail));
        io.restassured.path.json.JsonPath export = team.get("/account/export.json").jsonPath();
        assertEquals(aloneId, export.getLong("courseAnnouncements.find { it.courseId == " + source + " }.newSessionId"),
                "the team member's data says which session their announcement opened");
        Notification notice = Db.tx(() -> Notification.<Notification>find("person.email = ?1 and kind = ?2", learnerEmail,
                NotificationKind.NEW_SESSION).firstResult());
        assertEquals("/join/" + Courses.inviteCode(aloneId), notice.link);
        assertThat(learner.get("/notifications").asString(), containsString("opened a new session"));
        assertThat("the first session's announcements tell it too, with the link", learner.get("/courses/" + source + "/announcements")
                .asString(), containsString("<a href=\"" + notice.link + "\">Join “" + aloneTitle + "”</a>"));
        assertEquals(303, learner.post(notice.link, new Form()).statusCode());
        assertTrue(Db.tx(() -> Enrolment.find(aloneId, personId(learnerEmail)).isPresent()), "joined the new session");
    }

    private static long newSessionNotices(String email) {
        return Db.tx(() -> Notification.count("person.email = ?1 and kind = ?2", email, NotificationKind.NEW_SESSION));
    }

    @Test
    void aRefusedCopyCreatesNothingAndOnlyTheTeamMayCopy() {
        Browser team = new Browser();
        team.signUpNew("copy-refused-team");
        Browser learner = new Browser();
        learner.signUpNew("copy-refused-learner");
        Browser stranger = new Browser();
        stranger.signUpNew("copy-stranger");
        long source = Courses.create(team, Courses.uniqueTitle("Geometry"));
        Courses.join(learner, source);
        long coursesBefore = Db.tx(() -> Queries.count(Course.class, "id > 0"));

        Response refused = team.post("/courses/" + source + "/manage/copy",
                Courses.validForm("").set("groupMin", "5").set("groupMax", "4").add("withStaff", "on"));
        assertEquals(400, refused.statusCode());
        String page = refused.asString();
        assertThat(page, containsString("id=\"f-title-error\""));
        assertThat(page, containsString("id=\"f-groupMax-error\""));
        assertThat(page, containsString("id=\"f-withStaff\" name=\"withStaff\" checked"));
        assertThat(page, containsString("value=\"FUN MOOC\""));

        assertEquals(403, learner.get("/courses/" + source + "/manage/copy").statusCode());
        assertEquals(403, learner.post("/courses/" + source + "/manage/copy", Courses.validForm("Mine now")).statusCode());
        assertEquals(404, stranger.get("/courses/" + source + "/manage/copy").statusCode());
        assertEquals(404, stranger.post("/courses/" + source + "/manage/copy", Courses.validForm("Mine now")).statusCode());
        assertEquals(coursesBefore, Db.tx(() -> Queries.count(Course.class, "id > 0")));

        assertEquals(303, team.post("/language", "lang", "fr", "back", "/courses/" + source + "/manage/copy").statusCode());
        String french = team.get("/courses/" + source + "/manage/copy").asString();
        assertThat(french, containsString(Html.fr("copy.lead")));
    }

    private static long personId(String email) {
        return Db.tx(() -> Person.findByEmail(email).orElseThrow().id);
    }
}
