package org.entraide.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.entraide.course.Course;
import org.entraide.course.CourseAnnouncement;
import org.entraide.notify.MailOutbox;
import org.entraide.testing.Db;
import org.entraide.testing.Groups;
import org.entraide.testing.Groups.TestCourse;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/** Operators read on /q/metrics how much mail and how many deliveries to many learners wait, retry or stopped. */
@QuarkusTest
class BacklogsTest {

    @Inject
    Backlogs backlogs;

    @Test
    void theGaugesCountMailAndDeliveriesByState() {
        TestCourse course = Groups.course("TANDEM", 3); // its team's sign-up mails them
        Map<String, Double> before = gauges();
        Instant now = Instant.now();
        announcement(course, null, null);
        announcement(course, now.plus(Duration.ofMinutes(4)), null);
        announcement(course, null, now);
        Db.run(() -> {
            mail(MailOutbox.Status.FAILED);
            mail(MailOutbox.Status.PENDING);
            mail(MailOutbox.Status.SENT);
        });

        backlogs.count();

        Map<String, Double> after = gauges();
        assertEquals(1.0, after.get("announcement/sending") - before.get("announcement/sending"));
        assertEquals(1.0, after.get("announcement/retrying") - before.get("announcement/retrying"));
        assertEquals(1.0, after.get("announcement/stopped") - before.get("announcement/stopped"));
        assertEquals(0.0, after.get("proposal_notices/stopped") - before.get("proposal_notices/stopped"));
        assertEquals(1.0, after.get("mail/pending") - before.get("mail/pending"));
        assertEquals(1.0, after.get("mail/failed") - before.get("mail/failed"));
    }

    /** An announcement of the course still being sent, whose failures wait until {@code retryAt} or stopped it. */
    private static void announcement(TestCourse course, Instant retryAt, Instant stoppedAt) {
        Db.run(() -> {
            CourseAnnouncement announcement = new CourseAnnouncement();
            announcement.course = Course.findById(course.id());
            announcement.audience = CourseAnnouncement.Audience.ALL;
            announcement.body = "Backlog";
            announcement.createdAt = Instant.now();
            announcement.deliveryFailures.inARow = retryAt == null && stoppedAt == null ? 0 : 3;
            announcement.deliveryFailures.retryAt = retryAt;
            announcement.deliveryFailures.stoppedAt = stoppedAt;
            announcement.persist();
        });
    }

    private static void mail(MailOutbox.Status status) {
        MailOutbox mail = new MailOutbox();
        mail.recipient = "backlog@example.org";
        mail.subject = "Backlog";
        mail.body = "Backlog";
        mail.status = status;
        mail.nextAttemptAt = Instant.now().plus(Duration.ofDays(1)); // the outbox job is off in tests anyway
        mail.createdAt = Instant.now();
        mail.persist();
    }

    /** The gauges as the Prometheus endpoint prints them, by "kind/state" and "mail/status". */
    private Map<String, Double> gauges() {
        backlogs.count();
        String metrics = RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
        Map<String, Double> values = new java.util.HashMap<>();
        Matcher deliveries = Pattern.compile("(?m)^entraide_deliveries\\{kind=\"(\\w+)\",state=\"(\\w+)\",?\\} (\\S+)$").matcher(metrics);
        while (deliveries.find()) {
            values.put(deliveries.group(1) + "/" + deliveries.group(2), Double.parseDouble(deliveries.group(3)));
        }
        Matcher mail = Pattern.compile("(?m)^entraide_mail_outbox\\{status=\"(\\w+)\",?\\} (\\S+)$").matcher(metrics);
        while (mail.find()) {
            values.put("mail/" + mail.group(1), Double.parseDouble(mail.group(2)));
        }
        assertEquals(8, values.size(), metrics);
        return values;
    }
}
