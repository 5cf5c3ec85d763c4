package org.entraide.matching.engine;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The sparse graph of compatible pairs the matchers work on, found without scoring all pairs.
 *
 * <p>Learners are bucketed by language (a learner sits in the bucket of each language they speak). Inside a bucket,
 * several passes sort the learners by a key and score each learner against its successors within the pass's window:
 * three availability passes (min-hash of the UTC week under a seeded permutation of the 168 hours, so neighbours
 * are free at the same hours), one profile pass (certificate, follow mode, motives, objects, then availability) and,
 * for learners who meet in person, one geographic pass (Morton code of a ~20 km grid cell, then availability).
 * Every compatible pair examined is offered to both learners' top-{@code perLearner} lists; the graph is the union
 * of these lists. Cost: O(N · languages · passes · window) pair checks instead of N².
 *
 * <p>The (bucket, pass) scans run on one worker per core, each with its own top lists. A list keeps the best entries
 * under a total order (score, then the lower neighbour index), so it depends only on the set of pairs offered, not on
 * their order: merging the workers' lists gives the same graph whatever the number of threads or their timing.
 */
final class CandidateGraph {

    /** The window of the study groups' graph, the same in every pass. */
    static final int DEFAULT_WINDOW = 40;
    /**
     * Tandem windows per pass (three availability passes, profile, geographic) and list size. The profile pass finds
     * most of the edges the optimum uses (without it the optimum at 100,000 drops by 4 %, against 0.1 % for any one
     * availability pass), so it scans furthest. Measured at 100,000 (seed 1) against the former 40 in every pass and
     * 20 per learner: 20M pair checks instead of 24.5M, 678k edges instead of 1.09M, matched weight 32,240.3 instead
     * of 32,215.9; at 5,000 the optimum on the graph is 99.14 % of the all-pairs optimum (was 99.19 %). Tried: 10 per
     * learner (99.02–99.09 % at 5,000, too close to the 99 % target), windows 10/80/30 (−0.1 % weight at 100,000).
     */
    static final int[] TANDEM_WINDOWS = { 15, 15, 15, 100, 30 };
    static final int TANDEM_PER_LEARNER = 12;
    /**
     * The order of a bucket's passes (an involution: pass p runs at rank PASS_ORDER[p]). The profile pass, which finds
     * the best pairs, goes first, so the top lists fill with strong entries and most later offers are refused by the
     * cheap comparison with the weakest entry (measured at 100,000: 5.7M list insertions instead of 6.3M, the same graph).
     */
    private static final int[] PASS_ORDER = { 3, 1, 2, 0, 4 };
    static final int SCALE = 1000;

    final PairScorer scorer;
    final int allowedModalities;
    /** Population index of each vertex. */
    final int[] vertexLearner;
    /** Vertex of each population index, or -1 when the learner is not in this graph. */
    final int[] vertexOf;
    final int vertexCount;
    final int[] adjacencyStart;
    final int[] adjacentVertex;
    final double[] adjacentScore;
    final int[] adjacentWeight;
    final int edgeCount;
    /** Furthest hard constraint passed against anyone examined, per vertex (see {@link PairScorer#check}). */
    final int[] furthestStage;

    private CandidateGraph(PairScorer scorer, int allowedModalities, int[] vertexLearner, long[] edges,
            double[] edgeScores, int[] furthestStage) {
        this.scorer = scorer;
        this.allowedModalities = allowedModalities;
        this.vertexLearner = vertexLearner;
        this.vertexCount = vertexLearner.length;
        this.vertexOf = vertexOf(scorer.population().size, vertexLearner);
        this.furthestStage = furthestStage;
        this.edgeCount = edges.length;
        int[] degree = new int[vertexCount + 1];
        for (long edge : edges) {
            degree[(int) (edge >>> 32)]++;
            degree[(int) edge]++;
        }
        adjacencyStart = new int[vertexCount + 1];
        for (int v = 0; v < vertexCount; v++) {
            adjacencyStart[v + 1] = adjacencyStart[v] + degree[v];
        }
        adjacentVertex = new int[2 * edges.length];
        adjacentScore = new double[2 * edges.length];
        adjacentWeight = new int[2 * edges.length];
        int[] fill = Arrays.copyOf(adjacencyStart, vertexCount);
        for (int e = 0; e < edges.length; e++) {
            long edge = edges[e];
            int a = (int) (edge >>> 32);
            int b = (int) edge;
            double score = edgeScores[e];
            int weight = Math.max(1, (int) Math.round(score * SCALE));
            adjacentVertex[fill[a]] = b;
            adjacentScore[fill[a]] = score;
            adjacentWeight[fill[a]++] = weight;
            adjacentVertex[fill[b]] = a;
            adjacentScore[fill[b]] = score;
            adjacentWeight[fill[b]++] = weight;
        }
    }

    /** For each learner of the population, its vertex in this graph, or -1. */
    private static int[] vertexOf(int populationSize, int[] vertexLearner) {
        int[] vertexOf = new int[populationSize];
        Arrays.fill(vertexOf, -1);
        for (int v = 0; v < vertexLearner.length; v++) {
            vertexOf[vertexLearner[v]] = v;
        }
        return vertexOf;
    }

    /**
     * The graph of the union of the top lists: vertex v's neighbours are its own list plus the vertices whose list
     * holds v, in increasing order (the order the former sort of the edge keys gave); each edge's score is read from
     * a list that holds it. Built from the lists directly, the per-vertex steps split over the workers.
     */
    private CandidateGraph(PairScorer scorer, int allowedModalities, int[] vertexLearner, TopCandidates top,
            int[] furthestStage, int threads) {
        this.scorer = scorer;
        this.allowedModalities = allowedModalities;
        this.vertexLearner = vertexLearner;
        this.vertexCount = vertexLearner.length;
        this.vertexOf = vertexOf(scorer.population().size, vertexLearner);
        this.furthestStage = furthestStage;
        int n = vertexCount;
        int capacity = top.capacity;
        // an entry v → u whose reverse u → v is missing adds v to u's neighbours
        boolean[] oneWay = new boolean[n * capacity];
        runAll(ranges(n, threads, (from, to) -> {
            for (int v = from; v < to; v++) {
                for (int i = 0; i < top.count[v]; i++) {
                    oneWay[v * capacity + i] = Double.isNaN(top.find(top.neighbour[v * capacity + i], v));
                }
            }
        }));
        int[] degree = new int[n];
        long ends = 0;
        for (int v = 0; v < n; v++) {
            degree[v] += top.count[v];
            ends += top.count[v];
            for (int i = 0; i < top.count[v]; i++) {
                if (oneWay[v * capacity + i]) {
                    degree[top.neighbour[v * capacity + i]]++;
                    ends++;
                }
            }
        }
        this.edgeCount = (int) (ends / 2);
        adjacencyStart = new int[n + 1];
        for (int v = 0; v < n; v++) {
            adjacencyStart[v + 1] = adjacencyStart[v] + degree[v];
        }
        adjacentVertex = new int[adjacencyStart[n]];
        adjacentScore = new double[adjacencyStart[n]];
        adjacentWeight = new int[adjacencyStart[n]];
        int[] fill = Arrays.copyOf(adjacencyStart, n);
        for (int v = 0; v < n; v++) {
            for (int i = 0; i < top.count[v]; i++) {
                int u = top.neighbour[v * capacity + i];
                double score = top.score[v * capacity + i];
                adjacentVertex[fill[v]] = u;
                adjacentScore[fill[v]++] = score;
                if (oneWay[v * capacity + i]) {
                    adjacentVertex[fill[u]] = v;
                    adjacentScore[fill[u]++] = score;
                }
            }
        }
        runAll(ranges(n, threads, (from, to) -> {
            for (int v = from; v < to; v++) {
                // insertion sort of the (short) neighbour list by vertex
                for (int k = adjacencyStart[v] + 1; k < adjacencyStart[v + 1]; k++) {
                    int u = adjacentVertex[k];
                    double score = adjacentScore[k];
                    int m = k - 1;
                    while (m >= adjacencyStart[v] && adjacentVertex[m] > u) {
                        adjacentVertex[m + 1] = adjacentVertex[m];
                        adjacentScore[m + 1] = adjacentScore[m];
                        m--;
                    }
                    adjacentVertex[m + 1] = u;
                    adjacentScore[m + 1] = score;
                }
                for (int k = adjacencyStart[v]; k < adjacencyStart[v + 1]; k++) {
                    adjacentWeight[k] = Math.max(1, (int) Math.round(adjacentScore[k] * SCALE));
                }
            }
        }));
    }

    interface RangeWork {
        void run(int from, int to);
    }

    static Runnable[] ranges(int n, int threads, RangeWork work) {
        Runnable[] parts = new Runnable[threads];
        for (int t = 0; t < threads; t++) {
            int from = (int) ((long) n * t / threads);
            int to = (int) ((long) n * (t + 1) / threads);
            parts[t] = () -> work.run(from, to);
        }
        return parts;
    }

    static CandidateGraph build(PairScorer scorer, int[] learners, int allowedModalities, long seed) {
        return build(scorer, learners, allowedModalities, seed, TANDEM_WINDOWS, TANDEM_PER_LEARNER);
    }

    /** The same window in every pass. */
    static CandidateGraph build(PairScorer scorer, int[] learners, int allowedModalities, long seed, int window,
            int perLearner) {
        return build(scorer, learners, allowedModalities, seed, new int[] { window, window, window, window, window },
                perLearner);
    }

    /** {@code windows}: the window of each pass (three availability passes, profile, geographic). */
    static CandidateGraph build(PairScorer scorer, int[] learners, int allowedModalities, long seed, int[] windows,
            int perLearner) {
        Population population = scorer.population();
        int n = learners.length;
        int[][] buckets = languageBuckets(population, learners);
        SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        int[][] minHashes = new int[3][];
        for (int pass = 0; pass < 3; pass++) {
            minHashes[pass] = minHashes(population, learners, random.split());
        }
        long[][] passKeys = new long[5][n];
        for (int v = 0; v < n; v++) {
            int learner = learners[v];
            for (int pass = 0; pass < 3; pass++) {
                passKeys[pass][v] = minHashes[pass][v];
            }
            passKeys[3][v] = (profileKey(population, learner) << 16) | (minHashes[0][v] >>> 8);
            boolean inPerson = (population.modalityBits[learner] & allowedModalities & Population.IN_PERSON_BIT) != 0;
            passKeys[4][v] = inPerson ? (morton(population.latitude[learner], population.longitude[learner]) << 8)
                    | (minHashes[0][v] >>> 16) : -1;
        }
        // tasks: (bucket, pass), largest buckets first so the workers end together
        int taskCount = 0;
        long[] tasks = new long[buckets.length * passKeys.length];
        int largest = 0;
        for (int b = 0; b < buckets.length; b++) {
            if (buckets[b].length >= 2) {
                largest = Math.max(largest, buckets[b].length);
                for (int pass = 0; pass < passKeys.length; pass++) {
                    tasks[taskCount++] = ((long) (Integer.MAX_VALUE - buckets[b].length) << 32) | (b << 3)
                            | PASS_ORDER[pass];
                }
            }
        }
        Arrays.sort(tasks, 0, taskCount);
        int threads = n < PARALLEL_THRESHOLD ? 1
                : Math.max(1, Math.min(THREADS, taskCount));
        Scan[] scans = new Scan[threads];
        AtomicInteger next = new AtomicInteger();
        long[] taskList = Arrays.copyOf(tasks, taskCount);
        int maxBucket = largest;
        long[] records = vertexRecords(population, learners, allowedModalities);
        for (int t = 0; t < threads; t++) {
            scans[t] = new Scan(scorer, learners, records, windows, perLearner, maxBucket, buckets, passKeys, taskList,
                    next);
        }
        runAll(scans);
        // the top lists keep the best entries under a total order, so merging them in any order gives the same lists
        Scan first = scans[0];
        if (threads > 1) {
            // merged by ranges of vertices, one per worker (each list is merged by one thread only)
            runAll(ranges(n, threads, (from, to) -> {
                for (int other = 1; other < scans.length; other++) {
                    first.top.merge(scans[other].top, from, to);
                    for (int v = from; v < to; v++) {
                        first.furthest[v] = Math.max(first.furthest[v], scans[other].furthest[v]);
                    }
                }
            }));
        }
        return new CandidateGraph(scorer, allowedModalities, learners.clone(), first.top, first.furthest, threads);
    }

    /** Longs per vertex in {@link #vertexRecords}. */
    private static final int RECORD = 12;

    /**
     * What the scan reads of each vertex, packed contiguously in vertex order: a pass gathers a bucket's learners in
     * its own order, and reading one record (a cache line and a half) instead of eighteen population arrays at a
     * random index made that gather several times cheaper.
     */
    private static long[] vertexRecords(Population p, int[] learners, int allowed) {
        long[] records = new long[learners.length * RECORD];
        for (int v = 0; v < learners.length; v++) {
            int learner = learners[v];
            int r = v * RECORD;
            double angle = p.radiusKm[learner] / (2 * Population.EARTH_RADIUS_KM);
            double halfChordLimit = angle >= Math.PI / 2 ? Double.POSITIVE_INFINITY : Math.sin(angle);
            records[r] = p.week0[learner];
            records[r + 1] = p.week1[learner];
            records[r + 2] = p.week2[learner];
            records[r + 3] = Double.doubleToRawLongBits(p.x[learner]);
            records[r + 4] = Double.doubleToRawLongBits(p.y[learner]);
            records[r + 5] = Double.doubleToRawLongBits(p.z[learner]);
            records[r + 6] = Double.doubleToRawLongBits(halfChordLimit);
            records[r + 7] = pack(p.modalityBits[learner] & allowed, p.motiveBits[learner]);
            records[r + 8] = pack(p.objectBits[learner], p.certificate[learner]);
            records[r + 9] = pack(p.followMode[learner], p.organisation[learner]);
            records[r + 10] = pack(p.sector[learner], p.utcOffsetMinutes[learner]);
            records[r + 11] = pack(p.radiusKm[learner], p.excluded[learner].length > 0 ? 1 : 0);
        }
        return records;
    }

    private static long pack(int high, int low) {
        return ((long) high << 32) | (low & 0xFFFFFFFFL);
    }

    /** Workers of the candidate search (the results do not depend on it): one per core. */
    static final int THREADS = Integer.getInteger("entraide.matching.threads",
            Runtime.getRuntime().availableProcessors());

    /** Below this many learners the candidate search runs on the calling thread only. */
    static final int PARALLEL_THRESHOLD = 4_000;

    static void runAll(Runnable[] work) {
        if (work.length == 1) {
            work[0].run();
            return;
        }
        Thread[] helpers = new Thread[work.length - 1];
        Throwable[] failure = new Throwable[1];
        for (int t = 1; t < work.length; t++) {
            Runnable task = work[t];
            helpers[t - 1] = new Thread(task, "candidate-graph-" + t);
            helpers[t - 1].setDaemon(true);
            helpers[t - 1].setUncaughtExceptionHandler((thread, error) -> {
                synchronized (failure) {
                    failure[0] = error;
                }
            });
            helpers[t - 1].start();
        }
        work[0].run();
        for (Thread helper : helpers) {
            try {
                helper.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while building the candidate graph", e);
            }
        }
        synchronized (failure) {
            if (failure[0] != null) {
                throw new IllegalStateException("candidate graph worker failed", failure[0]);
            }
        }
    }

    /**
     * One worker of the candidate search: takes (bucket, pass) tasks, gathers the bucket's learners in the pass's
     * order into contiguous arrays (so the window scan reads memory sequentially), checks the hard constraints and
     * scores each pair in the window with the same arithmetic as {@link PairScorer}, and offers compatible pairs to
     * its own top lists.
     */
    private static final class Scan implements Runnable {
        private final PairScorer scorer;
        private final Population population;
        private final int[] learners;
        /** {@link #vertexRecords}. */
        private final long[] records;
        private final int[] windows;
        private final int minHours;
        private final int[][] buckets;
        private final long[][] passKeys;
        private final long[] tasks;
        private final AtomicInteger next;
        final TopCandidates top;
        final int[] furthest;
        private final long[] order;
        private final int[] vertex;
        private final long[] w0;
        private final long[] w1;
        private final long[] w2;
        private final int[] modalities;
        private final int[] motives;
        private final int[] objects;
        private final int[] certificate;
        private final int[] follow;
        private final int[] organisation;
        private final int[] sector;
        private final int[] offset;
        private final int[] radius;
        private final boolean[] hasExclusions;
        private final double[] x;
        private final double[] y;
        private final double[] z;
        /** sin(r / 2R) for travel radius r (1 beyond half the Earth's circumference): the half chord of r. */
        private final double[] halfChordLimit;
        /** The weakest entry of each learner's full top list (-∞ while it has room), in bucket order. */
        private final double[] limitScore;
        private final int[] limitNeighbour;

        Scan(PairScorer scorer, int[] learners, long[] records, int[] windows, int perLearner, int maxBucket,
                int[][] buckets, long[][] passKeys, long[] tasks, AtomicInteger next) {
            this.scorer = scorer;
            this.population = scorer.population();
            this.learners = learners;
            this.records = records;
            this.windows = windows;
            this.minHours = scorer.rules().minCommonHours();
            this.buckets = buckets;
            this.passKeys = passKeys;
            this.tasks = tasks;
            this.next = next;
            this.top = new TopCandidates(learners.length, perLearner);
            this.furthest = new int[learners.length];
            order = new long[maxBucket];
            vertex = new int[maxBucket];
            w0 = new long[maxBucket];
            w1 = new long[maxBucket];
            w2 = new long[maxBucket];
            modalities = new int[maxBucket];
            motives = new int[maxBucket];
            objects = new int[maxBucket];
            certificate = new int[maxBucket];
            follow = new int[maxBucket];
            organisation = new int[maxBucket];
            sector = new int[maxBucket];
            offset = new int[maxBucket];
            radius = new int[maxBucket];
            hasExclusions = new boolean[maxBucket];
            x = new double[maxBucket];
            y = new double[maxBucket];
            z = new double[maxBucket];
            halfChordLimit = new double[maxBucket];
            limitScore = new double[maxBucket];
            limitNeighbour = new int[maxBucket];
        }

        @Override
        public void run() {
            for (int task = next.getAndIncrement(); task < tasks.length; task = next.getAndIncrement()) {
                int bucketIndex = (int) (tasks[task] & 0xFFFFFFFFL) >>> 3;
                int pass = PASS_ORDER[(int) (tasks[task] & 7)];
                scan(buckets[bucketIndex], passKeys[pass], windows[pass]);
            }
        }

        private void scan(int[] bucket, long[] keys, int window) {
            int count = 0;
            for (int position = 0; position < bucket.length; position++) {
                long key = keys[bucket[position]];
                if (key >= 0) {
                    order[count++] = (key << 24) | position;
                }
            }
            Arrays.sort(order, 0, count);
            long[] records = this.records;
            for (int i = 0; i < count; i++) {
                int v = bucket[(int) (order[i] & 0xFFFFFF)];
                int r = v * RECORD;
                vertex[i] = v;
                w0[i] = records[r];
                w1[i] = records[r + 1];
                w2[i] = records[r + 2];
                x[i] = Double.longBitsToDouble(records[r + 3]);
                y[i] = Double.longBitsToDouble(records[r + 4]);
                z[i] = Double.longBitsToDouble(records[r + 5]);
                halfChordLimit[i] = Double.longBitsToDouble(records[r + 6]);
                modalities[i] = (int) (records[r + 7] >>> 32);
                motives[i] = (int) records[r + 7];
                objects[i] = (int) (records[r + 8] >>> 32);
                certificate[i] = (int) records[r + 8];
                follow[i] = (int) (records[r + 9] >>> 32);
                organisation[i] = (int) records[r + 9];
                sector[i] = (int) (records[r + 10] >>> 32);
                offset[i] = (int) records[r + 10];
                radius[i] = (int) (records[r + 11] >>> 32);
                hasExclusions[i] = (int) records[r + 11] != 0;
                limitScore[i] = top.weakestScore[v];
                limitNeighbour[i] = top.weakestNeighbour[v];
            }
            // everyone in a bucket speaks its language: the language check always passes here
            for (int i = 0; i < count; i++) {
                int a = vertex[i];
                int stageA = furthest[a];
                int end = Math.min(count, i + window + 1);
                for (int j = i + 1; j < end; j++) {
                    int b = vertex[j];
                    if (a == b) {
                        continue;
                    }
                    int stage;
                    int shared = modalities[i] & modalities[j];
                    boolean inPerson = false;
                    double distance = 0;
                    if (shared == 0) {
                        stage = PairScorer.FAIL_MODALITY;
                    } else {
                        boolean radiusFails = false;
                        if ((shared & Population.IN_PERSON_BIT) != 0) {
                            double dx = x[i] - x[j];
                            double dy = y[i] - y[j];
                            double dz = z[i] - z[j];
                            double half = Math.sqrt(dx * dx + dy * dy + dz * dz) / 2;
                            // half chord against sin(r / 2R): asin only near the limit or for a compatible pair
                            double limit = Math.min(halfChordLimit[i], halfChordLimit[j]);
                            if (half > limit * (1 + 1e-9)) {
                                inPerson = false;
                            } else if (half < limit * (1 - 1e-9)) {
                                inPerson = true;
                                distance = -1; // computed when scored
                            } else {
                                distance = 2 * Population.EARTH_RADIUS_KM * Math.asin(Math.min(1, half));
                                inPerson = distance <= Math.min(radius[i], radius[j]);
                            }
                            radiusFails = !inPerson && shared == Population.IN_PERSON_BIT;
                        }
                        if (radiusFails) {
                            stage = PairScorer.FAIL_RADIUS;
                        } else {
                            int hours = Long.bitCount(w0[i] & w0[j]) + Long.bitCount(w1[i] & w1[j])
                                    + Long.bitCount(w2[i] & w2[j]);
                            if (hours < minHours) {
                                stage = PairScorer.FAIL_HOURS;
                            } else if ((hasExclusions[i] || hasExclusions[j])
                                    && population.excludes(learners[a], learners[b])) {
                                stage = PairScorer.FAIL_EXCLUDED;
                            } else {
                                stage = PairScorer.COMPATIBLE;
                                offerPair(i, j, hours, inPerson, distance);
                            }
                        }
                    }
                    if (stage > stageA) {
                        stageA = stage;
                    }
                    if (stage > furthest[b]) {
                        furthest[b] = stage;
                    }
                }
                if (stageA > furthest[a]) {
                    furthest[a] = stageA;
                }
            }
        }

        /** Scores a compatible pair (bucket positions i < j) and offers it to both top lists. */
        private void offerPair(int i, int j, int hours, boolean inPerson, double distance) {
            int a = vertex[i];
            int b = vertex[j];
            double sectorSimilarity = PairScorer.sector(organisation[i], organisation[j],
                    sector[i], sector[j]);
            if (inPerson && distance < 0) {
                double dx = x[i] - x[j];
                double dy = y[i] - y[j];
                double dz = z[i] - z[j];
                double chord = Math.sqrt(dx * dx + dy * dy + dz * dz);
                // asin (a slow native call, the largest cost of the scan) only when the pair
                // can enter a list: asin(h) ≥ h, so the chord is a lower bound of the distance
                // and gives an upper bound of the score
                double optimistic = scorer.score(hours, motives[i], motives[j], certificate[i],
                        certificate[j], follow[i], follow[j], objects[i], objects[j], true,
                        Population.EARTH_RADIUS_KM * chord, radius[i], radius[j], offset[i],
                        offset[j], sectorSimilarity);
                if (optimistic < Math.min(limitScore[i], limitScore[j]) - 1e-9) {
                    return;
                }
                distance = 2 * Population.EARTH_RADIUS_KM * Math.asin(Math.min(1, chord / 2));
            }
            double score = scorer.score(hours, motives[i], motives[j], certificate[i],
                    certificate[j], follow[i], follow[j], objects[i], objects[j], inPerson,
                    distance, radius[i], radius[j], offset[i], offset[j], sectorSimilarity);
            // the lists' weakest entries, kept in bucket order: most offers are refused
            // here without touching the lists (random reads of large arrays)
            if (score > limitScore[i] || (score == limitScore[i] && TopCandidates.tieAbove(a, b, limitNeighbour[i]))) {
                top.offer(a, b, score);
                limitScore[i] = top.weakestScore[a];
                limitNeighbour[i] = top.weakestNeighbour[a];
            }
            if (score > limitScore[j] || (score == limitScore[j] && TopCandidates.tieAbove(b, a, limitNeighbour[j]))) {
                top.offer(b, a, score);
                limitScore[j] = top.weakestScore[b];
                limitNeighbour[j] = top.weakestNeighbour[b];
            }
        }
    }

    /** Every compatible pair: the reference graph of the N = 5,000 comparison, O(N²). */
    static CandidateGraph allCompatiblePairs(PairScorer scorer, int[] learners, int allowedModalities) {
        int n = learners.length;
        long[] edges = new long[1024];
        int count = 0;
        int[] furthest = new int[n];
        for (int a = 0; a < n; a++) {
            for (int b = a + 1; b < n; b++) {
                int stage = scorer.check(learners[a], learners[b], allowedModalities);
                furthest[a] = Math.max(furthest[a], stage);
                furthest[b] = Math.max(furthest[b], stage);
                if (stage == PairScorer.COMPATIBLE) {
                    if (count == edges.length) {
                        edges = Arrays.copyOf(edges, count * 2);
                    }
                    edges[count++] = ((long) a << 32) | b;
                }
            }
        }
        long[] found = Arrays.copyOf(edges, count);
        double[] scores = new double[count];
        for (int e = 0; e < count; e++) {
            scores[e] = scorer.pairScore(learners[(int) (found[e] >>> 32)], learners[(int) found[e]],
                    allowedModalities);
        }
        return new CandidateGraph(scorer, allowedModalities, learners.clone(), found, scores, furthest);
    }

    private static int[][] languageBuckets(Population population, int[] learners) {
        int languages = population.languageNames.size();
        int[] sizes = new int[languages];
        for (int learner : learners) {
            for (int language : population.languageIds[learner]) {
                sizes[language]++;
            }
        }
        int[][] buckets = new int[languages][];
        for (int language = 0; language < languages; language++) {
            buckets[language] = new int[sizes[language]];
        }
        int[] fill = new int[languages];
        for (int v = 0; v < learners.length; v++) {
            for (int language : population.languageIds[learners[v]]) {
                buckets[language][fill[language]++] = v;
            }
        }
        return buckets;
    }

    /** The profile pass's key, before availability: certificate intent, follow mode, motives, objects. */
    static long profileKey(Population population, int learner) {
        return ((long) (population.certificate[learner] + 1) << 15)
                | ((long) (population.followMode[learner] + 1) << 13)
                | ((long) (population.motiveBits[learner] & 0xFF) << 5)
                | (population.objectBits[learner] & 0x1F);
    }

    /** Ranks of the first three free hours under a random permutation, packed so similar weeks sort together. */
    private static int[] minHashes(Population population, int[] learners, SplittableRandom random) {
        int[] rank = new int[168];
        for (int hour = 0; hour < 168; hour++) {
            rank[hour] = hour;
        }
        for (int i = 167; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = rank[i];
            rank[i] = rank[j];
            rank[j] = swap;
        }
        int[] result = new int[learners.length];
        for (int v = 0; v < learners.length; v++) {
            int learner = learners[v];
            int first = 255;
            int second = 255;
            int third = 255;
            long[] words = { population.week0[learner], population.week1[learner], population.week2[learner] };
            for (int word = 0; word < 3; word++) {
                long bits = words[word];
                while (bits != 0) {
                    int hour = word * 64 + Long.numberOfTrailingZeros(bits);
                    bits &= bits - 1;
                    int r = rank[hour];
                    if (r < first) {
                        third = second;
                        second = first;
                        first = r;
                    } else if (r < second) {
                        third = second;
                        second = r;
                    } else if (r < third) {
                        third = r;
                    }
                }
            }
            result[v] = (first << 16) | (second << 8) | third;
        }
        return result;
    }

    private static long morton(double latitude, double longitude) {
        long row = Math.max(0, Math.min(1023, (long) ((latitude + 90) / 0.2)));
        long column = Math.max(0, Math.min(2047, (long) ((longitude + 180) / 0.2)));
        long code = 0;
        for (int bit = 0; bit < 11; bit++) {
            code |= ((column >>> bit) & 1L) << (2 * bit);
            code |= ((row >>> bit) & 1L) << (2 * bit + 1);
        }
        return code;
    }

    int degree(int vertex) {
        return adjacencyStart[vertex + 1] - adjacencyStart[vertex];
    }

    /**
     * Each vertex's best-scoring compatible neighbours, kept in fixed-size arrays. Entries are ranked by score, then
     * by a hash of the pair, then by the lower neighbour index: a total order, so the lists only depend on the set of
     * pairs offered, not on the order of the offers (which lets workers keep their own lists and merge them).
     *
     * <p>The hash spreads ties. Ranking equal scores by the lower index alone gave every list the same few vertices
     * when many learners answered alike (same city, hours and answers, as with people who keep the defaults): among
     * 44 identical learners all 44 lists held vertices 0–11, so the graph left 20 of them without any partner. With
     * the hash each list holds its own share of the tied neighbours.
     */
    private static final class TopCandidates {
        final int capacity;
        final int[] neighbour;
        final double[] score;
        final int[] count;
        /** Lowest-ranked entry of a full list (-∞ while the list has room). */
        final double[] weakestScore;
        final int[] weakestNeighbour;

        TopCandidates(int vertices, int capacity) {
            weakestScore = new double[vertices];
            Arrays.fill(weakestScore, Double.NEGATIVE_INFINITY);
            weakestNeighbour = new int[vertices];
            this.capacity = capacity;
            neighbour = new int[vertices * capacity];
            score = new double[vertices * capacity];
            count = new int[vertices];
        }

        void offer(int vertex, int other, double value) {
            double weakest = weakestScore[vertex];
            int weakestOther = weakestNeighbour[vertex];
            if (value < weakest || (value == weakest && !tieAbove(vertex, other, weakestOther))) {
                return; // ranks below the weakest entry of a full list, or is that entry
            }
            int size = count[vertex];
            int base = vertex * capacity;
            for (int i = 0; i < size; i++) {
                if (neighbour[base + i] == other) {
                    return;
                }
            }
            // each list is a binary min-heap under the ranking, its weakest entry at the root
            if (size < capacity) {
                siftUp(vertex, base, size, other, value);
                count[vertex] = size + 1;
                if (size + 1 == capacity) {
                    weakestScore[vertex] = score[base];
                    weakestNeighbour[vertex] = neighbour[base];
                }
            } else {
                siftDown(vertex, base, other, value);
                weakestScore[vertex] = score[base];
                weakestNeighbour[vertex] = neighbour[base];
            }
        }

        /** Whether entry (s1, n1) ranks below (s2, n2) in {@code vertex}'s list. */
        private static boolean below(int vertex, double s1, int n1, double s2, int n2) {
            return s1 < s2 || (s1 == s2 && below(vertex, n1, n2));
        }

        /** Between neighbours of equal score in {@code vertex}'s list: whether {@code other} ranks above {@code weakest}. */
        static boolean tieAbove(int vertex, int other, int weakest) {
            return other != weakest && below(vertex, weakest, other);
        }

        /** Between neighbours of equal score: whether n1 ranks below n2. */
        private static boolean below(int vertex, int n1, int n2) {
            long h1 = pairHash(vertex, n1);
            long h2 = pairHash(vertex, n2);
            return h1 < h2 || (h1 == h2 && n1 > n2);
        }

        /** SplitMix64 of the unordered pair: the same for both ends, and unrelated to how the vertices are numbered. */
        private static long pairHash(int a, int b) {
            long z = ((long) Math.min(a, b) << 32 | Math.max(a, b)) + 0x9E3779B97F4A7C15L;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }

        private void siftUp(int vertex, int base, int slot, int other, double value) {
            while (slot > 0) {
                int parent = (slot - 1) >>> 1;
                if (!below(vertex, value, other, score[base + parent], neighbour[base + parent])) {
                    break;
                }
                score[base + slot] = score[base + parent];
                neighbour[base + slot] = neighbour[base + parent];
                slot = parent;
            }
            score[base + slot] = value;
            neighbour[base + slot] = other;
        }

        /** Replaces the root (the weakest entry) of a full list. */
        private void siftDown(int vertex, int base, int other, double value) {
            int slot = 0;
            while (true) {
                int child = 2 * slot + 1;
                if (child >= capacity) {
                    break;
                }
                if (child + 1 < capacity && below(vertex, score[base + child + 1], neighbour[base + child + 1],
                        score[base + child], neighbour[base + child])) {
                    child++;
                }
                if (!below(vertex, score[base + child], neighbour[base + child], value, other)) {
                    break;
                }
                score[base + slot] = score[base + child];
                neighbour[base + slot] = neighbour[base + child];
                slot = child;
            }
            score[base + slot] = value;
            neighbour[base + slot] = other;
        }

        /** Offers the other lists' entries of vertices {@code from} to {@code to} (exclusive) to these lists. */
        void merge(TopCandidates other, int from, int to) {
            for (int v = from; v < to; v++) {
                int base = v * capacity;
                for (int i = 0; i < other.count[v]; i++) {
                    offer(v, other.neighbour[base + i], other.score[base + i]);
                }
            }
        }

        double find(int vertex, int other) {
            int base = vertex * capacity;
            for (int i = 0; i < count[vertex]; i++) {
                if (neighbour[base + i] == other) {
                    return score[base + i];
                }
            }
            return Double.NaN;
        }
    }
}
