package org.entraide.matching;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.entraide.course.Course;
import org.entraide.matching.engine.GroupEvaluation;
import org.entraide.profile.Format;

/**
 * The rules each draft of a preview breaks, kept between views of the preview page. A course of 100,000 learners has
 * tens of thousands of drafts; reading and checking them all on every view took seconds, and the page needs them all
 * (the "break a rule" filter and its count).
 *
 * <p>A kept result is used only while nothing it depends on has changed: the same members in the same order, the
 * same of them still enrolled, the same format, sizes, common-hours rule and UTC day (availability is converted with
 * the day's offsets), no member's profile saved and no exclusion between two members added since it was checked.
 * Those facts are read on every view in a few narrow statements, so the page stays true on every instance; a restart
 * only makes the next view slow again.
 */
@ApplicationScoped
public class PreviewChecks {

    /**
     * Profile saves and exclusions this long before a check count as after it: a transaction that set its time before
     * the check began may commit after the check read the old data.
     */
    static final Duration MARGIN = Duration.ofMinutes(2);
    /** Past this many drafts to check again, the whole run is read at once rather than by ids. */
    private static final int READ_BY_IDS_MAX = 1000;
    /** Kept results across all runs; past it they are all dropped (open previews are few, and rebuilt by a view). */
    private static final int KEPT_MAX = 500_000;

    /** One proposal of a run, in the page's order, with the rules it breaks (none for proposals already sent). */
    record Line(long proposalId, List<String> broken) {
    }

    private record Kept(long key, Instant validAsOf, List<String> broken) {
    }

    /** A draft's members as read on this view: person ids in order, and when each one's profile was saved. */
    private record Draft(long proposalId, List<Long> personIds, List<Instant> savedAt, String relaxation, Format format) {
    }

    private final Map<Long, Kept> kept = new ConcurrentHashMap<>();

    /** Checks every draft of a freshly computed run, so that its first view is quick too. */
    public void warm(long courseId, long runId) {
        lines(courseId, runId);
    }

    /** The run's proposals (withdrawn ones left out) in id order, each with the rules it breaks. */
    List<Line> lines(long courseId, long runId) {
        if (kept.size() > KEPT_MAX) { // before this view's checks, which the lines below read back
            kept.clear();
        }
        Instant validAsOf = Instant.now().minus(MARGIN);
        Course course = Course.findById(courseId);
        long fixed = mix(mix(mix(LocalDate.now(ZoneOffset.UTC).toEpochDay(), CourseRules.of(course, 1).minCommonHours()),
                course.groupMin), course.groupMax);
        List<Object[]> proposals = Proposal.getEntityManager().createQuery(
                "select p.id, p.status, p.relaxation, p.format from Proposal p where p.run.id = ?1 and p.status <> ?2 order by p.id",
                Object[].class).setParameter(1, runId).setParameter(2, Proposal.Status.WITHDRAWN).getResultList();
        Map<Long, Draft> drafts = drafts(courseId, runId, proposals);
        Map<Long, Long> keys = new HashMap<>(drafts.size() * 2);
        List<Long> stale = new ArrayList<>();
        for (Draft draft : drafts.values()) {
            long key = key(fixed, draft);
            keys.put(draft.proposalId(), key);
            Kept result = kept.get(draft.proposalId());
            if (result == null || result.key() != key || draft.savedAt().stream().anyMatch(t -> t != null && t.isAfter(result.validAsOf()))) {
                stale.add(draft.proposalId());
            }
        }
        stale.addAll(excludedSince(courseId, drafts));
        if (!stale.isEmpty()) {
            RunProposals run = stale.size() > READ_BY_IDS_MAX ? RunProposals.of(courseId, runId) : RunProposals.of(courseId, runId, stale);
            for (Proposal proposal : run.proposals()) {
                Long key = keys.get(proposal.id);
                if (key != null && proposal.status == Proposal.Status.DRAFT) {
                    kept.put(proposal.id, new Kept(key, validAsOf, broken(proposal, run)));
                }
            }
        }
        List<Line> lines = new ArrayList<>(proposals.size());
        for (Object[] row : proposals) {
            long id = (Long) row[0];
            Kept result = drafts.containsKey(id) ? kept.get(id) : null;
            lines.add(new Line(id, result == null ? List.of() : result.broken()));
        }
        return lines;
    }

    /** The rules a draft breaks, as message keys in a stable order. */
    static List<String> broken(Proposal proposal, RunProposals run) {
        List<String> broken = new ArrayList<>();
        GroupEvaluation.ordered(MatchingService.check(proposal, run).violations()).forEach(v -> broken.add("unmatched." + v.name()));
        if (!MatchingService.sizeOk(proposal, run.members(proposal).size())) {
            broken.add("preview.bad-size");
        }
        return List.copyOf(broken);
    }

    private static Map<Long, Draft> drafts(long courseId, long runId, List<Object[]> proposals) {
        Map<Long, Draft> drafts = new HashMap<>();
        for (Object[] row : proposals) {
            if (row[1] == Proposal.Status.DRAFT) {
                drafts.put((Long) row[0], new Draft((Long) row[0], new ArrayList<>(2), new ArrayList<>(2), (String) row[2], (Format) row[3]));
            }
        }
        // a member without an enrolment (they left the course) has no time: it changes the key instead
        for (Object[] row : Proposal.getEntityManager().createQuery("select m.proposal.id, m.person.id, e.updatedAt from ProposalMember m"
                + " left join Enrolment e on e.person.id = m.person.id and e.course.id = ?1"
                + " where m.proposal.run.id = ?2 and m.proposal.status = ?3 order by m.id", Object[].class)
                .setParameter(1, courseId).setParameter(2, runId).setParameter(3, Proposal.Status.DRAFT).getResultList()) {
            Draft draft = drafts.get((Long) row[0]);
            if (draft != null) {
                draft.personIds().add((Long) row[1]);
                draft.savedAt().add((Instant) row[2]);
            }
        }
        return drafts;
    }

    /** Drafts with two members one of whom excluded the other after the draft's kept check. */
    private List<Long> excludedSince(long courseId, Map<Long, Draft> drafts) {
        Instant oldest = drafts.keySet().stream().map(kept::get).filter(k -> k != null).map(Kept::validAsOf).min(Instant::compareTo)
                .orElse(null);
        if (oldest == null) {
            return List.of();
        }
        List<Object[]> exclusions = MatchExclusion.getEntityManager().createQuery(
                "select personId, otherPersonId, createdAt from MatchExclusion where courseId = ?1 and createdAt > ?2", Object[].class)
                .setParameter(1, courseId).setParameter(2, oldest).getResultList();
        if (exclusions.isEmpty()) {
            return List.of();
        }
        Map<Long, Long> draftOfPerson = new HashMap<>();
        drafts.values().forEach(d -> d.personIds().forEach(p -> draftOfPerson.put(p, d.proposalId())));
        List<Long> stale = new ArrayList<>();
        for (Object[] exclusion : exclusions) {
            Long draft = draftOfPerson.get((Long) exclusion[0]);
            Kept result = draft == null ? null : kept.get(draft);
            if (draft != null && draft.equals(draftOfPerson.get((Long) exclusion[1])) && result != null
                    && ((Instant) exclusion[2]).isAfter(result.validAsOf())) {
                stale.add(draft);
            }
        }
        return stale;
    }

    private static long key(long fixed, Draft draft) {
        long key = mix(mix(fixed, draft.format().ordinal()), draft.relaxation() == null ? 0 : draft.relaxation().hashCode());
        for (int i = 0; i < draft.personIds().size(); i++) {
            key = mix(mix(key, draft.personIds().get(i)), draft.savedAt().get(i) == null ? 1 : 2);
        }
        return mix(key, draft.personIds().size());
    }

    /** A 64-bit mix (SplitMix64's finaliser) of a running key and a value. */
    private static long mix(long key, long value) {
        long z = key * 0x9E3779B97F4A7C15L + value;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
