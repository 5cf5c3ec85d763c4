package org.entraide.dashboard;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import org.entraide.course.Course;
import org.entraide.course.CourseRole;
import org.entraide.group.GroupMember;
import org.entraide.group.LearningGroup;
import org.entraide.meetup.Meetup;
import org.entraide.profile.Enrolment;
import org.entraide.profile.Format;
import org.entraide.testing.Browser;
import org.entraide.testing.Courses;
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

/** The course team's outcomes page, on a course whose history the test sets up. */
@QuarkusTest
class OutcomesPageTest {

    @Test
    void theTeamSeesTheFunnelTheTimeToPartnersTheAnswersAndHowLongGroupsLast() {
        TestCourse course = Groups.course("TANDEM,STUDY_GROUP", 3);
        Learner ana = Groups.learner(course, "Ana", "TANDEM");
        Learner ben = Groups.learner(course, "Ben", "TANDEM");
        long tandemId = Groups.formGroup(course, "TANDEM", List.of(ana, ben));
        Learner cy = Groups.learner(course, "Cy", "TANDEM");
        Groups.learner(course, "Dee", "TANDEM");
        long declined = Groups.publishedProposal(course, "TANDEM", cy);
        cy.browser().post("/courses/" + course.id() + "/matches/" + declined + "/decline").then().statusCode(303);
        Groups.learner(course, "Eve", "TANDEM");
        Learner fay = Groups.learner(course, "Fay", "TANDEM");
        fay.browser().post("/courses/" + course.id() + "/pause", new Form()).then().statusCode(303);
        Browser gil = new Browser(); // joined, profile not complete
        gil.signUpNew("gil");
        Courses.join(gil, course.id());
        Db.run(() -> {
            Instant now = Instant.now();
            // Ana joined the course three days before her tandem formed, Ben ten hours before
            for (GroupMember member : GroupMember.<GroupMember>list("group.id", tandemId)) {
                Enrolment enrolment = Enrolment.find(course.id(), member.person.id).orElseThrow();
                Duration before = member.person.id.equals(ana.personId()) ? Duration.ofHours(72) : Duration.ofHours(10);
                enrolment.joinedAt = member.joinedAt.minus(before).minusSeconds(60);
            }
            LearningGroup tandem = LearningGroup.findById(tandemId);
            tandem.createdAt = now.minus(Duration.ofDays(22));
            LearningGroup ended = new LearningGroup();
            ended.course = Course.findById(course.id());
            ended.format = Format.STUDY_GROUP;
            ended.status = LearningGroup.Status.DISSOLVED;
            ended.createdAt = now.minus(Duration.ofDays(36));
            ended.dissolvedAt = ended.createdAt.plus(Duration.ofHours(17 * 24 + 12));
            ended.lastActivityAt = ended.dissolvedAt;
            ended.persist();
        });

        String page = course.team().get("/courses/" + course.id() + "/manage/dashboard").then().statusCode(200).extract().asString();

        assertThat(page, containsString("Joined the course: 7"));
        assertThat(page, containsString("Profile complete: 6"));
        assertThat(page, containsString("Matched at least once: 2 (33 % of complete profiles)"));
        assertThat(page, containsString("Waiting for partners now: 3"));
        assertThat(page, containsString("Paused: 1"));
        assertThat(page, containsString("were in a group within 10 hours of joining the course"));
        // of two learners, "nine in ten" would be the longer wait: the page says "all"
        assertThat(page, containsString("All of them within 3 days."));
        assertThat(page, not(containsString("Nine in ten")));
        assertThat(page, containsString("Proposals sent: 2"));
        assertThat(page, containsString("Accepted by everyone: 1 (50 % of those answered or expired)"));
        assertThat(page, containsString("Declined: 1"));
        assertThat(page, containsString("Formed: 2"));
        assertThat(page, containsString(Html.en("format.TANDEM") + ": 1"));
        assertThat(page, containsString(Html.en("format.STUDY_GROUP") + ": 1"));
        assertThat(page, containsString("Together now: 1"));
        assertThat(page, containsString("Ended: 1"));
        assertThat(page, containsString("Measured on the 2 learners matched since joining."));
        // weeks 1-2: both together; week 3: the study group had ended; weeks 4-5: only it is that old; week 6: none
        assertThat(page, containsString("<th scope=\"row\">2 weeks</th><td>2</td>\n  <td>2 (100 %)"));
        assertThat(page, containsString("<th scope=\"row\">3 weeks</th><td>2</td>\n  <td>1 (50 %)"));
        assertThat(page, containsString("<th scope=\"row\">5 weeks</th><td>1</td>\n  <td>0 (0 %)"));
        assertThat(page, not(containsString("6 weeks")));

        String french = course.team().acceptLanguage("fr").get("/courses/" + course.id() + "/manage/dashboard").asString();
        assertThat(french, containsString("Inscrits au cours : 7"));
        assertThat(french, containsString("au plus 10 heures après leur inscription"));
        assertThat(french, containsString("Tous au plus 3 jours après."));
        assertThat(french, containsString("Ensemble aujourd&#39;hui : 1"));
        assertThat(french, containsString(Html.fr("format.TANDEM") + " : 1"));

        Db.run(() -> Course.<Course>findById(course.id()).endDate = LocalDate.now(ZoneOffset.UTC).minusDays(1));
        assertThat("once the course ended, nobody waits for anything any more",
                course.team().acceptLanguage("en").get("/courses/" + course.id() + "/manage/dashboard").asString(),
                containsString("Still waiting for partners when the course ended: 3"));
    }

    @Test
    void theTeamSeesHowActiveGroupsAreAndHowMeetupsGoInCountsOnly() {
        TestCourse course = Groups.course("TANDEM,LOCAL_MEETUP", 3);
        Learner ana = Groups.learner(course, "Ana", "TANDEM");
        Learner ben = Groups.learner(course, "Ben", "TANDEM");
        long tandemId = Groups.formGroup(course, "TANDEM", List.of(ana, ben));
        String group = "/groups/" + tandemId;
        Groups.session(tandemId, ana.personId(), 3);
        Groups.session(tandemId, ana.personId(), 10);
        long heldSession = Groups.session(tandemId, ana.personId(), 2);
        long oldSession = Groups.session(tandemId, ana.personId(), 2);
        long calledOff = Groups.session(tandemId, ana.personId(), 2);
        Groups.post(tandemId, ben.personId(), "A private <message> the team never reads");
        long task = Groups.task(tandemId, ana.personId(), "Quiz 1");
        ben.browser().post(group + "/tasks/" + task + "/toggle").then().statusCode(303);
        ana.browser().post(group + "/checkins", Form.of("progress", "STUCK", "help", "Private words")).then().statusCode(303);
        ben.browser().post(group + "/checkins", Form.of("progress", "ON_TRACK")).then().statusCode(303);
        long teamId = Db.tx(() -> CourseRole.<CourseRole>find("course.id", course.id())
                .firstResult().person.id);
        long held = Meetups.meetup(course.id(), teamId, 3);
        Meetups.meetup(course.id(), teamId, 9);
        ana.browser().post("/meetups/" + held + "/rsvp").then().statusCode(303);
        ben.browser().post("/meetups/" + held + "/rsvp").then().statusCode(303);
        Db.run(() -> {
            // held five days ago; one held forty days ago is out of the four weeks; a cancelled one was not held
            StudySession.<StudySession>findById(heldSession).startsAt = Instant.now().minus(Duration.ofDays(5));
            StudySession.<StudySession>findById(oldSession).startsAt = Instant.now().minus(Duration.ofDays(40));
            StudySession cancelled = StudySession.findById(calledOff);
            cancelled.startsAt = Instant.now().minus(Duration.ofDays(6));
            cancelled.cancelledAt = Instant.now().minus(Duration.ofDays(7));
            Meetup.<Meetup>findById(held).startsAt = Instant.now().minus(Duration.ofHours(3));
        });
        course.team().post("/meetups/" + held + "/attendance", Form.of("attended", Long.toString(ana.personId()))).then().statusCode(303);

        String page = course.team().get("/courses/" + course.id() + "/manage/dashboard").then().statusCode(200).extract().asString();

        assertThat(page, containsString("Study sessions held: 1"));
        assertThat(page, containsString("Study sessions planned ahead: 2"));
        assertThat(page, containsString("Messages written: 1"));
        assertThat(page, containsString("Tasks done: 1"));
        assertThat(page, containsString("Check-ins this week, on track: 1"));
        assertThat(page, containsString("Check-ins this week, a bit behind: 0"));
        assertThat(page, containsString("Check-ins this week, stuck: 1"));
        assertThat(page, containsString("Held: 1"));
        assertThat(page, containsString("To come: 1"));
        assertThat(page, containsString("Seats taken at meetups held, came: 1"));
        assertThat(page, containsString("… did not come: 1"));
        assertThat(page, not(containsString("private")));
        assertThat(page, not(containsString("Private words")));
    }

    @Test
    void withOneLearnerMatchedThePageSaysSoInOneSentence() {
        TestCourse course = Groups.course("TANDEM", 3);
        Learner ana = Groups.learner(course, "Ana", "TANDEM");
        Learner ben = Groups.learner(course, "Ben", "TANDEM");
        long tandemId = Groups.formGroup(course, "TANDEM", List.of(ana, ben));
        Db.run(() -> {
            // Ana joined two days before the tandem formed; Ben joined the course again after it, so his wait is not counted
            for (GroupMember member : GroupMember.<GroupMember>list("group.id", tandemId)) {
                Enrolment enrolment = Enrolment.find(course.id(), member.person.id).orElseThrow();
                enrolment.joinedAt = member.person.id.equals(ana.personId()) ? member.joinedAt.minus(Duration.ofHours(48))
                        : member.joinedAt.plus(Duration.ofHours(1));
            }
        });

        String page = course.team().get("/courses/" + course.id() + "/manage/dashboard").then().statusCode(200).extract().asString();
        String french = course.team().acceptLanguage("fr").get("/courses/" + course.id() + "/manage/dashboard").asString();

        assertThat(page, containsString("One learner has been matched since joining the course: they were in a group within 2 days of joining."));
        assertThat(page, not(containsString("Half of the matched learners")));
        assertThat(page, not(containsString("All of them")));
        assertThat(french, containsString("Un seul apprenant a été mis en relation depuis son inscription au cours : il était dans un groupe au plus 2 jours après."));
    }

    @Test
    void aNewCourseSaysThereIsNothingToMeasureYetAndLearnersCannotSeeThePage() {
        TestCourse course = Groups.course("TANDEM", 3);
        Learner ivy = Groups.learner(course, "Ivy", "TANDEM");

        String page = course.team().get("/courses/" + course.id() + "/manage/dashboard").then().statusCode(200).extract().asString();

        assertThat(page, containsString(Html.en("outcomes.time-none")));
        assertThat(page, containsString(Html.en("outcomes.persistence-none")));
        assertThat(page, containsString("Matched at least once: 0 (0 % of complete profiles)"));
        assertEquals(403, ivy.browser().get("/courses/" + course.id() + "/manage/dashboard").statusCode());
        assertThat(course.team().get("/courses/" + course.id() + "/manage").asString(),
                containsString("href=\"/courses/" + course.id() + "/manage/dashboard\""));
    }
}
