package org.entraide.matching.engine;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Near-optimal maximum-weight matching on a candidate graph in O(m · passes), without blossoms. No longer used by
 * the engine ({@link AuctionMatcher} replaced it: 96.9 % → 99.9 % of Blossom V); kept for its weight helpers.
 *
 * <ol>
 *   <li>Global Path Algorithm (Maue &amp; Sanders 2007): take edges heaviest first while they extend vertex-disjoint
 *       paths, then keep the best matching of every path by dynamic programming.</li>
 *   <li>Local improvement in seeded random vertex order: apply the best gain among the alternating paths and
 *       cycles of up to four edges around each vertex (augment, re-pair, swap partners), until a pass gains
 *       nothing.</li>
 *   <li>Augmenting paths of up to {@link #MAX_AUGMENTING_EDGES} edges from every free vertex, depth-first with a
 *       small budget, applied when they raise the weight: these recover the learners greedy methods leave
 *       unpaired.</li>
 * </ol>
 * Components small enough are solved exactly instead, see {@link ExactMatching}.
 */
final class WeightedMatcher {

    static final int MAX_AUGMENTING_EDGES = 11;
    private static final int SEARCH_BUDGET = 400;
    private static final int MAX_PASSES = 30;

    private final CandidateGraph graph;
    private final int[] start;
    private final int[] to;
    private final int[] weight;
    private final int[] mate;
    private final int[] mateWeight;

    private WeightedMatcher(CandidateGraph graph) {
        this.graph = graph;
        this.start = graph.adjacencyStart;
        this.to = graph.adjacentVertex;
        this.weight = graph.adjacentWeight;
        this.mate = new int[graph.vertexCount];
        this.mateWeight = new int[graph.vertexCount];
        Arrays.fill(mate, -1);
        this.pathMark = new int[graph.vertexCount];
        this.stack = new int[MAX_AUGMENTING_EDGES + 2];
        this.bestPath = new int[MAX_AUGMENTING_EDGES + 2];
    }

    /** Mate of every vertex (-1 when unpaired). */
    static int[] match(CandidateGraph graph, long seed) {
        WeightedMatcher matcher = new WeightedMatcher(graph);
        matcher.globalPaths();
        return matcher.improve(seed);
    }

    /** Improves a given matching (e.g. exact per block) across the whole graph. */
    static int[] improve(CandidateGraph graph, int[] initialMate, long seed) {
        WeightedMatcher matcher = new WeightedMatcher(graph);
        for (int v = 0; v < initialMate.length; v++) {
            if (initialMate[v] > v) {
                matcher.pair(v, initialMate[v], edgeWeight(graph, v, initialMate[v]));
            }
        }
        return matcher.improve(seed);
    }

    private int[] improve(long seed) {
        int[] order = shuffledVertices(graph.vertexCount, new SplittableRandom(seed));
        for (int round = 0; round < 3; round++) {
            improveLocally(order);
            if (!augmentFromFreeVertices(order)) {
                break;
            }
        }
        improveByAlternatingWalks(order);
        return mate;
    }

    static long totalWeight(CandidateGraph graph, int[] mate) {
        long total = 0;
        for (int v = 0; v < mate.length; v++) {
            if (mate[v] > v) {
                total += edgeWeight(graph, v, mate[v]);
            }
        }
        return total;
    }

    static int edgeWeight(CandidateGraph graph, int a, int b) {
        for (int k = graph.adjacencyStart[a]; k < graph.adjacencyStart[a + 1]; k++) {
            if (graph.adjacentVertex[k] == b) {
                return graph.adjacentWeight[k];
            }
        }
        return Integer.MIN_VALUE;
    }

    private static int[] shuffledVertices(int n, SplittableRandom random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }

    private void globalPaths() {
        int n = graph.vertexCount;
        int edges = 0;
        long[] sorted = new long[graph.edgeCount];
        for (int a = 0; a < n; a++) {
            for (int k = start[a]; k < start[a + 1]; k++) {
                if (to[k] > a) {
                    sorted[edges++] = ((long) (Integer.MAX_VALUE - weight[k]) << 32) | k;
                }
            }
        }
        Arrays.sort(sorted, 0, edges);
        int[] parent = new int[n];
        for (int v = 0; v < n; v++) {
            parent[v] = v;
        }
        int[] link1 = new int[n];
        int[] link2 = new int[n];
        int[] linkWeight1 = new int[n];
        int[] linkWeight2 = new int[n];
        Arrays.fill(link1, -1);
        Arrays.fill(link2, -1);
        int[] source = edgeSources();
        for (int i = 0; i < edges; i++) {
            int k = (int) sorted[i];
            int a = source[k];
            int b = to[k];
            if (link2[a] >= 0 || link2[b] >= 0) {
                continue;
            }
            int rootA = find(parent, a);
            int rootB = find(parent, b);
            if (rootA == rootB) {
                continue;
            }
            parent[rootA] = rootB;
            if (link1[a] < 0) { link1[a] = b; linkWeight1[a] = weight[k]; } else { link2[a] = b; linkWeight2[a] = weight[k]; }
            if (link1[b] < 0) { link1[b] = a; linkWeight1[b] = weight[k]; } else { link2[b] = a; linkWeight2[b] = weight[k]; }
        }
        boolean[] seen = new boolean[n];
        int[] path = new int[n];
        int[] pathWeight = new int[n];
        long[] best = new long[n + 1];
        for (int v = 0; v < n; v++) {
            if (seen[v] || link1[v] < 0 || link2[v] >= 0) {
                continue;
            }
            int length = 0;
            int previous = -1;
            int current = v;
            while (current >= 0) {
                seen[current] = true;
                path[length] = current;
                int next = link1[current] != previous ? link1[current] : link2[current];
                int nextWeight = link1[current] != previous ? linkWeight1[current] : linkWeight2[current];
                if (next >= 0 && seen[next]) {
                    next = -1;
                }
                pathWeight[length++] = nextWeight;
                previous = current;
                current = next;
            }
            best[0] = 0;
            best[1] = 0;
            for (int i = 2; i <= length; i++) {
                best[i] = Math.max(best[i - 1], best[i - 2] + pathWeight[i - 2]);
            }
            for (int i = length; i >= 2; ) {
                if (best[i] == best[i - 1]) {
                    i--;
                } else {
                    pair(path[i - 2], path[i - 1], pathWeight[i - 2]);
                    i -= 2;
                }
            }
        }
    }

    private int[] edgeSources() {
        int[] source = new int[to.length];
        for (int a = 0; a < graph.vertexCount; a++) {
            for (int k = start[a]; k < start[a + 1]; k++) {
                source[k] = a;
            }
        }
        return source;
    }

    private static int find(int[] parent, int v) {
        while (parent[v] != v) {
            parent[v] = parent[parent[v]];
            v = parent[v];
        }
        return v;
    }

    private void pair(int a, int b, int w) {
        mate[a] = b;
        mate[b] = a;
        mateWeight[a] = w;
        mateWeight[b] = w;
    }

    private void unpair(int a) {
        int b = mate[a];
        if (b >= 0) {
            mate[b] = -1;
            mate[a] = -1;
        }
    }

    /** Heaviest edge from {@code v} to a free vertex other than the excluded ones, as (weight << 32 | vertex). */
    private long bestFree(int v, int excludedA, int excludedB) {
        long best = -1;
        for (int k = start[v]; k < start[v + 1]; k++) {
            int u = to[k];
            if (mate[u] < 0 && u != excludedA && u != excludedB) {
                long candidate = ((long) weight[k] << 32) | u;
                if (best < 0 || weight[k] > (int) (best >>> 32)) {
                    best = candidate;
                }
            }
        }
        return best;
    }

    private static int gainOf(long free) {
        return free < 0 ? 0 : (int) (free >>> 32);
    }

    private static int vertexOf(long free) {
        return free < 0 ? -1 : (int) free;
    }

    private void improveLocally(int[] order) {
        for (int pass = 0; pass < MAX_PASSES; pass++) {
            long gained = 0;
            for (int u : order) {
                gained += improveAround(u);
            }
            if (gained == 0) {
                return;
            }
        }
    }

    /** Applies the best short alternating path or cycle through {@code u}; returns the gain. */
    private int improveAround(int u) {
        int bestGain = 0;
        int bestKind = 0;
        int bestV = -1;
        int bestX = -1;
        int bestY = -1;
        int bestVWeight = 0;
        int bestXWeight = 0;
        int bestYWeight = 0;
        int m = mate[u];
        for (int k = start[u]; k < start[u + 1]; k++) {
            int v = to[k];
            int wuv = weight[k];
            if (v == m) {
                continue;
            }
            int mv = mate[v];
            if (m < 0) {
                if (mv < 0) {
                    if (wuv > bestGain) {
                        bestGain = wuv; bestKind = 1; bestV = v; bestVWeight = wuv;
                    }
                } else {
                    long free = bestFree(mv, u, -1);
                    int gain = wuv - mateWeight[v] + gainOf(free);
                    if (gain > bestGain) {
                        bestGain = gain; bestKind = 2; bestV = v; bestVWeight = wuv;
                        bestX = vertexOf(free); bestXWeight = gainOf(free);
                    }
                }
            } else if (mv < 0) {
                long free = bestFree(m, u, v);
                int gain = wuv - mateWeight[u] + gainOf(free);
                if (gain > bestGain) {
                    bestGain = gain; bestKind = 3; bestV = v; bestVWeight = wuv;
                    bestX = vertexOf(free); bestXWeight = gainOf(free);
                }
            } else {
                int x = mv;
                int wmx = edgeWeight(graph, m, x);
                if (wmx != Integer.MIN_VALUE) {
                    int gain = wuv + wmx - mateWeight[u] - mateWeight[v];
                    if (gain > bestGain) {
                        bestGain = gain; bestKind = 4; bestV = v; bestVWeight = wuv; bestX = x; bestXWeight = wmx;
                    }
                }
                long freeM = bestFree(m, u, v);
                long freeX = bestFree(x, u, v);
                int fm = gainOf(freeM);
                int fx = gainOf(freeX);
                int yM = vertexOf(freeM);
                int yX = vertexOf(freeX);
                if (yM >= 0 && yM == yX) {
                    if (fm >= fx) { fx = 0; yX = -1; } else { fm = 0; yM = -1; }
                }
                int gain = wuv - mateWeight[u] - mateWeight[v] + fm + fx;
                if (gain > bestGain) {
                    bestGain = gain; bestKind = 5; bestV = v; bestVWeight = wuv;
                    bestX = yM; bestXWeight = fm; bestY = yX; bestYWeight = fx;
                }
            }
        }
        if (bestGain <= 0) {
            return 0;
        }
        int v = bestV;
        switch (bestKind) {
            case 1 -> pair(u, v, bestVWeight);
            case 2 -> {
                int old = mate[v];
                unpair(v);
                pair(u, v, bestVWeight);
                if (bestX >= 0) {
                    pair(old, bestX, bestXWeight);
                }
            }
            case 3 -> {
                int old = mate[u];
                unpair(u);
                pair(u, v, bestVWeight);
                if (bestX >= 0) {
                    pair(old, bestX, bestXWeight);
                }
            }
            case 4 -> {
                int oldU = mate[u];
                int oldV = mate[v];
                unpair(u);
                unpair(v);
                pair(u, v, bestVWeight);
                pair(oldU, oldV, bestXWeight);
            }
            default -> {
                int oldU = mate[u];
                int oldV = mate[v];
                unpair(u);
                unpair(v);
                pair(u, v, bestVWeight);
                if (bestX >= 0) {
                    pair(oldU, bestX, bestXWeight);
                }
                if (bestY >= 0) {
                    pair(oldV, bestY, bestYWeight);
                }
            }
        }
        return bestGain;
    }

    private final int[] pathMark;
    private int stamp;
    private final int[] stack;
    private final int[] bestPath;
    private int bestPathLength;
    private long bestPathGain;
    private int budget;

    /** Returns whether any augmenting path was applied. */
    private boolean augmentFromFreeVertices(int[] order) {
        boolean applied = false;
        for (int u : order) {
            if (mate[u] >= 0 || start[u] == start[u + 1]) {
                continue;
            }
            stamp++;
            bestPathGain = 0;
            bestPathLength = 0;
            budget = SEARCH_BUDGET;
            stack[0] = u;
            pathMark[u] = stamp;
            search(u, 1, 0);
            if (bestPathLength > 0) {
                for (int i = 0; i + 1 < bestPathLength; i += 2) {
                    int a = bestPath[i];
                    int b = bestPath[i + 1];
                    pair(a, b, edgeWeight(graph, a, b));
                }
                applied = true;
            }
        }
        return applied;
    }

    /** Depth-first over alternating paths: {@code a} needs a non-matching edge; {@code gain} so far. */
    private void search(int a, int length, long gain) {
        for (int k = start[a]; k < start[a + 1] && budget > 0; k++) {
            int b = to[k];
            if (pathMark[b] == stamp) {
                continue;
            }
            budget--;
            long withEdge = gain + weight[k];
            int c = mate[b];
            if (c < 0) {
                if (withEdge > bestPathGain) {
                    bestPathGain = withEdge;
                    System.arraycopy(stack, 0, bestPath, 0, length);
                    bestPath[length] = b;
                    bestPathLength = length + 1;
                }
            } else if (length + 2 <= MAX_AUGMENTING_EDGES && pathMark[c] != stamp) {
                stack[length] = b;
                stack[length + 1] = c;
                pathMark[b] = stamp;
                pathMark[c] = stamp;
                search(c, length + 2, withEdge - mateWeight[b]);
                pathMark[b] = 0;
                pathMark[c] = 0;
            }
        }
    }

    private int startMate;
    private boolean bestCloses;

    /**
     * Depth-first search, from every vertex, for alternating paths and cycles of up to {@link #MAX_AUGMENTING_EDGES}
     * edges whose new edges outweigh the matched edges they replace; applies the best one found per vertex.
     */
    private void improveByAlternatingWalks(int[] order) {
        for (int pass = 0; pass < MAX_PASSES; pass++) {
            boolean improved = false;
            for (int u : order) {
                if (start[u] == start[u + 1]) {
                    continue;
                }
                stamp++;
                bestPathGain = 0;
                bestPathLength = 0;
                bestCloses = false;
                budget = SEARCH_BUDGET;
                startMate = mate[u];
                stack[0] = u;
                pathMark[u] = stamp;
                if (startMate >= 0) {
                    pathMark[startMate] = stamp;
                }
                walk(u, 1, startMate >= 0 ? -mateWeight[u] : 0);
                if (startMate >= 0) {
                    pathMark[startMate] = 0;
                }
                if (bestPathLength > 0) {
                    applyWalk();
                    improved = true;
                }
            }
            if (!improved) {
                return;
            }
        }
    }

    private void walk(int a, int length, long gain) {
        for (int k = start[a]; k < start[a + 1] && budget > 0; k++) {
            int b = to[k];
            budget--;
            long withEdge = gain + weight[k];
            if (b == startMate) {
                if (length > 1 && withEdge > bestPathGain) {
                    record(length, -1, withEdge, true);
                }
                continue;
            }
            if (pathMark[b] == stamp) {
                continue;
            }
            int c = mate[b];
            if (c < 0) {
                if (withEdge > bestPathGain) {
                    record(length, b, withEdge, false);
                }
            } else if (pathMark[c] != stamp) {
                long afterRemoval = withEdge - mateWeight[b];
                stack[length] = b;
                stack[length + 1] = c;
                if (afterRemoval > bestPathGain) {
                    record(length + 2, -1, afterRemoval, false);
                }
                if (length + 2 <= MAX_AUGMENTING_EDGES) {
                    pathMark[b] = stamp;
                    pathMark[c] = stamp;
                    walk(c, length + 2, afterRemoval);
                    pathMark[b] = 0;
                    pathMark[c] = 0;
                }
            }
        }
    }

    private void record(int length, int lastFree, long gain, boolean closes) {
        bestPathGain = gain;
        System.arraycopy(stack, 0, bestPath, 0, length);
        bestPathLength = length;
        if (lastFree >= 0) {
            bestPath[length] = lastFree;
            bestPathLength = length + 1;
        }
        bestCloses = closes;
        bestPathMate = startMate;
    }

    private int bestPathMate;

    /**
     * The walk is u, b1, c1, b2, c2, … : new pairs (u, b1), (c1, b2), …; a cycle also pairs the last vertex with u's
     * old mate; an odd tail (last matched vertex left alone) stays free.
     */
    private void applyWalk() {
        for (int i = 0; i < bestPathLength; i++) {
            mate[bestPath[i]] = -1;
        }
        if (bestPathMate >= 0) {
            mate[bestPathMate] = -1;
        }
        for (int i = 0; i + 1 < bestPathLength; i += 2) {
            pair(bestPath[i], bestPath[i + 1], edgeWeight(graph, bestPath[i], bestPath[i + 1]));
        }
        if (bestCloses) {
            int last = bestPath[bestPathLength - 1];
            pair(last, bestPathMate, edgeWeight(graph, last, bestPathMate));
        }
    }
}
