package org.entraide.profile;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.inject.Inject;

import org.entraide.account.Person;
import org.entraide.course.Course;
import org.entraide.notify.MailOutbox;
import org.entraide.notify.Notification;
import org.entraide.notify.NotificationKind;
import org.entraide.testing.Browser;
import org.entraide.testing.Courses;
import org.entraide.testing.Db;
import org.entraide.testing.Groups;
import org.entraide.testing.Groups.TestCourse;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** "Finish your profile": one reminder to learners who joined and stopped before the end of the profile. */
@QuarkusTest
class UnfinishedProfileReminderTest {

    @Inject
    EnrolmentService enrolments;

    @Test
    void aLearnerWhoStoppedTwoDaysAgoIsRemindedOnceAndSentBackToTheStepLeft() {
        TestCourse course = Groups.course("TANDEM", 3);
        Browser ana = new Browser();
        String email = Browser.uniqueEmail("ana");
        assertEquals(303, ana.signUp(email, "Ana Example", Browser.DEFAULT_PASSWORD).statusCode());
        assertEquals(303, ana.post("/join/" + Courses.inviteCode(course.id())).statusCode());
        long anaId = Db.tx(() -> Person.findByEmail(email).orElseThrow().id);
        String manage = "/courses/" + course.id() + "/manage";
        assertThat(course.team().get(manage).asString(), containsString("They are reminded once, two days after their last answer."));

        lastSaved(course, anaId, Duration.ofDays(1));
        enrolments.remindUnfinished(Instant.now());
        assertEquals(0, notices(anaId), "a day after the last answer is too early");

        lastSaved(course, anaId, Duration.ofDays(3));
        enrolments.remindUnfinished(Instant.now());
        enrolments.remindUnfinished(Instant.now());

        assertEquals(1, notices(anaId), "reminded once, however often the job runs");
        Notification notice = Db.tx(() -> Notification.<Notification>find("person.id = ?1 and kind = ?2", anaId,
                NotificationKind.PROFILE_UNFINISHED).singleResult());
        String profile = "/courses/" + course.id() + "/profile";
        assertEquals(profile, notice.link);
        MailOutbox mail = Db.tx(() -> MailOutbox.<MailOutbox>find("recipient = ?1 and subject like ?2", email, "Finish your profile for%")
                .singleResult());
        assertThat(mail.body, containsString("partners are only proposed to learners whose profile is complete"));
        Response resume = ana.get(profile);
        assertEquals(303, resume.statusCode());
        assertEquals(profile + "/where", Browser.locationPath(resume), "the link opens the first step still to answer");
        assertThat(ana.get("/notifications").asString(), containsString("but your profile is not finished yet"));

        String outcomes = "/courses/" + course.id() + "/manage/dashboard";
        assertThat("the team sees the reminders' effect", course.team().get(outcomes).asString(),
                containsString("Reminded to finish their profile: 1, of whom 0 have finished it since"));
        Db.run(() -> Groups.completeProfile(Enrolment.find(course.id(), anaId).orElseThrow(), "Ana", "TANDEM", Groups.evenings()));
        assertThat(course.team().get(outcomes).asString(), containsString("Reminded to finish their profile: 1, of whom 1 have finished it since"));
    }

    @Test
    void neitherCompleteNorLongGoneNorEndedCoursesNorFreshDraftsAreReminded() {
        TestCourse course = Groups.course("TANDEM", 3);
        List<Long> learners = Groups.storedLearners(course, "TANDEM", 4);
        long stopped = learners.get(0);
        long complete = learners.get(1);
        long longGone = learners.get(2);
        long french = learners.get(3);
        TestCourse ended = Groups.course("TANDEM", 3);
        long inEndedCourse = Groups.storedLearners(ended, "TANDEM", 1).get(0);
        Db.run(() -> {
            Course.<Course>findById(ended.id()).endDate = LocalDate.now(ZoneOffset.UTC).minusDays(1);
            Person.<Person>findById(french).preferredLanguage = "fr";
        });
        unfinished(course, stopped, Duration.ofDays(3));
        unfinished(course, french, Duration.ofDays(3));
        lastSaved(course, complete, Duration.ofDays(3));
        unfinished(course, longGone, Duration.ofDays(20));
        unfinished(ended, inEndedCourse, Duration.ofDays(3));

        assertEquals(2, enrolments.remindUnfinished(Instant.now()));

        assertEquals(1, notices(stopped));
        assertEquals(0, notices(complete), "a complete profile is matched already");
        assertEquals(0, notices(longGone), "stopped three weeks ago: not written to when the reminder is deployed");
        assertEquals(0, notices(inEndedCourse), "the course is over");
        String frenchMail = Db.tx(() -> MailOutbox.<MailOutbox>find("recipient = (select email from Person where id = ?1)", french)
                .singleResult().subject);
        assertThat("in the learner's language", frenchMail, containsString("Terminez votre profil pour"));
        assertThat(frenchMail, not(containsString("Finish")));
    }

    /** Makes the learner's profile a draft last saved {@code ago}. */
    private static void unfinished(TestCourse course, long personId, Duration ago) {
        Db.run(() -> {
            Enrolment enrolment = Enrolment.find(course.id(), personId).orElseThrow();
            enrolment.profileComplete = false;
            enrolment.status = Enrolment.Status.DRAFT;
        });
        lastSaved(course, personId, ago);
    }

    private static void lastSaved(TestCourse course, long personId, Duration ago) {
        Db.run(() -> {
            Enrolment enrolment = Enrolment.find(course.id(), personId).orElseThrow();
            enrolment.joinedAt = Instant.now().minus(ago);
            enrolment.updatedAt = enrolment.joinedAt;
        });
    }

    private static long notices(long personId) {
        return Db.tx(() -> Notification.count("person.id = ?1 and kind = ?2", personId, NotificationKind.PROFILE_UNFINISHED));
    }
}
