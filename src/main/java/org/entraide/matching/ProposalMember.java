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

import org.entraide.account.Person;
import org.entraide.web.Queries;

/** One person's place in a proposal, and their answer. */
@Entity
@Table(name = "proposal_member")
public class ProposalMember extends PanacheEntityBase {

    public enum Response {
        PENDING, ACCEPTED, DECLINED,
        /** Already in the group the proposal completes: their consent is not asked again. */
        MEMBER
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "proposal_id")
    public Proposal proposal;

    @ManyToOne(optional = false)
    @JoinColumn(name = "person_id")
    public Person person;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Response response;

    @Column(name = "decline_reason")
    public String declineReason;

    @Column(name = "responded_at")
    public Instant respondedAt;

    /** Proposals sent to the person in a course, newest first. */
    public static List<ProposalMember> ofPerson(long courseId, long personId) {
        return list("proposal.course.id = ?1 and person.id = ?2 and proposal.status <> ?3 and proposal.status <> ?4 order by proposal.createdAt desc",
                courseId, personId, Proposal.Status.DRAFT, Proposal.Status.WITHDRAWN);
    }

    /** Proposals sent to the person in a course that wait for their answer. */
    public static long countAwaitingAnswer(long courseId, long personId) {
        return Queries.count(ProposalMember.class, "proposal.course.id = ?1 and person.id = ?2 and response = ?3 and proposal.status = ?4",
                courseId, personId, Response.PENDING, Proposal.Status.PENDING);
    }

    /** Whether the person has a proposal waiting for answers (then they are not matched again meanwhile). */
    public static boolean hasPending(long courseId, long personId) {
        return Queries.count(ProposalMember.class, "proposal.course.id = ?1 and person.id = ?2 and (proposal.status = ?3 or proposal.status = ?4)",
                courseId, personId, Proposal.Status.PENDING, Proposal.Status.DRAFT) > 0;
    }
}
