package org.entraide.matching.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

import org.entraide.availability.WeekMask;
import org.entraide.profile.Format;
import org.entraide.profile.Modality;

/**
 * Study groups of {@code groupMinSize}–{@code groupMaxSize} members with a common weekly slot for all of them.
 *
 * <ol>
 *   <li>Late joiners first fill the free seats of existing groups, each seat taken by the feasible learner who
 *       keeps the group's score highest.</li>
 *   <li>Seeded construction: pre-formed units first, then learners with the fewest candidates; each group grows from
 *       its seed by adding, among the candidates of its members, the one that keeps the group's score highest while
 *       every hard constraint still holds for the whole group (common hours are the intersection of all weeks).
 *       A group that cannot reach the minimum size is dissolved, so there are never tiny leftover groups.</li>
 *   <li>Leftovers join a group of one of their candidates that still has a seat.</li>
 *   <li>Local search protecting the worst group: from the lowest-scoring group up, members are swapped or moved with
 *       candidates' groups when this raises the lower of the two groups' scores without lowering their summed
 *       (size-weighted) score, or raises the sum without lowering the lower score (the lowest
 *       {@link #IMPROVE_SHARE} of the groups each round).</li>
 *   <li>The worst group is then raised while it can be: swaps and moves in or out with its members' candidates
 *       and their team-mates, accepted when both groups end above its score.</li>
 * </ol>
 */
final class GroupFormation {

    static final int CANDIDATES_PER_LEARNER = 12;
    private static final int LOCAL_SEARCH_ROUNDS = 4;
    /**
     * Each local-search round visits the lowest-scoring share of the groups only: the upper part gained little
     * (mean 0.754 → 0.734 at 100,000 when restricted to 30 %) and cost two thirds of the run.
     */
    private static final double IMPROVE_SHARE = 0.4;

    private final PairScorer scorer;
    private final Population population;
    private final Rules rules;
    private final Explainer explainer;
    private final int existingCount;
    private final List<ExistingGroup> existingGroups;
    private final int[] teamOf;
    private final List<Team> teams = new ArrayList<>();

    GroupFormation(PairScorer scorer, int learnersToPlace, List<ExistingGroup> existingGroups) {
        this.scorer = scorer;
        this.population = scorer.population();
        this.rules = scorer.rules();
        this.explainer = new Explainer(scorer);
        this.existingCount = learnersToPlace;
        this.existingGroups = existingGroups;
        this.teamOf = new int[population.size];
        Arrays.fill(teamOf, -1);
    }

    GroupResult form() {
        List<Unmatched> unmatched = new ArrayList<>();
        List<Integer> eligibleList = new ArrayList<>();
        int[] unitSize = new int[population.size];
        for (int i = 0; i < existingCount; i++) {
            if (population.learners.get(i).formats().contains(Format.STUDY_GROUP)) {
                unitSize[population.unitRoot[i]]++;
            }
        }
        for (int i = 0; i < existingCount; i++) {
            if (!population.learners.get(i).formats().contains(Format.STUDY_GROUP)) {
                continue;
            }
            if (unitSize[population.unitRoot[i]] > rules.groupMaxSize()) {
                unmatched.add(new Unmatched(population.id(i), Format.STUDY_GROUP,
                        UnmatchedReason.PREFORMED_UNIT_TOO_LARGE));
            } else {
                eligibleList.add(i);
            }
        }
        int[] eligible = eligibleList.stream().mapToInt(Integer::intValue).toArray();
        indexUnits(eligible);
        CandidateGraph graph = CandidateGraph.build(scorer, eligible, PairScorer.ALL_MODALITIES, rules.seed(),
                CandidateGraph.DEFAULT_WINDOW, CANDIDATES_PER_LEARNER);
        List<CompletedGroup> completed = fillExistingGroups(graph, eligible, unitSize);
        buildNewGroups(graph, unitSize);
        seatLeftovers(graph);
        improveWorstGroups(graph);
        raiseWorstGroup(graph);
        List<StudyGroup> groups = new ArrayList<>();
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        int withSlot = 0;
        for (Team team : teams) {
            if (team.existing || team.size < rules.groupMinSize()) {
                continue;
            }
            groups.add(toStudyGroup(team));
            sum += team.score;
            min = Math.min(min, team.score);
            if (team.commonHours >= rules.minCommonHours()) {
                withSlot++;
            }
        }
        boolean tooFewWaiting = graph.vertexCount < rules.groupMinSize() && existingGroups.isEmpty();
        for (int v = 0; v < graph.vertexCount; v++) {
            int learner = graph.vertexLearner[v];
            if (teamOf[learner] < 0) {
                unmatched.add(new Unmatched(population.id(learner), Format.STUDY_GROUP,
                        TandemFormation.reasonFor(population, rules, learner, graph.furthestStage[v],
                                graph.degree(v) > 0, tooFewWaiting)));
            }
        }
        return new GroupResult(groups, completed, unmatched, groups.isEmpty() ? 0 : sum / groups.size(),
                groups.isEmpty() ? 0 : min, groups.isEmpty() ? 1 : (double) withSlot / groups.size());
    }

    private StudyGroup toStudyGroup(Team team) {
        List<String> ids = new ArrayList<>(team.size);
        WeekMask common = WeekMask.FULL;
        for (int i = 0; i < team.size; i++) {
            ids.add(population.id(team.members[i]));
            common = common.and(population.learners.get(team.members[i]).utcWeek());
        }
        return new StudyGroup(ids, team.modality, team.score, common,
                explainer.explain(team.members, team.size, team.modality, team.preformed));
    }

    private List<CompletedGroup> fillExistingGroups(CandidateGraph graph, int[] eligible, int[] unitSize) {
        List<CompletedGroup> completed = new ArrayList<>();
        for (ExistingGroup group : existingGroups) {
            Team team = new Team(Math.max(group.maxSize(), group.members().size()), true);
            for (EngineLearner member : group.members()) {
                team.members[team.size++] = population.indexById.get(member.id());
            }
            teams.add(team);
            int teamIndex = teams.size() - 1;
            team.refresh(scorer, PairScorer.ALL_MODALITIES);
            List<String> joiners = new ArrayList<>();
            while (team.size < group.maxSize()) {
                int best = -1;
                double bestScore = Double.NEGATIVE_INFINITY;
                for (int learner : eligible) {
                    if (teamOf[learner] >= 0 || unitSize[population.unitRoot[learner]] > 1) {
                        continue;
                    }
                    team.members[team.size++] = learner;
                    Modality modality = Team.feasibleModality(scorer, team.members, team.size,
                            PairScorer.ALL_MODALITIES);
                    if (modality != null) {
                        int hours = Team.commonHours(population, team.members, team.size);
                        double score = scorer.groupScore(team.members, team.size, hours,
                                modality == Modality.IN_PERSON);
                        if (score > bestScore) {
                            bestScore = score;
                            best = learner;
                        }
                    }
                    team.size--;
                }
                if (best < 0) {
                    break;
                }
                team.members[team.size++] = best;
                teamOf[best] = teamIndex;
                joiners.add(population.id(best));
                team.refresh(scorer, PairScorer.ALL_MODALITIES);
            }
            if (!joiners.isEmpty()) {
                completed.add(new CompletedGroup(group.id(), joiners, team.score,
                        explainer.explain(team.members, team.size, team.modality, false)));
            }
        }
        return completed;
    }

    private void buildNewGroups(CandidateGraph graph, int[] unitSize) {
        int n = graph.vertexCount;
        SplittableRandom random = new SplittableRandom(rules.seed() ^ 0x9E3779B97F4A7C15L);
        long[] order = new long[n];
        for (int v = 0; v < n; v++) {
            int learner = graph.vertexLearner[v];
            long unitFirst = unitSize[population.unitRoot[learner]] > 1 ? 0 : 1;
            order[v] = (unitFirst << 62) | ((long) Math.min(graph.degree(v), 4095) << 50)
                    | ((long) random.nextInt(1 << 20) << 24) | v;
        }
        Arrays.sort(order);
        int[] members = new int[rules.groupMaxSize()];
        int[] pool = new int[rules.groupMaxSize() * (CANDIDATES_PER_LEARNER * 2 + 8)];
        for (long key : order) {
            int seed = (int) (key & 0xFFFFFF);
            int seedLearner = graph.vertexLearner[seed];
            if (teamOf[seedLearner] >= 0) {
                continue;
            }
            int size = addUnit(graph, members, 0, seedLearner);
            if (size < 0) {
                continue;
            }
            boolean preformed = size > 1;
            while (size < rules.groupPreferredSize()) {
                int poolSize = collectPool(graph, members, size, pool);
                int best = -1;
                int bestSize = size;
                double bestScore = Double.NEGATIVE_INFINITY;
                for (int p = 0; p < poolSize; p++) {
                    int extended = addUnit(graph, members, size, pool[p]);
                    if (extended < 0 || extended > rules.groupMaxSize()) {
                        continue;
                    }
                    Modality modality = Team.feasibleModality(scorer, members, extended, PairScorer.ALL_MODALITIES);
                    if (modality != null) {
                        int hours = Team.commonHours(population, members, extended);
                        double score = scorer.groupScore(members, extended, hours, modality == Modality.IN_PERSON);
                        if (score > bestScore) {
                            bestScore = score;
                            best = pool[p];
                            bestSize = extended;
                        }
                    }
                }
                if (best < 0) {
                    break;
                }
                size = addUnit(graph, members, size, best);
                if (size != bestSize) {
                    throw new IllegalStateException("unit size changed");
                }
            }
            if (size >= rules.groupMinSize()) {
                Team team = new Team(rules.groupMaxSize(), false);
                System.arraycopy(members, 0, team.members, 0, size);
                team.size = size;
                team.preformed = preformed;
                if (team.refresh(scorer, PairScorer.ALL_MODALITIES)) {
                    teams.add(team);
                    for (int i = 0; i < size; i++) {
                        teamOf[members[i]] = teams.size() - 1;
                    }
                }
            }
        }
    }

    /** Appends the unit of {@code learner} (itself or its pre-formed partners); -1 if any is taken. */
    private int addUnit(CandidateGraph graph, int[] members, int size, int learner) {
        int count = size;
        int[] unit = unitMembers[learner];
        if (unit == null) {
            if (teamOf[learner] >= 0 || contains(members, size, learner) || count >= members.length) {
                return -1;
            }
            members[count++] = learner;
            return count;
        }
        for (int other : unit) {
            if (teamOf[other] >= 0 || contains(members, size, other) || count >= members.length) {
                return -1;
            }
            members[count++] = other;
        }
        return count;
    }

    private boolean hasPartners(CandidateGraph graph, int learner) {
        return unitMembers[learner] != null;
    }

    /** The eligible members of each learner's pre-formed unit; null for learners who came alone. */
    private int[][] unitMembers;

    private void indexUnits(int[] eligible) {
        unitMembers = new int[population.size][];
        java.util.Map<Integer, List<Integer>> byRoot = new java.util.TreeMap<>();
        for (int learner : eligible) {
            byRoot.computeIfAbsent(population.unitRoot[learner], root -> new ArrayList<>()).add(learner);
        }
        for (List<Integer> unit : byRoot.values()) {
            if (unit.size() > 1) {
                int[] members = unit.stream().mapToInt(Integer::intValue).toArray();
                for (int member : members) {
                    unitMembers[member] = members;
                }
            }
        }
    }

    private static boolean contains(int[] members, int size, int learner) {
        for (int i = 0; i < size; i++) {
            if (members[i] == learner) {
                return true;
            }
        }
        return false;
    }

    private int collectPool(CandidateGraph graph, int[] members, int size, int[] pool) {
        int count = 0;
        for (int i = 0; i < size; i++) {
            int v = graph.vertexOf[members[i]];
            for (int k = graph.adjacencyStart[v]; k < graph.adjacencyStart[v + 1] && count < pool.length; k++) {
                int other = graph.vertexLearner[graph.adjacentVertex[k]];
                if (teamOf[other] < 0 && !contains(members, size, other) && !contains(pool, count, other)) {
                    pool[count++] = other;
                }
            }
        }
        return count;
    }

    private void seatLeftovers(CandidateGraph graph) {
        for (int v = 0; v < graph.vertexCount; v++) {
            int learner = graph.vertexLearner[v];
            if (teamOf[learner] >= 0 || hasPartners(graph, learner)) {
                continue;
            }
            int bestTeam = -1;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (int k = graph.adjacencyStart[v]; k < graph.adjacencyStart[v + 1]; k++) {
                int t = teamOf[graph.vertexLearner[graph.adjacentVertex[k]]];
                if (t < 0 || teams.get(t).existing || teams.get(t).size >= rules.groupMaxSize()) {
                    continue;
                }
                Team team = teams.get(t);
                team.members[team.size++] = learner;
                Modality modality = Team.feasibleModality(scorer, team.members, team.size, PairScorer.ALL_MODALITIES);
                if (modality != null) {
                    double score = scorer.groupScore(team.members, team.size,
                            Team.commonHours(population, team.members, team.size), modality == Modality.IN_PERSON);
                    if (score > bestScore) {
                        bestScore = score;
                        bestTeam = t;
                    }
                }
                team.size--;
            }
            if (bestTeam >= 0) {
                Team team = teams.get(bestTeam);
                team.members[team.size++] = learner;
                team.refresh(scorer, PairScorer.ALL_MODALITIES);
                teamOf[learner] = bestTeam;
            }
        }
    }

    private void improveWorstGroups(CandidateGraph graph) {
        Integer[] order = new Integer[teams.size()];
        for (int round = 0; round < LOCAL_SEARCH_ROUNDS; round++) {
            for (int t = 0; t < order.length; t++) {
                order[t] = t;
            }
            Arrays.sort(order, Comparator.comparingDouble((Integer t) -> teams.get(t).score).thenComparing(t -> t));
            int improvements = 0;
            int limit = (int) Math.ceil(order.length * IMPROVE_SHARE);
            for (int position = 0; position < limit; position++) {
                int t = order[position];
                Team team = teams.get(t);
                if (team.existing || team.preformed) {
                    continue;
                }
                for (int i = 0; i < team.size; i++) {
                    if (tryExchanges(graph, t, i)) {
                        improvements++;
                    }
                }
            }
            if (improvements == 0) {
                return;
            }
        }
    }

    /**
     * Raises the worst group while it can: the lowest-scoring group tries every swap, and every move in or out, with
     * the groups of its members' candidates, accepting a change when both groups end above the worst group's
     * current score (even at some cost to the total). Stops when the worst group cannot be raised.
     */
    private void raiseWorstGroup(CandidateGraph graph) {
        java.util.TreeSet<Integer> byScore = new java.util.TreeSet<>(
                Comparator.comparingDouble((Integer t) -> teams.get(t).score).thenComparing(t -> t));
        for (int t = 0; t < teams.size(); t++) {
            if (!teams.get(t).existing && teams.get(t).size >= rules.groupMinSize()) {
                byScore.add(t);
            }
        }
        raiseOnly = true;
        for (int step = 0; step < 20 * (teams.size() + 10) && !byScore.isEmpty(); step++) {
            int worst = byScore.pollFirst();
            Team team = teams.get(worst);
            boolean improved = false;
            if (!team.preformed) {
                touched.clear();
                for (int i = 0; i < team.size && !improved; i++) {
                    improved = tryExchanges(graph, worst, i);
                }
            }
            if (!improved) {
                break;
            }
            byScore.add(worst);
            for (int u : touched) {
                if (u != worst && byScore.remove(u)) {
                    byScore.add(u);
                }
            }
        }
        raiseOnly = false;
    }

    /** In {@link #raiseWorstGroup}: accept any change that lifts the lower of the two groups. */
    private boolean raiseOnly;
    /** Teams changed by the last exchanges (their scores moved). */
    private final List<Integer> touched = new ArrayList<>();

    /**
     * The learners a member may trade places with: its candidates, and in {@link #raiseWorstGroup} also the
     * team-mates of its candidates (a wider neighbourhood for the few groups at the bottom).
     */
    private int[] partners(CandidateGraph graph, int v) {
        int count = 0;
        int degree = graph.degree(v);
        int[] result = new int[raiseOnly ? degree * (rules.groupMaxSize() + 1) : degree];
        for (int k = graph.adjacencyStart[v]; k < graph.adjacencyStart[v + 1]; k++) {
            int other = graph.vertexLearner[graph.adjacentVertex[k]];
            result[count++] = other;
            int u = teamOf[other];
            if (raiseOnly && u >= 0) {
                Team theirs = teams.get(u);
                for (int i = 0; i < theirs.size; i++) {
                    if (theirs.members[i] != other && !contains(result, count, theirs.members[i])) {
                        result[count++] = theirs.members[i];
                    }
                }
            }
        }
        return count == result.length ? result : Arrays.copyOf(result, count);
    }

    /** Tries swapping member {@code index} of team {@code t} with, or receiving, a candidate from another team. */
    private boolean tryExchanges(CandidateGraph graph, int t, int index) {
        Team team = teams.get(t);
        int member = team.members[index];
        int v = graph.vertexOf[member];
        boolean improved = false;
        int[] others = partners(graph, v);
        for (int other : others) {
            int u = teamOf[other];
            if (u < 0 || u == t || teams.get(u).existing || teams.get(u).preformed) {
                continue;
            }
            Team theirs = teams.get(u);
            int otherIndex = indexOf(theirs, other);
            double before = team.score * team.size + theirs.score * theirs.size;
            double beforeMin = Math.min(team.score, theirs.score);
            double oldScoreT = team.score;
            double oldScoreU = theirs.score;
            Modality oldModalityT = team.modality;
            Modality oldModalityU = theirs.modality;
            int oldHoursT = team.commonHours;
            int oldHoursU = theirs.commonHours;
            member = team.members[index];
            team.members[index] = other;
            theirs.members[otherIndex] = member;
            if (team.refresh(scorer, PairScorer.ALL_MODALITIES) && canAccept(team, beforeMin)
                    && theirs.refresh(scorer, PairScorer.ALL_MODALITIES) && accept(before, beforeMin, team, theirs)) {
                teamOf[other] = t;
                teamOf[member] = u;
                touched.add(u);
                return true;
            }
            team.members[index] = member;
            theirs.members[otherIndex] = other;
            restore(team, oldScoreT, oldModalityT, oldHoursT);
            restore(theirs, oldScoreU, oldModalityU, oldHoursU);
            if (theirs.size > rules.groupMinSize() && team.size < rules.groupMaxSize()) {
                team.members[team.size++] = other;
                removeAt(theirs, otherIndex);
                if (team.refresh(scorer, PairScorer.ALL_MODALITIES) && canAccept(team, beforeMin)
                        && theirs.refresh(scorer, PairScorer.ALL_MODALITIES)
                        && accept(before, beforeMin, team, theirs)) {
                    teamOf[other] = t;
                    touched.add(u);
                    improved = true;
                    if (raiseOnly) {
                        return true;
                    }
                    continue;
                }
                team.size--;
                theirs.members[theirs.size++] = other;
                restore(team, oldScoreT, oldModalityT, oldHoursT);
                restore(theirs, oldScoreU, oldModalityU, oldHoursU);
            }
            if (raiseOnly && team.size > rules.groupMinSize() && theirs.size < rules.groupMaxSize()) {
                member = team.members[index];
                theirs.members[theirs.size++] = member;
                removeAt(team, index);
                if (team.refresh(scorer, PairScorer.ALL_MODALITIES) && canAccept(team, beforeMin)
                        && theirs.refresh(scorer, PairScorer.ALL_MODALITIES)
                        && accept(before, beforeMin, team, theirs)) {
                    teamOf[member] = u;
                    touched.add(u);
                    return true;
                }
                theirs.size--;
                team.members[team.size++] = team.members[index];
                team.members[index] = member;
                restore(team, oldScoreT, oldModalityT, oldHoursT);
                restore(theirs, oldScoreU, oldModalityU, oldHoursU);
            }
        }
        return improved;
    }

    /**
     * Early rejection: {@link #accept} needs both groups at or above the lower of their former scores (up to 1e-9),
     * so a change whose first group ends below it is refused without scoring the second group.
     */
    private boolean canAccept(Team first, double beforeMin) {
        return raiseOnly ? first.score > beforeMin + 1e-9 : first.score >= beforeMin - 1e-9;
    }

    private boolean accept(double before, double beforeMin, Team first, Team second) {
        double after = first.score * first.size + second.score * second.size;
        double afterMin = Math.min(first.score, second.score);
        if (raiseOnly) {
            return afterMin > beforeMin + 1e-9;
        }
        return (afterMin > beforeMin + 1e-9 && after >= before - 1e-9)
                || (after > before + 1e-9 && afterMin >= beforeMin - 1e-9);
    }

    private static void restore(Team team, double score, Modality modality, int hours) {
        team.score = score;
        team.modality = modality;
        team.commonHours = hours;
    }

    private static int indexOf(Team team, int learner) {
        for (int i = 0; i < team.size; i++) {
            if (team.members[i] == learner) {
                return i;
            }
        }
        throw new IllegalStateException("member not in its team");
    }

    private static void removeAt(Team team, int index) {
        team.members[index] = team.members[team.size - 1];
        team.size--;
    }
}
