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

    private static final Check TOO_FEW = new Check(WeekMask.EMPTY, null, Set.of(UnmatchedReason.TOO_FEW_NEARBY));

    private GroupEvaluation() {
    }

    /**
     * The hard constraints alone, without the score and explanation: what the preview needs of every proposal of a run
     * (tens of thousands in a large course) and publishing re-checks.
     *
     * @param modality how the group would meet (null when no shared modality)
     */
    public record Check(WeekMask commonHours, Modality modality, Set<UnmatchedReason> violations) {

        public boolean valid() {
            return violations.isEmpty();
        }
    }

    /** Checks the members as one group under the course's rules (a tandem is a group of two). */
    public static Check check(List<EngineLearner> members, Rules rules) {
        return members.size() < 2 ? TOO_FEW : check(members, rules, new Population(members));
    }

    /** Evaluates the members as one group under the course's rules: the check, the score and its explanation. */
    public static Result evaluate(List<EngineLearner> members, Rules rules) {
        if (members.size() < 2) {
            return new Result(0, null, TOO_FEW.commonHours(), TOO_FEW.violations(), null);
        }
        Population population = new Population(members);
        Check check = check(members, rules, population);
        PairScorer scorer = new PairScorer(population, rules);
        int[] index = new int[members.size()];
        for (int i = 0; i < index.length; i++) {
            index[i] = i;
        }
        Modality modality = check.modality();
        double score = scorer.groupScore(index, index.length, check.commonHours().count(), modality == Modality.IN_PERSON);
        Explanation explanation = modality == null ? null : new Explainer(scorer).explain(index, index.length, modality, false);
        return new Result(score, modality, check.commonHours(), check.violations(), explanation);
    }

    /** Needs at least two members. */
    private static Check check(List<EngineLearner> members, Rules rules, Population population) {
        Set<UnmatchedReason> violations = EnumSet.noneOf(UnmatchedReason.class);
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
        for (int a = 0; a < members.size(); a++) {
            for (int b = a + 1; b < members.size(); b++) {
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
        return new Check(common, modality, violations);
    }

    /** Convenience for callers that list the violations in a stable order. */
    public static List<UnmatchedReason> ordered(Set<UnmatchedReason> violations) {
        List<UnmatchedReason> ordered = new ArrayList<>(violations);
        ordered.sort(null);
        return ordered;
    }
}
