package org.entraide.matching.engine;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.entraide.availability.WeekMask;
import org.entraide.profile.Modality;

/**
 * Checks and scores a group the engine did not form itself — one a course team edited in a preview (moved,
 * removed, split or merged members) — with the same hard constraints and score as the engine's own groups.
 */
public final class GroupEvaluation {

    /**
     * @param violations hard constraints the group breaks (empty when it is valid)
     * @param modality   how the group would meet (null when no shared modality)
     */
    public record Result(double score, Modality modality, WeekMask commonHours, Set<UnmatchedReason> violations,
            Explanation explanation) {

        public boolean valid() {
            return violations.isEmpty();
        }
    }

    private GroupEvaluation() {
    }

    /** Evaluates the members as one group under the course's rules (a tandem is a group of two). */
    public static Result evaluate(List<EngineLearner> members, Rules rules) {
        Set<UnmatchedReason> violations = EnumSet.noneOf(UnmatchedReason.class);
        if (members.size() < 2) {
            return new Result(0, null, WeekMask.EMPTY, EnumSet.of(UnmatchedReason.TOO_FEW_NEARBY), null);
        }
        Population population = new Population(members);
        PairScorer scorer = new PairScorer(population, rules);
        int[] index = new int[members.size()];
        for (int i = 0; i < index.length; i++) {
            index[i] = i;
        }

        Set<String> languages = new HashSet<>(members.get(0).languages());
        WeekMask common = WeekMask.FULL;
        int modalities = PairScorer.ALL_MODALITIES;
        for (EngineLearner member : members) {
            languages.retainAll(member.languages());
            common = common.and(member.utcWeek());
            int bits = 0;
            for (Modality modality : member.modalities()) {
                bits |= 1 << modality.ordinal();
            }
            modalities &= bits;
        }
        if (languages.isEmpty()) {
            violations.add(UnmatchedReason.NO_SHARED_LANGUAGE);
        }
        if (common.count() < rules.minCommonHours()) {
            violations.add(UnmatchedReason.NO_COMMON_TIME);
        }
        for (int a = 0; a < index.length; a++) {
            for (int b = a + 1; b < index.length; b++) {
                if (population.excludes(a, b)) {
                    violations.add(UnmatchedReason.EXCLUDED);
                }
                if ((modalities & Population.IN_PERSON_BIT) != 0 && !population.withinBothRadii(a, b)) {
                    modalities &= ~Population.IN_PERSON_BIT;
                }
            }
        }
        Modality modality = PairScorer.preferred(modalities);
        if (modality == null) {
            violations.add(UnmatchedReason.NO_SHARED_MODALITY);
        }
        boolean inPerson = modality == Modality.IN_PERSON;
        double score = scorer.groupScore(index, index.length, common.count(), inPerson);
        Explanation explanation = modality == null ? null : new Explainer(scorer).explain(index, index.length, modality, false);
        return new Result(score, modality, common, violations, explanation);
    }

    /** Convenience for callers that list the violations in a stable order. */
    public static List<UnmatchedReason> ordered(Set<UnmatchedReason> violations) {
        List<UnmatchedReason> ordered = new ArrayList<>(violations);
        ordered.sort(null);
        return ordered;
    }
}
