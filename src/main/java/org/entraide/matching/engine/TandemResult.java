package org.entraide.matching.engine;

import java.util.List;

/**
 * Tandems and the unmatched.
 *
 * @param candidateEdges size of the candidate graph the matching was computed on
 * @param totalWeight    sum of tandem scores (the matching's objective)
 */
public record TandemResult(List<Tandem> tandems, List<Unmatched> unmatched, int candidateEdges, double totalWeight) {

    public TandemResult {
        tandems = List.copyOf(tandems);
        unmatched = List.copyOf(unmatched);
    }

    public int matchedLearners() {
        return 2 * tandems.size();
    }
}
