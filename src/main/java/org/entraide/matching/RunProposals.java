package org.entraide.matching;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.entraide.course.Course;
import org.entraide.matching.engine.Rules;
import org.entraide.profile.Enrolment;

/**
 * A run's proposals (withdrawn ones left out) with their members, the members' enrolments and the course's matching
 * inputs and rules, read in a fixed number of statements however many proposals: the preview page and publishing would
 * otherwise read them once per proposal and once per member.
 */
record RunProposals(List<Proposal> proposals, Map<Long, List<ProposalMember>> membersByProposal, Map<Long, Enrolment> enrolments,
        EngineInputs inputs, Rules rules) {

    static RunProposals of(long courseId, long runId) {
        // the proposals first, so that each member's proposal is found loaded rather than read again
        List<Proposal> proposals = Proposal.ofRun(runId);
        Map<Long, List<ProposalMember>> members = ProposalMember.<ProposalMember>list(
                "from ProposalMember m join fetch m.person where m.proposal.run.id = ?1 and m.proposal.status <> ?2 order by m.id",
                runId, Proposal.Status.WITHDRAWN).stream().collect(Collectors.groupingBy(m -> m.proposal.id));
        Map<Long, Enrolment> enrolments = Enrolment.<Enrolment>list("course.id = ?1 and person.id in "
                + "(select m.person.id from ProposalMember m where m.proposal.run.id = ?2 and m.proposal.status <> ?3)",
                courseId, runId, Proposal.Status.WITHDRAWN).stream().collect(Collectors.toMap(e -> e.person.id, e -> e));
        return new RunProposals(proposals, members, enrolments, EngineInputs.forCourse(courseId),
                CourseRules.of(Course.findById(courseId), 1));
    }

    /** The same for some proposals of the run only (at most a thousand ids, so that the statements stay small). */
    static RunProposals of(long courseId, long runId, Collection<Long> proposalIds) {
        if (proposalIds.isEmpty()) {
            return new RunProposals(List.of(), Map.of(), Map.of(), null, null);
        }
        List<Proposal> proposals = Proposal.list("run.id = ?1 and id in ?2 order by id", runId, proposalIds);
        Map<Long, List<ProposalMember>> members = ProposalMember.<ProposalMember>list(
                "from ProposalMember m join fetch m.person where m.proposal.run.id = ?1 and m.proposal.id in ?2 order by m.id",
                runId, proposalIds).stream().collect(Collectors.groupingBy(m -> m.proposal.id));
        Map<Long, Enrolment> enrolments = Enrolment.<Enrolment>list("course.id = ?1 and person.id in "
                + "(select m.person.id from ProposalMember m where m.proposal.run.id = ?2 and m.proposal.id in ?3)",
                courseId, runId, proposalIds).stream().collect(Collectors.toMap(e -> e.person.id, e -> e));
        return new RunProposals(proposals, members, enrolments, EngineInputs.forCourse(courseId),
                CourseRules.of(Course.findById(courseId), 1));
    }

    List<ProposalMember> members(Proposal proposal) {
        return membersByProposal.getOrDefault(proposal.id, List.of());
    }
}
