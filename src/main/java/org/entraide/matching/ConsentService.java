package org.entraide.matching;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;

import org.entraide.account.AccountExport;
import org.entraide.account.Person;
import org.entraide.group.GroupService;
import org.entraide.group.LearningGroup;
import org.entraide.notify.NotificationKind;
import org.entraide.notify.NotificationService;
import org.entraide.profile.Enrolment;
import org.entraide.profile.Format;
import org.entraide.web.EntraideConfig;
import org.entraide.web.FreshPlans;
import org.entraide.web.InvalidInputException;
import org.entraide.web.RowLocks;
import org.entraide.web.Texts;
import org.entraide.web.When;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Every member's answer to a proposal. When all accept, the group exists and contacts are revealed; a decline
 * sends the others back to the pool ahead of newcomers and never proposes the decliner the same people again.
 */
@ApplicationScoped
public class ConsentService {

    public static final int REASON_MAX = 500;
    /** Members are reminded this long before their proposal expires. */
    static final Duration REMINDER_BEFORE_EXPIRY = Duration.ofHours(24);
    /** Expiring and reminding stop after this long, well within the rolling job's 15-minute lease. */
    private static final Duration RUN_LIMIT = Duration.ofMinutes(10);
    /** Proposals expired in one transaction at most: 36,848 took 213 s in batches of 50 and 793 s in batches of 500. */
    private static final int EXPIRY_BATCH_MAX = 50;

    private final GroupService groups;
    private final NotificationService notifications;
    private final int batchSize;
    private final FreshPlans freshPlans;

    ConsentService(GroupService groups, NotificationService notifications, EntraideConfig config, FreshPlans freshPlans) {
        this.groups = groups;
        this.notifications = notifications;
        this.batchSize = config.delivery().batchSize();
        this.freshPlans = freshPlans;
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

    /**
     * Proposals past their consent window: silence counts as a decline; reminders shortly before. A large run's
     * proposals fall due together, so they are handled a batch per transaction (100,000 learners make 37,000 tandems).
     */
    public int expireAndRemind() {
        Instant now = Instant.now();
        // within the job's lease; the next run goes on with what is left (at 100,000 learners expiring takes minutes)
        Instant stopAt = now.plus(RUN_LIMIT);
        int expired = 0;
        Batch batch;
        do {
            batch = QuarkusTransaction.requiringNew().call(() -> expireBatch(now));
            expired += batch.changed();
        } while (batch.full() && Instant.now().isBefore(stopAt));
        do {
            batch = QuarkusTransaction.requiringNew().call(() -> remindBatch(now));
        } while (batch.full() && Instant.now().isBefore(stopAt));
        return expired;
    }

    /** How many proposals a batch found (a full batch means more may wait) and how many it changed. */
    private record Batch(boolean full, int changed) {
    }

    private Batch expireBatch(Instant now) {
        freshPlans.forThisTransaction(); // each expired proposal adds exclusions, which are looked up as they grow
        // smaller batches: each proposal runs queries that dirty-check everything the batch loaded so far
        int size = Math.min(EXPIRY_BATCH_MAX, batchSize);
        List<Proposal> due = Proposal.<Proposal>find("status = ?1 and expiresAt < ?2 order by id", Proposal.Status.PENDING, now)
                .range(0, size - 1).list();
        int expired = 0;
        for (Proposal proposal : due) {
            // the conditional update locks the row, so an answer given at this moment is applied before or after, never lost
            if (Proposal.update("status = ?1 where id = ?2 and status = ?3", Proposal.Status.EXPIRED, proposal.id,
                    Proposal.Status.PENDING) == 0) {
                continue; // answered meanwhile
            }
            List<ProposalMember> silent = proposal.members().stream().filter(m -> m.response == ProposalMember.Response.PENDING).toList();
            close(proposal, Proposal.Status.EXPIRED, silent);
            expired++;
        }
        return new Batch(due.size() == size, expired);
    }

    private Batch remindBatch(Instant now) {
        List<Proposal> expiring = Proposal.<Proposal>find("status = ?1 and remindedAt is null and expiresAt < ?2 order by id",
                Proposal.Status.PENDING, now.plus(REMINDER_BEFORE_EXPIRY)).range(0, batchSize - 1).list();
        for (Proposal proposal : expiring) {
            proposal.remindedAt = now;
        }
        if (!expiring.isEmpty()) {
            List<ProposalMember> silent = ProposalMember.list("from ProposalMember m join fetch m.person"
                    + " where m.proposal in ?1 and m.response = ?2 order by m.id", expiring, ProposalMember.Response.PENDING);
            // the proposals falling due together are mostly of one course: one statement for each course's zones
            Map<Long, Map<Long, ZoneId>> zonesByCourse = new HashMap<>();
            for (ProposalMember member : silent) {
                Map<Long, ZoneId> zones = zonesByCourse.computeIfAbsent(member.proposal.course.id, courseId -> Enrolment.profileZones(courseId,
                        silent.stream().filter(m -> m.proposal.course.id.equals(courseId)).map(m -> m.person.id).toList()));
                notifications.notify(member.person, NotificationKind.PROPOSAL_EXPIRING, matchesLink(member.proposal),
                        member.proposal.course.title, "", answerBy(member.person, member.proposal.expiresAt, zones));
            }
        }
        return new Batch(expiring.size() == batchSize, expiring.size());
    }

    /** By when the person is to answer their proposal, in the zone of their profile (else UTC) and their e-mails' language. */
    static String answerBy(Person person, Instant expiresAt, Map<Long, ZoneId> profileZones) {
        return When.withZone(expiresAt, profileZones.getOrDefault(person.id, ZoneId.of("UTC")), person.mailLocale());
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
