package org.entraide.course;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import org.entraide.account.Person;
import org.entraide.profile.Enrolment;
import org.entraide.web.DeliveryFailures;

/** What the course team announced to the course's learners, or to a part of them. */
@Entity
@Table(name = "course_announcement")
public class CourseAnnouncement extends PanacheEntityBase {

    public static final int BODY_MAX = 2000;

    /** Who an announcement goes to, by where learners stand when it is sent. */
    public enum Audience {
        ALL(EnumSet.allOf(Enrolment.Status.class)),
        WAITING(EnumSet.of(Enrolment.Status.WAITING)),
        UNFINISHED(EnumSet.of(Enrolment.Status.DRAFT)),
        MATCHED(EnumSet.of(Enrolment.Status.MATCHED));

        public final Set<Enrolment.Status> statuses;

        Audience(Set<Enrolment.Status> statuses) {
            this.statuses = statuses;
        }
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "course_id")
    public Course course;

    /** Null once the author deleted their account. */
    @ManyToOne
    @JoinColumn(name = "author_id")
    public Person author;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Audience audience;

    /** The team's words; empty when the announcement is the opening of {@link #newSession}. */
    @Column(nullable = false, length = BODY_MAX)
    public String body;

    /** The course's new session, when the announcement tells of it (with its invite link). */
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "new_session_id")
    public Course newSession;

    /** How many learners it went to (so far, while it is being sent). */
    @Column(nullable = false)
    public int recipients;

    /** The last enrolment it was delivered to: the next batch starts after it. */
    @Column(name = "delivered_up_to", nullable = false)
    public long deliveredUpTo;

    /** When the last learner of its audience received it; null while it is being sent. */
    @Column(name = "delivered_at")
    public Instant deliveredAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Embedded
    public DeliveryFailures deliveryFailures = new DeliveryFailures();

    public boolean sending() {
        return deliveredAt == null && !deliveryFailures.stopped();
    }

    /** Sending stopped after failed batches; the team may try again. */
    public boolean stopped() {
        return deliveredAt == null && deliveryFailures.stopped();
    }

    /** Records that the (persisted) announcement went to the learner: they read it, and their course page links to it. */
    public void deliverTo(Enrolment learner) {
        AnnouncementRecipient recipient = new AnnouncementRecipient();
        recipient.announcement = this;
        recipient.person = learner.person;
        recipient.persist();
        learner.announcementAt = createdAt;
    }

    /** The course's latest announcements, newest first, with their authors in the same statement. */
    public static List<CourseAnnouncement> latest(long courseId, int count) {
        return CourseAnnouncement.<CourseAnnouncement>find("from CourseAnnouncement a left join fetch a.author left join fetch a.newSession where a.course.id = ?1 "
                + "order by a.createdAt desc, a.id desc", courseId).range(0, count - 1).list();
    }

    /** The latest announcements of the course sent to the person, newest first. */
    public static List<CourseAnnouncement> receivedBy(long courseId, long personId, int count) {
        return CourseAnnouncement.<CourseAnnouncement>find("""
                select a from CourseAnnouncement a left join fetch a.author left join fetch a.newSession
                where a.course.id = ?1 and exists (select r.id from AnnouncementRecipient r where r.announcement = a and r.person.id = ?2)
                order by a.createdAt desc, a.id desc""", courseId, personId).range(0, count - 1).list();
    }
}
