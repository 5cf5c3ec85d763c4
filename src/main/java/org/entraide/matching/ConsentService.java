package org.entraide.matching;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;

import org.entraide.account.AccountExport;
import org.entraide.group.GroupService;
import org.entraide.group.LearningGroup;
import org.entraide.notify.NotificationKind;
import org.entraide.notify.NotificationService;
import org.entraide.profile.Enrolment;
import org.entraide.profile.Format;
import org.entraide.web.InvalidInputException;
import org.entraide.web.RowLocks;
import org.entraide.web.Texts;

/**
 * Every member's answer to a proposal. When all accept, the group exists and contacts are revealed; a decline
 * sends the others back to the pool ahead of newcomers and never proposes the decliner the same people again.
 */
@ApplicationScoped
public class ConsentService {

    public static final int REASON_MAX = 500;
    /** Members are reminded this long before their proposal expires. */
    static final Duration REMINDER_BEFORE_EXPIRY = Duration.ofHours(24);

    private final GroupService groups;
    private final NotificationService notifications;

    ConsentService(GroupService groups, NotificationService notifications) {
        this.groups = groups;
        this.notifications = notifications;
    }

    /** The person's place in a proposal that was sent to them; anyone else gets a 404. */
    public ProposalMember requireOwn(long courseId, long proposalId, long personId) {
        ProposalMember member = ProposalMember.find("proposal.id = ?1 and person.id = ?2", proposalId, personId).firstResult();
        if (member == null || !member.proposal.course.id.equals(courseId) || member.proposal.status == Proposal.Status.DRAFT
                || member.proposal.status == Proposal.Status.WITHDRAWN || member.response == ProposalMember.Response.MEMBER) {
            throw new NotFoundException();
        }
        return member;
    }

    /**
     * Records an acceptance; the last one forms the group. The proposal's row is locked first, so two members
     * answering at the same moment, a double click and the expiry job are applied one after the other, each seeing
     * the answers before it.
     */
    @Transactional
    public Proposal accept(long courseId, long proposalId, long personId) {
        lockProposal(proposalId);
        ProposalMember member = requireOwn(courseId, proposalId, personId);
        Proposal.Status status = member.proposal.status;
        if (member.response == ProposalMember.Response.ACCEPTED && (status == Proposal.Status.PENDING || status == Proposal.Status.ACCEPTED)) {
            return member.proposal; // a second click on "Accept"
        }
        Proposal proposal = requirePending(member);
        member.response = ProposalMember.Response.ACCEPTED;
        member.respondedAt = Instant.now();
        List<ProposalMember> members = proposal.members();
        if (members.stream().allMatch(m -> m.response == ProposalMember.Response.ACCEPTED || m.response == ProposalMember.Response.MEMBER)) {
            LearningGroup group = groups.formFrom(proposal, members);
            proposal.group = group;
            proposal.status = Proposal.Status.ACCEPTED;
            proposal.decidedAt = Instant.now();
        }
        return proposal;
    }

    @Transactional
    public void decline(long courseId, long proposalId, long personId, String reason) {
        lockProposal(proposalId);
        ProposalMember member = requireOwn(courseId, proposalId, personId);
        Proposal proposal = requirePending(member);
        String trimmed = Texts.trimToNull(reason);
        if (trimmed != null && (trimmed.length() > REASON_MAX || Texts.hasControlCharacters(trimmed))) {
            throw InvalidInputException.of("reason", trimmed.length() > REASON_MAX ? "error.too-long" : "error.control-characters");
        }
        member.response = ProposalMember.Response.DECLINED;
        member.declineReason = trimmed;
        member.respondedAt = Instant.now();
        close(proposal, Proposal.Status.DECLINED, List.of(member));
    }

    /**
     * The person leaves the course: every proposal still open for them closes as if they had declined (the others go
     * back to the queue at once and are told), and the previews not yet published drop the groups they were placed in.
     */
    @Transactional
    public void withdrawFromCourse(long courseId, long personId) {
        for (ProposalMember member : ProposalMember.<ProposalMember>list("proposal.course.id = ?1 and person.id = ?2"
                + " and (proposal.status = ?3 or proposal.status = ?4)", courseId, personId, Proposal.Status.PENDING, Proposal.Status.DRAFT)) {
            if (member.proposal.run != null) {
                // a preview being published holds its run: wait, then find the proposal sent (and decline it) or not
                RowLocks.lockAndReload(member.proposal.run);
            }
            Proposal proposal = RowLocks.lockAndReload(member.proposal);
            if (proposal.status == Proposal.Status.DRAFT) {
                proposal.status = Proposal.Status.WITHDRAWN;
            } else if (proposal.status == Proposal.Status.PENDING && member.response != ProposalMember.Response.MEMBER) {
                member.response = ProposalMember.Response.DECLINED;
                member.respondedAt = Instant.now();
                close(proposal, Proposal.Status.DECLINED, List.of(member));
            }
        }
    }

    /** A proposal the person was part of, with their own answer, as "Download my data" lists it. */
    public record ProposalData(long courseId, String course, Format format, Proposal.Status status, ProposalMember.Response myAnswer,
            String myDeclineReason, Instant createdAt, Instant answeredAt) {
    }

    void exportProposals(@Observes AccountExport export) {
        export.add("proposals", ProposalMember.<ProposalMember>list("person.id = ?1 order by proposal.createdAt", export.personId()).stream()
                .map(m -> new ProposalData(m.proposal.course.id, m.proposal.course.title, m.proposal.format, m.proposal.status, m.response,
                        m.declineReason, m.proposal.createdAt, m.respondedAt))
                .toList());
    }

    /** Proposals past their consent window: silence counts as a decline; reminders shortly before. */
    @Transactional
    public int expireAndRemind() {
        Instant now = Instant.now();
        int expired = 0;
        // locked, so an answer given at this moment is applied before or after, never lost
        for (Proposal proposal : Proposal.<Proposal>list("status = ?1 and expiresAt < ?2", Proposal.Status.PENDING, now)) {
            if (RowLocks.lockAndReload(proposal).status != Proposal.Status.PENDING) {
                continue; // answered meanwhile
            }
            List<ProposalMember> silent = proposal.members().stream().filter(m -> m.response == ProposalMember.Response.PENDING).toList();
            close(proposal, Proposal.Status.EXPIRED, silent);
            expired++;
        }
        for (Proposal proposal : Proposal.<Proposal>list("status = ?1 and remindedAt is null and expiresAt < ?2", Proposal.Status.PENDING,
                now.plus(REMINDER_BEFORE_EXPIRY))) {
            proposal.remindedAt = now;
            for (ProposalMember member : proposal.members()) {
                if (member.response == ProposalMember.Response.PENDING) {
                    notifications.notify(member.person, NotificationKind.PROPOSAL_EXPIRING, matchesLink(proposal), proposal.course.title);
                }
            }
        }
        return expired;
    }

    /**
     * Ends a proposal that will not become a group. The refusers are excluded from its other members and paused
     * (for expiry: they did not answer); everyone else goes back to the pool keeping their place in the queue.
     */
    private void close(Proposal proposal, Proposal.Status status, List<ProposalMember> refusers) {
        proposal.status = status;
        proposal.decidedAt = Instant.now();
        long courseId = proposal.course.id;
        List<ProposalMember> members = proposal.members();
        for (ProposalMember refuser : refusers) {
            for (ProposalMember other : members) {
                if (!other.person.id.equals(refuser.person.id)) {
                    MatchExclusion.add(courseId, refuser.person.id, other.person.id, MatchExclusion.Reason.DECLINED);
                }
            }
            if (status == Proposal.Status.EXPIRED) {
                // only from the queue: someone who meanwhile joined a group (e.g. with a partner) stays matched
                Enrolment.find(courseId, refuser.person.id).filter(e -> e.status == Enrolment.Status.WAITING)
                        .ifPresent(e -> e.status = Enrolment.Status.PAUSED);
            }
        }
        for (ProposalMember other : members) {
            boolean refused = refusers.stream().anyMatch(r -> r.person.id.equals(other.person.id));
            if (!refused && other.response != ProposalMember.Response.MEMBER) {
                notifications.notify(other.person, NotificationKind.MEMBER_DECLINED, matchesLink(proposal), proposal.course.title);
            }
        }
    }

    private static void lockProposal(long proposalId) {
        Proposal proposal = Proposal.findById(proposalId);
        if (proposal == null) {
            throw new NotFoundException();
        }
        RowLocks.lockAndReload(proposal);
    }

    private static Proposal requirePending(ProposalMember member) {
        Proposal proposal = member.proposal;
        if (proposal.status != Proposal.Status.PENDING || member.response != ProposalMember.Response.PENDING) {
            throw InvalidInputException.of("proposal", "error.proposal-closed");
        }
        return proposal;
    }

    private static String matchesLink(Proposal proposal) {
        return "/courses/" + proposal.course.id + "/matches";
    }
}
