package org.entraide.matching;

import java.time.Instant;
import java.util.List;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import org.entraide.course.Course;
import org.entraide.group.LearningGroup;
import org.entraide.profile.Format;
import org.entraide.profile.Modality;

/** A suggested tandem or group (or seats in an existing group), waiting for every member's consent. */
@Entity
@Table(name = "proposal")
public class Proposal extends PanacheEntityBase {

    public enum Status {
        /** Part of a run's preview: only the course team sees it. */
        DRAFT,
        /** Sent to its members. */
        PENDING,
        ACCEPTED, DECLINED, EXPIRED,
        /** Dropped from a preview or by a discarded run. */
        WITHDRAWN
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "course_id")
    public Course course;

    @ManyToOne
    @JoinColumn(name = "run_id")
    public MatchingRun run;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Format format;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Enumerated(EnumType.STRING)
    public Modality modality;

    @Column(nullable = false)
    public double score;

    /** The engine's explanation as JSON, rendered for each viewer in their language and time zone. */
    public String explanation;

    /** Rules relaxed for learners who waited too long, e.g. "hours:1,radius:38" (shown in the explanation). */
    public String relaxation;

    /** For late joiners: the existing group whose free seats they are proposed. */
    @ManyToOne
    @JoinColumn(name = "target_group_id")
    public LearningGroup targetGroup;

    /** The group created (or completed) when everyone accepted. */
    @ManyToOne
    @JoinColumn(name = "group_id")
    public LearningGroup group;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "reminded_at")
    public Instant remindedAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "decided_at")
    public Instant decidedAt;

    public List<ProposalMember> members() {
        return ProposalMember.list("proposal.id = ?1 order by id", id);
    }

    /**
     * The run's proposals in the order they were made: the preview numbers them so, and a number must keep naming the
     * same proposal while the course team adjusts (ordered by score, a move would renumber them all).
     */
    public static List<Proposal> ofRun(long runId) {
        return list("run.id = ?1 and status <> ?2 order by id", runId, Status.WITHDRAWN);
    }
}
