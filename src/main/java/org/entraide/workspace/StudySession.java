package org.entraide.workspace;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import org.entraide.account.Person;
import org.entraide.group.LearningGroup;
import org.entraide.web.Queries;

/** A study session a group planned: a time (UTC), a length, what it is about and where (a public place or a call link). */
@Entity
@Table(name = "group_session")
public class StudySession extends PanacheEntityBase {

    public static final int TOPIC_MAX = 120;
    public static final int PLACE_MAX = 300;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "group_id")
    public LearningGroup group;

    /** Null once the planner deleted their account. */
    @ManyToOne
    @JoinColumn(name = "planned_by_id")
    public Person plannedBy;

    @Column(name = "starts_at", nullable = false)
    public Instant startsAt;

    @Column(nullable = false)
    public int minutes;

    public String topic;

    public String place;

    /** The calendar revision (RFC 5545 SEQUENCE): raised on cancellation so calendar apps replace the event. */
    @Column(nullable = false)
    public int sequence;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "cancelled_at")
    public Instant cancelledAt;

    /** When the members were reminded (once, the day before). */
    @Column(name = "reminded_at")
    public Instant remindedAt;

    /** The first session's id when planned as a weekly series; null for a single session. */
    @Column(name = "series_id")
    public Long seriesId;

    public Instant endsAt() {
        return startsAt.plus(Duration.ofMinutes(minutes));
    }

    public boolean cancelled() {
        return cancelledAt != null;
    }

    /** Sessions not over yet, cancelled ones included (members should see that a date is off), soonest first. */
    public static List<StudySession> upcoming(long groupId, Instant now) {
        // a session is at most a few hours long: those started less than a day ago are candidates, then filtered exactly
        return StudySession.<StudySession>list("group.id = ?1 and startsAt > ?2 order by startsAt, id", groupId,
                now.minus(Duration.ofDays(1))).stream().filter(s -> s.endsAt().isAfter(now)).toList();
    }

    /** The session and the later ones of its series that are not cancelled, soonest first. */
    public static List<StudySession> restOfSeries(StudySession session) {
        return StudySession.list("seriesId = ?1 and group.id = ?2 and startsAt >= ?3 and cancelledAt is null order by startsAt, id",
                session.seriesId, session.group.id, session.startsAt);
    }

    public static long countUpcoming(long groupId, Instant now) {
        return Queries.count(StudySession.class, "group.id = ?1 and startsAt > ?2 and cancelledAt is null", groupId, now);
    }

    /** Every session of the group for its calendar file, the latest first, bounded. */
    public static List<StudySession> latest(long groupId, int limit) {
        return StudySession.<StudySession>find("group.id = ?1 order by startsAt desc, id desc", groupId).page(0, limit).list();
    }

    /** A session to come with the person's zone in its course (null when their profile there has none). */
    public record WithZone(StudySession session, String timeZone) {
    }

    /**
     * The sessions of the person's current groups that start in [from, until) and are on, soonest first, bounded; with
     * their group and course, and the person's zone in each course, in one statement.
     */
    public static List<WithZone> comingUp(long personId, Instant from, Instant until, int limit) {
        return getEntityManager().createQuery("""
                select s, e.timeZone from StudySession s join fetch s.group g join fetch g.course c left join fetch s.plannedBy
                left join Enrolment e on e.course = c and e.person.id = ?1
                where s.startsAt >= ?2 and s.startsAt < ?3 and s.cancelledAt is null
                  and exists (select m.id from GroupMember m where m.group = g and m.person.id = ?1 and m.leftAt is null)
                order by s.startsAt, s.id""", Object[].class).setParameter(1, personId).setParameter(2, from).setParameter(3, until)
                .setMaxResults(limit).getResultList().stream().map(row -> new WithZone((StudySession) row[0], (String) row[1])).toList();
    }

    /** The sessions of the person's current groups from {@code since} on, with their group and course, bounded. */
    public static List<StudySession> ofMember(long personId, Instant since, int limit) {
        return StudySession.<StudySession>find("""
                from StudySession s join fetch s.group g join fetch g.course
                where s.startsAt >= ?2
                  and exists (select m.id from GroupMember m where m.group = g and m.person.id = ?1 and m.leftAt is null)
                order by s.startsAt, s.id""", personId, since).page(0, limit).list();
    }
}
