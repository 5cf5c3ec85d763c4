package org.entraide.matching.engine;

import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import org.entraide.profile.Format;

/**
 * Reference figures for benchmarks and quality checks: the exact optimum (Blossom V) on the engine's own tandem
 * candidate graph, and the optimum on all compatible pairs (O(N²), for small N only).
 */
public final class MatchingReference {

    /** Total score and matched learners of an optimal matching. */
    public record Optimum(double weight, int matched, int edges) {
    }

    private MatchingReference() {
    }

    /** The exact optimum on the candidate graph {@link MatchingEngine#matchTandems} uses, or empty on timeout. */
    public static Optional<Optimum> exactOnCandidateGraph(List<EngineLearner> learners, Rules rules,
            long timeoutMillis) {
        CandidateGraph graph = tandemGraph(learners, rules, false);
        return ExactMatching.solve(graph, timeoutMillis).map(mate -> optimum(graph, mate));
    }

    /** The exact optimum on every compatible pair of tandem seekers (pre-formed partners left out). */
    public static Optional<Optimum> exactOnAllPairs(List<EngineLearner> learners, Rules rules, long timeoutMillis) {
        CandidateGraph graph = tandemGraph(learners, rules, true);
        return ExactMatching.solve(graph, timeoutMillis).map(mate -> optimum(graph, mate));
    }

    private static CandidateGraph tandemGraph(List<EngineLearner> learners, Rules rules, boolean allPairs) {
        Population population = new Population(learners);
        PairScorer scorer = new PairScorer(population, rules);
        int[] tandemSeekers = IntStream.range(0, population.size)
                .filter(i -> population.learners.get(i).formats().contains(Format.TANDEM))
                .filter(i -> population.unitRoot[i] == i && population.learners.get(i).preformedPartners().isEmpty())
                .toArray();
        return allPairs ? CandidateGraph.allCompatiblePairs(scorer, tandemSeekers, PairScorer.ALL_MODALITIES)
                : CandidateGraph.build(scorer, tandemSeekers, PairScorer.ALL_MODALITIES, rules.seed());
    }

    private static Optimum optimum(CandidateGraph graph, int[] mate) {
        double weight = 0;
        int matched = 0;
        for (int v = 0; v < mate.length; v++) {
            if (mate[v] >= 0) {
                matched++;
                if (mate[v] > v) {
                    for (int k = graph.adjacencyStart[v]; k < graph.adjacencyStart[v + 1]; k++) {
                        if (graph.adjacentVertex[k] == mate[v]) {
                            weight += graph.adjacentScore[k];
                        }
                    }
                }
            }
        }
        return new Optimum(weight, matched, graph.edgeCount);
    }
}
