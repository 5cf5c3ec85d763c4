package org.entraide.matching.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class MatcherQualityTest {

    @Test
    void auctionMatcherStaysWithinHalfAPercentOfBlossomV() {
        for (long seed = 1; seed <= 3; seed++) {
            Population population = new Population(TestPopulations.random(3000, seed));
            PairScorer scorer = new PairScorer(population, Rules.defaults());
            int[] all = IntStream.range(0, population.size).toArray();
            CandidateGraph graph = CandidateGraph.build(scorer, all, PairScorer.ALL_MODALITIES, seed);
            double[] bound = new double[1];
            int[] heuristic = AuctionMatcher.match(graph, bound);
            int[] exact = ExactMatching.solve(graph, 60_000).orElseThrow();
            double weightRatio = (double) WeightedMatcher.totalWeight(graph, heuristic)
                    / WeightedMatcher.totalWeight(graph, exact);
            double countRatio = (double) matched(heuristic) / matched(exact);
            System.out.printf("seed=%d edges=%d weight_ratio=%.4f matched_ratio=%.4f matched=%d exact=%d%n", seed,
                    graph.edgeCount, weightRatio, countRatio, matched(heuristic), matched(exact));
            assertTrue(weightRatio >= 0.995, "weight ratio " + weightRatio);
            assertTrue(countRatio >= 0.995, "matched ratio " + countRatio);
            assertTrue(bound[0] >= WeightedMatcher.totalWeight(graph, exact) - 1e-6, "the relaxation bounds the optimum");
        }
    }

    @Test
    void smallGraphsAreMatchedExactly() {
        Population population = new Population(TestPopulations.random(300, 5));
        PairScorer scorer = new PairScorer(population, Rules.defaults());
        int[] all = IntStream.range(0, population.size).toArray();
        CandidateGraph graph = CandidateGraph.build(scorer, all, PairScorer.ALL_MODALITIES, 5);
        assertTrue(graph.edgeCount <= TandemFormation.EXACT_GRAPH_EDGES, "edges " + graph.edgeCount);
        int[] mate = TandemFormation.matchNearOptimally(graph, 5);
        int[] exact = ExactMatching.solve(graph, 60_000).orElseThrow();
        assertEquals(WeightedMatcher.totalWeight(graph, exact), WeightedMatcher.totalWeight(graph, mate));
    }

    static int matched(int[] mate) {
        return (int) IntStream.of(mate).filter(m -> m >= 0).count();
    }
}
