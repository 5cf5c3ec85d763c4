package org.entraide.course;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.inject.Inject;

import org.entraide.account.Person;
import org.entraide.notify.Notification;
import org.entraide.notify.NotificationKind;
import org.entraide.testing.BatchesOfTwo;
import org.entraide.testing.Courses;
import org.entraide.testing.Db;
import org.entraide.testing.Groups;
import org.entraide.testing.Groups.Learner;
import org.entraide.testing.Groups.TestCourse;
import org.entraide.web.Deliveries;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * An announcement to more learners than a batch: the request reaches the first batch, the background job the others,
 * each exactly once, reading the audience as it goes. Batches of two here stand for production's 500.
 */
@QuarkusTest
@TestProfile(BatchesOfTwo.class)
class AnnouncementDeliveryTest {

    @Inject
    Deliveries delivery;

    @Test
    void theRequestReachesTheFirstBatchAndTheJobTheOthersOnceEach() {
        TestCourse course = Groups.course("TANDEM", 3);
        Learner ana = Groups.learner(course, "Ana", "TANDEM");
        List<Long> stored = Groups.storedLearners(course, "TANDEM", 3);
        Learner eve = Groups.learner(course, "Eve", "TANDEM");
        String manage = "/courses/" + course.id() + "/manage/announcements";

        Response sent = course.team().post(manage, "audience", "WAITING", "body", "Matching runs on Monday.");

        assertEquals(303, sent.statusCode(), sent.asString());
        assertThat(sent.header("Location"), containsString("flash=announcement-sending"));
        assertEquals(1, notices(ana.personId()), "the first batch is reached at once");
        assertEquals(1, notices(stored.get(0)));
        assertEquals(0, notices(stored.get(1)), "the others wait for the job");
        assertThat(course.team().get(manage).asString(), containsString("Learners waiting for partners: being sent, 2 learners so far"));

        assertEquals(303, eve.browser().post("/courses/" + course.id() + "/leave", "confirm", "yes").statusCode());
        Learner fay = Groups.learner(course, "Fay", "TANDEM");
        delivery.tick();

        for (long learner : List.of(ana.personId(), stored.get(0), stored.get(1), stored.get(2), fay.personId())) {
            assertEquals(1, notices(learner), "each learner is reached once: " + learner);
        }
        assertEquals(0, notices(eve.personId()), "Eve left before her batch");
        CourseAnnouncement announcement = Db.tx(() -> CourseAnnouncement.<CourseAnnouncement>find("course.id", course.id()).singleResult());
        assertEquals(5, announcement.recipients);
        assertNotNull(announcement.deliveredAt);
        assertEquals(5L, Db.tx(() -> AnnouncementRecipient.count("announcement.id", announcement.id)));
        assertThat(course.team().get(manage).asString(), containsString("Learners waiting for partners: 5 learners"));
        assertThat("Fay joined while it was being sent and reads it",
                fay.browser().get("/courses/" + course.id() + "/announcements").asString(), containsString("Matching runs on Monday."));

        delivery.tick();
        assertEquals(1, notices(fay.personId()), "a delivered announcement is not sent again");
    }

    @Test
    void aNewSessionIsToldToALargeCourseInBatchesToo() {
        TestCourse course = Groups.course("TANDEM", 3);
        List<Long> stored = Groups.storedLearners(course, "TANDEM", 3);

        Response copied = course.team().post("/courses/" + course.id() + "/manage/copy",
                Courses.validForm(Courses.uniqueTitle("Second session")).add("tellLearners", "on"));

        assertEquals(303, copied.statusCode(), copied.asString());
        assertEquals(List.of(1L, 1L, 0L), stored.stream().map(AnnouncementDeliveryTest::newSessionNotices).toList());
        delivery.tick();
        assertEquals(List.of(1L, 1L, 1L), stored.stream().map(AnnouncementDeliveryTest::newSessionNotices).toList());
        CourseAnnouncement told = Db.tx(() -> CourseAnnouncement.<CourseAnnouncement>find("course.id", course.id()).singleResult());
        assertEquals(3, told.recipients);
        assertNotNull(told.deliveredAt);
    }

    @Test
    void anAudienceNoLargerThanABatchIsReachedByTheRequestAlone() {
        TestCourse course = Groups.course("TANDEM", 3);
        Learner ana = Groups.learner(course, "Ana", "TANDEM");
        String manage = "/courses/" + course.id() + "/manage/announcements";

        Response sent = course.team().post(manage, "audience", "ALL", "body", "Welcome!");

        assertThat(sent.header("Location"), containsString("flash=announcement-sent"));
        assertEquals(1, notices(ana.personId()));
        CourseAnnouncement announcement = Db.tx(() -> CourseAnnouncement.<CourseAnnouncement>find("course.id", course.id()).singleResult());
        assertNotNull(announcement.deliveredAt, "nothing is left for the job");
    }

    @Test
    void anAnnouncementWhoseBatchFailsIsTriedLaterStopsAfterSixFailuresAndHoldsBackNoOther() {
        TestCourse course = Groups.course("TANDEM", 3);
        List<Long> stored = Groups.storedLearners(course, "TANDEM", 4);
        String manage = "/courses/" + course.id() + "/manage/announcements";
        assertEquals(303, course.team().post(manage, "audience", "ALL", "body", "First: the forum opens.").statusCode());
        CourseAnnouncement blocked = Db.tx(() -> CourseAnnouncement.<CourseAnnouncement>find("course.id", course.id()).singleResult());
        // the third learner already has a receipt of it (as the demo data's welcome once did): its next batch fails
        long receipt = Db.tx(() -> {
            AnnouncementRecipient recipient = new AnnouncementRecipient();
            recipient.announcement = CourseAnnouncement.findById(blocked.id);
            recipient.person = Person.findById(stored.get(2));
            recipient.persist();
            return recipient.id;
        });
        assertEquals(303, course.team().post(manage, "audience", "ALL", "body", "Second: matching on Monday.").statusCode());
        long later = Db.tx(() -> CourseAnnouncement.<CourseAnnouncement>find("course.id = ?1 and id <> ?2", course.id(), blocked.id)
                .singleResult().id);
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS); // as the database keeps it

        deliverAllDue(start);

        CourseAnnouncement failedOnce = Db.tx(() -> CourseAnnouncement.findById(blocked.id));
        assertEquals(1, failedOnce.deliveryFailures.inARow);
        assertEquals(start.plus(Duration.ofMinutes(1)), failedOnce.deliveryFailures.retryAt);
        assertEquals(2, failedOnce.recipients, "the failed batch was rolled back");
        assertNotNull(Db.tx(() -> CourseAnnouncement.<CourseAnnouncement>findById(later).deliveredAt), "the later announcement went out");
        assertEquals(List.of(2L, 2L, 2L, 1L), stored.stream().map(AnnouncementDeliveryTest::received).toList(),
                "everyone has the later one; the first reached the first two learners (and the third has its planted receipt)");

        deliverAllDue(start.plusSeconds(59));
        assertEquals(1, Db.tx(() -> CourseAnnouncement.<CourseAnnouncement>findById(blocked.id)).deliveryFailures.inARow,
                "not tried again before its time");
        // tried again 1, 2, 4, 8 and 16 minutes after each failure: the sixth failure stops it
        for (int minutes : List.of(1, 3, 7, 15, 31)) {
            deliverAllDue(start.plus(Duration.ofMinutes(minutes)));
        }
        CourseAnnouncement stopped = Db.tx(() -> CourseAnnouncement.findById(blocked.id));
        assertEquals(6, stopped.deliveryFailures.inARow);
        assertEquals(start.plus(Duration.ofMinutes(31)), stopped.deliveryFailures.stoppedAt);
        assertNull(stopped.deliveredAt);
        deliverAllDue(start.plus(Duration.ofDays(1)));
        assertEquals(6, Db.tx(() -> CourseAnnouncement.<CourseAnnouncement>findById(blocked.id)).deliveryFailures.inARow, "a stopped one waits");

        long teamId = Db.tx(() -> CourseAnnouncement.<CourseAnnouncement>findById(blocked.id).author.id);
        List<Notification> told = Db.tx(() -> Notification.list("person.id = ?1 and kind = ?2", teamId, NotificationKind.ANNOUNCEMENT_STOPPED));
        assertEquals(1, told.size(), "the author is told once, when it stops");
        assertEquals(manage + "#announcement-" + blocked.id, told.get(0).link);
        assertThat(course.team().get("/notifications").asString(), containsString("Sending your announcement to the learners of"));
        String page = course.team().get(manage).asString();
        assertThat(page, containsString("Every learner of the course: sending stopped after repeated errors, 2 learners reached."));
        String tryAgain = "/courses/" + course.id() + "/manage/announcements/" + blocked.id + "/try-again";
        assertThat(page, containsString("action=\"" + tryAgain + "\""));
        assertThat(course.team().acceptLanguage("fr").get(manage).asString(),
                containsString("envoi arrêté après des erreurs répétées, 2 personnes atteintes"));
        course.team().acceptLanguage("en");

        Db.run(() -> AnnouncementRecipient.deleteById(receipt)); // what stopped it is mended
        Response retried = course.team().post(tryAgain);
        assertEquals(303, retried.statusCode(), retried.asString());
        assertThat(retried.header("Location"), containsString("flash=announcement-retrying"));
        deliverAllDue(start.plus(Duration.ofDays(1)));

        CourseAnnouncement delivered = Db.tx(() -> CourseAnnouncement.findById(blocked.id));
        assertNotNull(delivered.deliveredAt);
        assertEquals(4, delivered.recipients);
        assertEquals(0, delivered.deliveryFailures.inARow);
        assertEquals(List.of(2L, 2L, 2L, 2L), stored.stream().map(AnnouncementDeliveryTest::received).toList());
        assertThat(course.team().get(manage).asString(), containsString("Every learner of the course: 4 learners"));
    }

    @Test
    void anotherCoursesTeamCannotTryAnAnnouncementAgain() {
        TestCourse course = Groups.course("TANDEM", 3);
        TestCourse other = Groups.course("TANDEM", 3);
        Groups.learner(course, "Ana", "TANDEM");
        assertEquals(303, course.team().post("/courses/" + course.id() + "/manage/announcements", "audience", "ALL", "body", "Hello").statusCode());
        long id = Db.tx(() -> CourseAnnouncement.<CourseAnnouncement>find("course.id", course.id()).singleResult().id);

        assertEquals(404, other.team().post("/courses/" + course.id() + "/manage/announcements/" + id + "/try-again").statusCode());
        assertEquals(404, other.team().post("/courses/" + other.id() + "/manage/announcements/" + id + "/try-again").statusCode(),
                "an announcement of another course is not found through one's own");
    }

    @Inject
    AnnouncementService announcements;

    private void deliverAllDue(Instant now) {
        for (int turn = 0; turn < 200 && announcements.deliverNextBatch(now); turn++) {
            // other tests' announcements still being sent go out too
        }
    }

    private static long received(long personId) {
        return Db.tx(() -> AnnouncementRecipient.count("person.id", personId));
    }

    private static long newSessionNotices(long personId) {
        return Db.tx(() -> Notification.count("person.id = ?1 and kind = ?2", personId, NotificationKind.NEW_SESSION));
    }

    private static long notices(long personId) {
        return Db.tx(() -> Notification.count("person.id = ?1 and kind = ?2", personId, NotificationKind.COURSE_ANNOUNCEMENT));
    }
}
