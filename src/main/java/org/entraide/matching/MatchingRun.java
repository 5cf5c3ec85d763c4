package org.entraide.matching;

import java.time.Instant;
import java.util.List;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import org.entraide.account.Person;
import org.entraide.course.Course;
import org.entraide.profile.Format;
import org.entraide.web.DeliveryFailures;

/** One run of the engine for one format of a course: a preview the course team adjusts, then publishes or discards. */
@Entity
@Table(name = "matching_run")
public class MatchingRun extends PanacheEntityBase {

    public enum Status {
        RUNNING, PREVIEW, PUBLISHED, DISCARDED, FAILED
    }

    public static final int MESSAGE_MAX = 100_000;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "course_id")
    public Course course;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Format format;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    /** Started by the scheduler (published at once) rather than by a person (previewed first). */
    @Column(nullable = false)
    public boolean rolling;

    @Column(nullable = false)
    public long seed;

    @ManyToOne
    @JoinColumn(name = "started_by_id")
    public Person startedBy;

    @Column(name = "started_at", nullable = false)
    public Instant startedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    @Column(name = "waiting_count", nullable = false)
    public int waitingCount;

    @Column(name = "placed_count", nullable = false)
    public int placedCount;

    @Column(name = "mean_score")
    public Double meanScore;

    @Column(name = "min_score")
    public Double minScore;

    /**
     * Unmatched learners and their reasons, as "personId:REASON" entries ending with "more:N" when N more did not fit,
     * then "|" and the meetup clusters.
     */
    @Column(length = MESSAGE_MAX)
    public String message;

    /** Once published: the last proposal member told of their proposal; the next batch starts after it. */
    @Column(name = "notified_up_to", nullable = false)
    public long notifiedUpTo;

    /** When the last member of a published run was told; null while members are left to tell. */
    @Column(name = "notified_at")
    public Instant notifiedAt;

    /** Batches of notices that failed; while they are tried again, the proposals are on each member's "My matches". */
    @Embedded
    public DeliveryFailures noticeFailures = new DeliveryFailures();

    public static List<MatchingRun> ofCourse(long courseId) {
        return list("course.id = ?1 order by startedAt desc", courseId);
    }
}
