package org.entraide.matching.engine;

import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jgrapht.Graph;
import org.jgrapht.alg.interfaces.MatchingAlgorithm;
import org.jgrapht.alg.matching.blossom.v5.KolmogorovWeightedMatching;
import org.jgrapht.alg.matching.blossom.v5.ObjectiveSense;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.jgrapht.graph.SimpleWeightedGraph;
import org.jgrapht.util.SupplierUtil;

/**
 * The exact maximum-weight matching (Blossom V, JGraphT) on integer weights, run under a watchdog because Blossom V
 * can run away on some inputs (JGraphT #1200): the reference for quality figures, and the solver of small components.
 */
final class ExactMatching {

    private ExactMatching() {
    }

    /** Mates of the vertices listed (graph vertex ids), or empty if the watchdog fired. */
    static Optional<int[]> solve(CandidateGraph graph, int[] vertices, long timeoutMillis) {
        FutureTask<int[]> task = new FutureTask<>(() -> solveNow(graph, vertices));
        Thread worker = new Thread(task, "blossom-v");
        worker.setDaemon(true);
        worker.start();
        try {
            return Optional.of(task.get(timeoutMillis, TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            task.cancel(true);
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Blossom V failed", e.getCause());
        }
    }

    private static int[] solveNow(CandidateGraph graph, int[] vertices) {
        Graph<Integer, DefaultWeightedEdge> jgraph = new SimpleWeightedGraph<>(
                SupplierUtil.createIntegerSupplier(graph.vertexCount), SupplierUtil.DEFAULT_WEIGHTED_EDGE_SUPPLIER);
        boolean[] included = new boolean[graph.vertexCount];
        for (int v : vertices) {
            included[v] = true;
            jgraph.addVertex(v);
        }
        for (int a : vertices) {
            for (int k = graph.adjacencyStart[a]; k < graph.adjacencyStart[a + 1]; k++) {
                int b = graph.adjacentVertex[k];
                if (b > a && included[b]) {
                    DefaultWeightedEdge edge = jgraph.addEdge(a, b);
                    jgraph.setEdgeWeight(edge, graph.adjacentWeight[k]);
                }
            }
        }
        MatchingAlgorithm.Matching<Integer, DefaultWeightedEdge> matching =
                new KolmogorovWeightedMatching<>(jgraph, ObjectiveSense.MAXIMIZE).getMatching();
        int[] mate = new int[graph.vertexCount];
        Arrays.fill(mate, -1);
        for (DefaultWeightedEdge edge : matching.getEdges()) {
            int a = jgraph.getEdgeSource(edge);
            int b = jgraph.getEdgeTarget(edge);
            mate[a] = b;
            mate[b] = a;
        }
        return mate;
    }

    /** All vertices of the graph. */
    static Optional<int[]> solve(CandidateGraph graph, long timeoutMillis) {
        int[] all = new int[graph.vertexCount];
        for (int v = 0; v < all.length; v++) {
            all[v] = v;
        }
        return solve(graph, all, timeoutMillis);
    }
}
