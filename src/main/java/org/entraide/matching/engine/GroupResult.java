package org.entraide.matching.engine;

import java.util.List;

/**
 * Study groups, existing groups completed with late joiners, and the unmatched.
 *
 * @param commonSlotShare share of new groups whose members are all free together at least the minimum hours
 */
public record GroupResult(List<StudyGroup> groups, List<CompletedGroup> completed, List<Unmatched> unmatched,
        double meanScore, double minScore, double commonSlotShare) {

    public GroupResult {
        groups = List.copyOf(groups);
        completed = List.copyOf(completed);
        unmatched = List.copyOf(unmatched);
    }
}
