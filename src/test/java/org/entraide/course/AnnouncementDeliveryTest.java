package org.entraide.course;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.List;

import jakarta.inject.Inject;

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

    private static long newSessionNotices(long personId) {
        return Db.tx(() -> Notification.count("person.id = ?1 and kind = ?2", personId, NotificationKind.NEW_SESSION));
    }

    private static long notices(long personId) {
        return Db.tx(() -> Notification.count("person.id = ?1 and kind = ?2", personId, NotificationKind.COURSE_ANNOUNCEMENT));
    }
}
