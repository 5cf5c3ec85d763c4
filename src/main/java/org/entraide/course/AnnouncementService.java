package org.entraide.course;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;

import org.entraide.account.AccountExport;
import org.entraide.account.Person;
import org.entraide.notify.NotificationKind;
import org.entraide.notify.NotificationService;
import org.entraide.profile.Enrolment;
import org.entraide.profile.EnumSets;
import org.entraide.profile.LeavingCourse;
import org.entraide.web.DeliveryFailures;
import org.entraide.web.EntraideConfig;
import org.entraide.web.FormErrors;
import org.entraide.web.RowLocks;
import org.entraide.web.Texts;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Parameters;

/**
 * The course team's announcements (Canvas and Open edX have them too): to every learner of the course, or to those
 * waiting for partners, those whose profile is unfinished, or those in a tandem or group. Each recipient is notified
 * (the e-mail quotes it) and reads it on the course's announcements page.
 */
@ApplicationScoped
public class AnnouncementService {

    /** Announcements a course sends in a day at most: beyond that learners stop reading them. */
    static final int PER_DAY = 5;
    /** The same words to the same learners again within this time are a double click, not a new announcement. */
    static final Duration REPEAT_WINDOW = Duration.ofMinutes(10);
    static final int SHOWN = 20;

    private final CourseService courses;
    private final NotificationService notifications;
    private final int batchSize;

    AnnouncementService(CourseService courses, NotificationService notifications, EntraideConfig config) {
        this.courses = courses;
        this.notifications = notifications;
        this.batchSize = config.delivery().batchSize();
    }

    /** An audience the team can choose, with how many learners it reaches now. */
    public record Choice(CourseAnnouncement.Audience audience, long learners) {
    }

    /** The course team's page: the audiences and what was announced before. */
    public record ManagePage(Course course, List<Choice> choices, List<CourseAnnouncement> earlier) {
    }

    public ManagePage managePage(long courseId, long personId) {
        Course course = courses.requireTeam(courseId, personId);
        Map<Enrolment.Status, Long> byStatus = new EnumMap<>(Enrolment.Status.class);
        Enrolment.getEntityManager().createQuery("select e.status, count(e) from Enrolment e where e.course.id = ?1 group by e.status",
                Object[].class).setParameter(1, courseId).getResultList()
                .forEach(row -> byStatus.put((Enrolment.Status) row[0], (Long) row[1]));
        List<Choice> choices = Arrays.stream(CourseAnnouncement.Audience.values())
                .map(audience -> new Choice(audience, audience.statuses.stream().mapToLong(s -> byStatus.getOrDefault(s, 0L)).sum()))
                .toList();
        return new ManagePage(course, choices, CourseAnnouncement.latest(courseId, SHOWN));
    }

    /**
     * Sends the announcement to the chosen learners; refused with the reason next to its field, nothing sent. The
     * request delivers the first batch (the whole of a small course); {@link org.entraide.web.Deliveries} delivers the rest,
     * so that a course of 100,000 learners is no transaction of 100,000 notices.
     */
    @Transactional
    public CourseAnnouncement send(long courseId, long personId, String audience, String body, Instant now) {
        // locked: two sends at once count each other against the daily limit and see a double click
        Course course = RowLocks.lockAndReload(courses.requireTeam(courseId, personId));
        FormErrors errors = new FormErrors();
        CourseAnnouncement.Audience to = EnumSets.one(CourseAnnouncement.Audience.class, audience);
        if (to == null) {
            errors.add("audience", Texts.trimToNull(audience) == null ? "error.required" : "error.invalid-choice");
        } else if (Enrolment.count("course.id = ?1 and status in ?2", courseId, to.statuses) == 0) {
            errors.add("audience", "error.announcement-nobody");
        }
        String text = Texts.check(errors, "body", body, true, CourseAnnouncement.BODY_MAX);
        // only a valid text goes to the database: PostgreSQL refuses a NUL character even as a parameter
        if (to != null && text != null && !errors.has("body") && CourseAnnouncement.count(
                "course.id = ?1 and audience = ?2 and body = ?3 and createdAt > ?4", courseId, to, text, now.minus(REPEAT_WINDOW)) > 0) {
            errors.add("body", "error.announcement-repeated");
        } else if (CourseAnnouncement.count("course.id = ?1 and createdAt > ?2", courseId, now.minus(Duration.ofDays(1))) >= PER_DAY) {
            errors.add("body", "error.announcement-limit", List.of(String.valueOf(PER_DAY)));
        }
        errors.throwIfAny();

        CourseAnnouncement announcement = new CourseAnnouncement();
        announcement.course = course;
        announcement.author = Person.findById(personId);
        announcement.audience = to;
        announcement.body = text;
        announcement.createdAt = now;
        announcement.persist();
        deliverNextBatch(announcement, now);
        return announcement;
    }

    /** The course's learners are told of its new session by an announcement to all of them, with its invite link. */
    void announceNewSession(@Observes NewSessionOpened opened) {
        CourseAnnouncement announcement = new CourseAnnouncement();
        announcement.course = Course.findById(opened.courseId());
        announcement.newSession = Course.findById(opened.sessionId());
        announcement.author = Person.findById(opened.personId());
        announcement.audience = CourseAnnouncement.Audience.ALL;
        announcement.body = "";
        announcement.createdAt = Instant.now();
        announcement.persist();
        deliverNextBatch(announcement, announcement.createdAt);
    }

    /**
     * Delivers the oldest announcement still being sent to its next batch of learners, in its own transaction; false
     * when none is left to deliver now. An announcement whose batch failed waits for its next try (see
     * {@link DeliveryFailures}) while the others go on.
     */
    public boolean deliverNextBatch(Instant now) {
        Long sending = QuarkusTransaction.requiringNew().call(() -> CourseAnnouncement.find("select a.id from CourseAnnouncement a"
                + " where a.deliveredAt is null and " + DeliveryFailures.due("a.deliveryFailures") + " order by a.id", Parameters.with("now", now))
                .project(Long.class).firstResult());
        if (sending == null) {
            return false;
        }
        DeliveryFailures.attempt(CourseAnnouncement.class, sending, a -> a.deliveryFailures, CourseAnnouncement::sending,
                a -> deliverNextBatch(a, now), this::tellAuthorItStopped, now);
        return true;
    }

    /** The author learns that sending stopped, with a link to where they may try again. */
    private void tellAuthorItStopped(CourseAnnouncement announcement) {
        if (announcement.author != null) {
            notifications.notify(announcement.author, NotificationKind.ANNOUNCEMENT_STOPPED,
                    "/courses/" + announcement.course.id + "/manage/announcements#announcement-" + announcement.id, announcement.course.title);
        }
    }

    /** Sending an announcement that stopped after failed batches goes on from where it stopped, at the next delivery run. */
    @Transactional
    public void tryAgain(long courseId, long personId, long announcementId) {
        courses.requireTeam(courseId, personId);
        CourseAnnouncement announcement = CourseAnnouncement.<CourseAnnouncement>find("id = ?1 and course.id = ?2", announcementId, courseId)
                .firstResultOptional().map(RowLocks::lockAndReload).orElseThrow(NotFoundException::new);
        if (announcement.stopped()) {
            announcement.deliveryFailures.reset();
        }
    }

    /**
     * Delivers the announcement to the next learners of its audience in enrolment order, from where the last batch
     * stopped; the audience is read as each batch goes, so a learner who joins meanwhile receives it too.
     */
    private void deliverNextBatch(CourseAnnouncement announcement, Instant now) {
        List<Enrolment> batch = Enrolment.<Enrolment>find("from Enrolment e join fetch e.person where e.course.id = ?1 and e.status in ?2"
                + " and e.id > ?3 order by e.id", announcement.course.id, announcement.audience.statuses, announcement.deliveredUpTo)
                .range(0, batchSize - 1).list();
        for (Enrolment learner : batch) {
            announcement.deliverTo(learner);
            announcement.deliveredUpTo = learner.id;
            if (announcement.author == null || !learner.person.id.equals(announcement.author.id)) {
                notifyOf(announcement, learner.person);
            }
        }
        announcement.recipients += batch.size();
        if (batch.size() < batchSize) {
            announcement.deliveredAt = now;
        }
    }

    private void notifyOf(CourseAnnouncement announcement, Person learner) {
        if (announcement.newSession != null) {
            notifications.notify(learner, NotificationKind.NEW_SESSION, "/join/" + announcement.newSession.inviteCode,
                    announcement.course.title, announcement.newSession.title);
        } else {
            // quoted in the e-mail: many learners only read their mail
            notifications.notifyQuoting(learner, NotificationKind.COURSE_ANNOUNCEMENT, announcement.author,
                    "/courses/" + announcement.course.id + "/announcements#announcement-" + announcement.id, announcement.body,
                    announcement.course.title, announcement.author == null ? "" : announcement.author.firstName());
        }
    }

    /** What the course team announced to the person in this course, newest first, with their profile's zone if it has one. */
    public record Received(Course course, boolean team, List<CourseAnnouncement> announcements, ZoneId zone) {
    }

    public Received received(long courseId, long personId) {
        CourseService.Membership membership = courses.requireMembership(courseId, personId);
        return new Received(membership.course(), membership.team(), CourseAnnouncement.receivedBy(courseId, personId, SHOWN),
                membership.enrolment().map(Enrolment::zone).orElse(null));
    }

    /** Someone who leaves the course no longer has its announcements; joining again starts afresh. */
    void forgetReceived(@Observes LeavingCourse leaving) {
        AnnouncementRecipient.delete("person.id = ?1 and announcement.id in (select a.id from CourseAnnouncement a where a.course.id = ?2)",
                leaving.personId(), leaving.courseId());
    }

    /**
     * An announcement the person made as a course-team member, as "Download my data" lists it; {@code newSessionId}
     * is the session it opened ("Run this course again"), whose announcement has no words of its own.
     */
    public record AnnouncementData(long courseId, CourseAnnouncement.Audience audience, String body, Long newSessionId, int recipients,
            Instant createdAt) {
    }

    void exportAnnouncements(@Observes AccountExport export) {
        export.add("courseAnnouncements", CourseAnnouncement.<CourseAnnouncement>list("author.id = ?1 order by createdAt, id",
                export.personId()).stream().map(a -> new AnnouncementData(a.course.id, a.audience, a.body,
                        a.newSession == null ? null : a.newSession.id, a.recipients, a.createdAt)).toList());
    }
}
