package org.entraide.profile;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;

import jakarta.inject.Inject;

import org.entraide.account.Person;
import org.entraide.course.Course;
import org.entraide.group.GroupMember;
import org.entraide.group.LearningGroup;
import org.entraide.notify.Notification;
import org.entraide.notify.NotificationKind;
import org.entraide.testing.Db;
import org.entraide.testing.Groups;
import org.entraide.testing.Groups.Learner;
import org.entraide.testing.Groups.TestCourse;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** "How did the course go?": the learner's answer at the end of a course, the notice asking it, the team's counts. */
@QuarkusTest
class WrapUpTest {

    private static final String QUESTION = "How did the course go?";

    @Inject
    WrapUpService wrapUps;

    @Test
    void theQuestionOpensInTheLastWeekAndTheAnswerIsTheLearnersToChange() {
        TestCourse course = Groups.course("TANDEM", 3);
        Learner ana = Groups.learner(course, "Ana", "TANDEM");
        String coursePage = "/courses/" + course.id();
        endsInDays(course, 30);

        assertThat(ana.browser().get(coursePage).asString(), not(containsString(QUESTION)));
        Response early = ana.browser().post(coursePage + "/wrap-up", "courseResult", "FINISHED", "partnersHelped", "A_LOT");
        assertEquals(400, early.statusCode());
        assertNull(enrolment(course, ana).courseResult, "nothing saved before the question opens");

        assertThat(ana.browser().get("/courses").asString(), not(containsString("tell us how it went")));
        endsInDays(course, 3);
        assertThat(ana.browser().get(coursePage).asString(), containsString(QUESTION));
        assertThat("My courses points to the question", ana.browser().get("/courses").asString(),
                containsString("<a href=\"" + coursePage + "#wrap-up\">The course is ending: tell us how it went</a>"));
        Response empty = ana.browser().post(coursePage + "/wrap-up", "courseResult", "", "partnersHelped", "A_LOT");
        assertEquals(400, empty.statusCode());
        assertThat(empty.asString(), containsString("<p class=\"error\" id=\"f-courseResult-error\">"));
        assertThat(empty.asString(), containsString("value=\"A_LOT\" checked"));
        Response unknown = ana.browser().post(coursePage + "/wrap-up", "courseResult", "FINISHED", "partnersHelped", "<b>HUGE</b>");
        assertEquals(400, unknown.statusCode());
        assertThat(unknown.asString(), containsString("Please choose one of the options."));
        assertNull(enrolment(course, ana).courseResult, "a refused answer saves neither half");

        Response saved = ana.browser().post(coursePage + "/wrap-up", "courseResult", "FINISHED", "partnersHelped", "A_LOT");
        assertEquals(303, saved.statusCode());
        assertEquals(coursePage + "?flash=wrap-up-saved#wrap-up", saved.getHeader("Location").replaceFirst("^https?://[^/]+", ""));
        assertEquals(CourseResult.FINISHED, enrolment(course, ana).courseResult);
        assertEquals(PartnersHelped.A_LOT, enrolment(course, ana).partnersHelped);
        String after = ana.browser().get(coursePage).asString();
        assertThat(after, containsString("value=\"FINISHED\" checked"));
        assertThat(after, containsString("Change my answer"));
        assertThat("answered: My courses no longer asks", ana.browser().get("/courses").asString(), not(containsString("tell us how it went")));

        assertEquals(303, ana.browser().post(coursePage + "/wrap-up", "courseResult", "STILL_GOING", "partnersHelped", "A_LITTLE")
                .statusCode());
        assertEquals(CourseResult.STILL_GOING, enrolment(course, ana).courseResult);
        assertEquals(PartnersHelped.A_LITTLE, enrolment(course, ana).partnersHelped);
        io.restassured.path.json.JsonPath export = ana.browser().get("/account/export.json").jsonPath();
        assertEquals("STILL_GOING", export.getString("courseProfiles[0].courseResult"), "the answer is in the learner's data");
        assertEquals("A_LITTLE", export.getString("courseProfiles[0].partnersHelped"));

        assertEquals(303, ana.browser().post("/language", "lang", "fr", "back", coursePage).statusCode());
        assertThat(ana.browser().get(coursePage).asString(), containsString("Comment s’est passé le cours ?"));
    }

    @Test
    void aWaitingLearnerOfACourseThatEndedIsToldNoPartnerComesAnyMore() {
        TestCourse course = Groups.course("TANDEM", 3);
        Learner ana = Groups.learner(course, "Ana", "TANDEM");
        String coursePage = "/courses/" + course.id();
        String ended = "This course has ended: Entraide proposes no new partners for it.";
        endsInDays(course, 0);
        String lastDay = ana.browser().get(coursePage).asString();
        assertThat("its last day is not over", lastDay, not(containsString(ended)));
        assertThat(lastDay, containsString("action=\"" + coursePage + "/pause\""));
        assertThat(lastDay, containsString("The course is ending. Two questions"));
        assertThat(ana.browser().get("/courses").asString(), not(containsString("Ended on")));

        endsInDays(course, -1);

        String page = ana.browser().get(coursePage).asString();
        assertThat(page, containsString(ended));
        assertThat("nothing to pause", page, not(containsString("action=\"" + coursePage + "/pause\"")));
        assertThat(page, containsString("The course has ended. Two questions"));
        assertThat(ana.browser().get("/courses").asString(),
                containsString("<a href=\"" + coursePage + "#wrap-up\">The course has ended: tell us how it went</a>"));
        assertThat(ana.browser().get("/courses").asString(), containsString(ended));
        LocalDate endDate = LocalDate.now(ZoneOffset.UTC).minusDays(1);
        String endedOn = "Ended on " + DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(Locale.ENGLISH).format(endDate);
        assertThat("My courses says when, to the learner and to the team", ana.browser().get("/courses").asString(), containsString(endedOn));
        assertThat(course.team().get("/courses").asString(), containsString(endedOn));
        assertThat(ana.browser().acceptLanguage("fr").get("/courses").asString(), containsString("Terminé le "));
        assertThat(ana.browser().acceptLanguage("fr").get(coursePage).asString(),
                containsString("Ce cours est terminé : Entraide n&#39;y propose plus de nouveaux partenaires."));
    }

    @Test
    void aCourseWithoutEndDateAsksSixWeeksAfterJoining() {
        TestCourse course = Groups.course("TANDEM", 3);
        Learner ana = Groups.learner(course, "Ana", "TANDEM");
        assertThat(ana.browser().get("/courses/" + course.id()).asString(), not(containsString(QUESTION)));

        Db.run(() -> Enrolment.find(course.id(), ana.personId()).orElseThrow().joinedAt = Instant.now().minus(Duration.ofDays(43)));
        assertThat(ana.browser().get("/courses/" + course.id()).asString(), containsString(QUESTION));
    }

    @Test
    void theNoticeAsksOnceOnTheEndDateThoseWhoHaveNotAnswered() {
        TestCourse course = Groups.course("TANDEM", 3);
        List<Long> learners = Groups.storedLearners(course, "TANDEM", 3);
        long asked = learners.get(0);
        long answered = learners.get(1);
        long draft = learners.get(2);
        TestCourse longOver = Groups.course("TANDEM", 3);
        long tooLate = Groups.storedLearners(longOver, "TANDEM", 1).get(0);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Db.run(() -> {
            Course.<Course>findById(course.id()).endDate = today;
            Course.<Course>findById(longOver.id()).endDate = today.minusDays(40);
            Enrolment done = Enrolment.find(course.id(), answered).orElseThrow();
            done.courseResult = CourseResult.STOPPED;
            done.partnersHelped = PartnersHelped.NO_PARTNERS;
            done.wrapUpAnsweredAt = Instant.now();
            Enrolment.find(course.id(), draft).orElseThrow().profileComplete = false;
        });

        wrapUps.askDue(Instant.now());
        wrapUps.askDue(Instant.now());

        assertEquals(1, notices(asked), "asked once, however often the job runs");
        assertEquals(0, notices(answered), "already answered");
        assertEquals(0, notices(draft), "never completed a profile");
        assertEquals(0, notices(tooLate), "the course ended more than a month ago");
        Notification notice = Db.tx(() -> Notification.<Notification>find("person.id = ?1 and kind = ?2", asked, NotificationKind.WRAP_UP_ASKED)
                .firstResult());
        assertEquals("/courses/" + course.id() + "#wrap-up", notice.link);
    }

    @Test
    void theTeamSeesCountsOnlyFromFiveAnswersAndNeverWhoGaveWhich() {
        TestCourse course = Groups.course("STUDY_GROUP", 3);
        List<Long> inGroup = Groups.storedLearners(course, "STUDY_GROUP", 6);
        List<Long> alone = Groups.storedLearners(course, "STUDY_GROUP", 3);
        Db.run(() -> {
            LearningGroup group = new LearningGroup();
            group.course = Course.findById(course.id());
            group.format = Format.STUDY_GROUP;
            group.status = LearningGroup.Status.ACTIVE;
            group.createdAt = Instant.now();
            group.lastActivityAt = group.createdAt;
            group.persist();
            for (long id : inGroup) {
                GroupMember member = new GroupMember();
                member.group = group;
                member.person = Person.findById(id);
                member.joinedAt = Instant.now();
                member.persist();
            }
        });
        answer(course, inGroup.subList(0, 2), CourseResult.FINISHED, PartnersHelped.A_LOT);
        answer(course, inGroup.subList(2, 4), CourseResult.STOPPED, PartnersHelped.NOT_REALLY);
        String dashboard = "/courses/" + course.id() + "/manage/dashboard";

        String fewAnswers = course.team().get(dashboard).then().statusCode(200).extract().asString();
        assertThat(fewAnswers, containsString("4 of the 9 learners with a complete profile answered"));
        assertThat(fewAnswers, containsString("Counts are shown from 5 answers on"));

        answer(course, inGroup.subList(4, 6), CourseResult.FINISHED, PartnersHelped.A_LITTLE);
        answer(course, alone.subList(0, 3), CourseResult.STOPPED, PartnersHelped.NO_PARTNERS);
        String page = course.team().get(dashboard).then().statusCode(200).extract().asString();

        assertThat(page, containsString("9 of the 9 learners with a complete profile answered"));
        assertThat(page.replaceAll("\\s+", " "), containsString("<th scope=\"row\">In a tandem or group</th> <td>6</td><td>4 (67 %)</td> <td>0</td><td>2</td>"));
        assertThat(page, containsString("Fewer than 5 answers: not shown"));
        // how much it helped, among those in a group only: the three others' answers stay theirs
        assertThat(page, containsString("A lot: 2"));
        assertThat(page, containsString("A little: 2"));
        assertThat(page, containsString("Not really: 2"));
        assertThat(page, containsString("I did not study with anyone here: 0"));
        assertThat(page, not(containsString("Stored0")));

        // with fewer than five of them in groups, not even how much it helped shows
        answer(course, inGroup.subList(0, 2), null, null);
        String fewInGroups = course.team().get(dashboard).then().statusCode(200).extract().asString();
        assertThat(fewInGroups, not(containsString("A lot:")));
    }

    private static void endsInDays(TestCourse course, int days) {
        Db.run(() -> Course.<Course>findById(course.id()).endDate = LocalDate.now(ZoneOffset.UTC).plusDays(days));
    }

    private static Enrolment enrolment(TestCourse course, Learner learner) {
        return Db.tx(() -> Enrolment.find(course.id(), learner.personId()).orElseThrow());
    }

    /** Stores the learners' answer as the form would, or takes it back (null). */
    private static void answer(TestCourse course, List<Long> learners, CourseResult result, PartnersHelped helped) {
        Db.run(() -> {
            for (long id : learners) {
                Enrolment enrolment = Enrolment.find(course.id(), id).orElseThrow();
                enrolment.courseResult = result;
                enrolment.partnersHelped = helped;
                enrolment.wrapUpAnsweredAt = result == null ? null : Instant.now();
            }
        });
    }

    private static long notices(long personId) {
        return Db.tx(() -> Notification.count("person.id = ?1 and kind = ?2", personId, NotificationKind.WRAP_UP_ASKED));
    }
}
