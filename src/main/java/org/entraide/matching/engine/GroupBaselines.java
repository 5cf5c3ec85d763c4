package org.entraide.matching.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.entraide.availability.WeekMask;
import org.entraide.profile.Format;
import org.entraide.profile.Modality;

/**
 * What other platforms do, scored with Entraide's formula for comparison: random grouping (Canvas "assign
 * unassigned", Moodle auto-create) and GroupAL's greedy group-centric filling (Moodle mod_groupformation).
 */
public final class GroupBaselines {

    /** GroupAL examines this many random unassigned learners per seat: a full scan is O(N²) at 100,000. */
    public static final int GROUPAL_SAMPLE = 256;

    private GroupBaselines() {
    }

    /** Share of the groups that meet every hard constraint. */
    public static double feasibleShare(GroupResult result) {
        return result.groups().isEmpty() ? 1
                : (double) result.groups().stream().filter(group -> group.modality() != null).count()
                        / result.groups().size();
    }

    /** The lowest score among the groups that meet every hard constraint (NaN when there is none). */
    public static double worstFeasibleScore(GroupResult result) {
        return result.groups().stream().filter(group -> group.modality() != null)
                .mapToDouble(StudyGroup::score).min().orElse(Double.NaN);
    }

    /** Shuffles the group seekers and cuts them into groups of the preferred size. */
    public static GroupResult random(List<EngineLearner> learners, Rules rules) {
        PairScorer scorer = new PairScorer(new Population(learners), rules);
        int[] seekers = seekers(scorer.population());
        shuffle(seekers, new SplittableRandom(rules.seed()));
        List<int[]> groups = new ArrayList<>();
        int size = rules.groupPreferredSize();
        int count = seekers.length / size;
        for (int g = 0; g < count; g++) {
            int[] members = new int[size + (g < seekers.length % size ? 1 : 0)];
            groups.add(members);
        }
        int next = 0;
        for (int[] members : groups) {
            for (int i = 0; i < members.length; i++) {
                members[i] = seekers[next++];
            }
        }
        return summarise(scorer, groups);
    }

    /**
     * GroupAL: fills one group at a time from the first unassigned learner, adding the sampled learner that maximises
     * mean(pair score) / (1 + std dev(pair scores)), then swaps members between the best and worst groups while
     * their scores differ by more than 0.02. Pair scores use pairwise overlap: GroupAL knows no group intersection.
     */
    public static GroupResult groupAl(List<EngineLearner> learners, Rules rules) {
        PairScorer scorer = new PairScorer(new Population(learners), rules);
        Population population = scorer.population();
        int[] seekers = seekers(population);
        SplittableRandom random = new SplittableRandom(rules.seed());
        shuffle(seekers, random);
        int size = rules.groupPreferredSize();
        boolean[] assigned = new boolean[population.size];
        int remaining = seekers.length;
        int cursor = 0;
        List<int[]> groups = new ArrayList<>();
        int[] unassigned = seekers.clone();
        int unassignedCount = seekers.length;
        while (remaining >= size) {
            while (assigned[seekers[cursor]]) {
                cursor++;
            }
            int[] members = new int[size];
            members[0] = seekers[cursor];
            assigned[members[0]] = true;
            for (int filled = 1; filled < size; filled++) {
                int best = -1;
                double bestValue = Double.NEGATIVE_INFINITY;
                for (int s = 0; s < GROUPAL_SAMPLE && unassignedCount > 0; s++) {
                    int pick = random.nextInt(unassignedCount);
                    int candidate = unassigned[pick];
                    if (assigned[candidate]) {
                        unassigned[pick] = unassigned[--unassignedCount];
                        s--;
                        continue;
                    }
                    members[filled] = candidate;
                    double value = groupAlScore(scorer, members, filled + 1);
                    if (value > bestValue) {
                        bestValue = value;
                        best = candidate;
                    }
                }
                members[filled] = best;
                assigned[best] = true;
            }
            remaining -= size;
            groups.add(members);
        }
        swapBestAndWorst(scorer, groups);
        return summarise(scorer, groups);
    }

    private static void swapBestAndWorst(PairScorer scorer, List<int[]> groups) {
        int rounds = groups.size();
        for (int round = 0; round < rounds; round++) {
            int best = 0;
            int worst = 0;
            double[] values = new double[groups.size()];
            for (int g = 0; g < groups.size(); g++) {
                values[g] = groupAlScore(scorer, groups.get(g), groups.get(g).length);
                if (values[g] > values[best]) {
                    best = g;
                }
                if (values[g] < values[worst]) {
                    worst = g;
                }
            }
            if (values[best] - values[worst] <= 0.02) {
                return;
            }
            int[] high = groups.get(best);
            int[] low = groups.get(worst);
            double bestGain = 0;
            int bestI = -1;
            int bestJ = -1;
            for (int i = 0; i < high.length; i++) {
                for (int j = 0; j < low.length; j++) {
                    swap(high, i, low, j);
                    double gain = Math.min(groupAlScore(scorer, high, high.length), groupAlScore(scorer, low, low.length))
                            - values[worst];
                    swap(high, i, low, j);
                    if (gain > bestGain) {
                        bestGain = gain;
                        bestI = i;
                        bestJ = j;
                    }
                }
            }
            if (bestI < 0) {
                return;
            }
            swap(high, bestI, low, bestJ);
        }
    }

    private static void swap(int[] a, int i, int[] b, int j) {
        int t = a[i];
        a[i] = b[j];
        b[j] = t;
    }

    private static double groupAlScore(PairScorer scorer, int[] members, int count) {
        if (count < 2) {
            return 0;
        }
        Population p = scorer.population();
        double sum = 0;
        double squares = 0;
        int pairs = 0;
        for (int i = 0; i < count; i++) {
            for (int j = i + 1; j < count; j++) {
                double s = scorer.score(members[i], members[j], p.overlap(members[i], members[j]), false);
                sum += s;
                squares += s * s;
                pairs++;
            }
        }
        double mean = sum / pairs;
        double deviation = Math.sqrt(Math.max(0, squares / pairs - mean * mean));
        return mean / (1 + deviation);
    }

    private static int[] seekers(Population population) {
        return java.util.stream.IntStream.range(0, population.size)
                .filter(i -> population.learners.get(i).formats().contains(Format.STUDY_GROUP)).toArray();
    }

    private static void shuffle(int[] values, SplittableRandom random) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
    }

    /**
     * Scores the baseline's groups with the engine's formula and counts those whose members share the minimum common
     * hours. A group that breaks a hard constraint (no modality or language all members share, fewer than the minimum
     * common hours, outside a travel radius for in-person, an exclusion) is not a usable study group: its score counts
     * 0 (its modality is null), so the mean and worst score compare usable groups with usable groups.
     */
    private static GroupResult summarise(PairScorer scorer, List<int[]> groups) {
        Population population = scorer.population();
        List<StudyGroup> result = new ArrayList<>();
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        int ok = 0;
        for (int[] members : groups) {
            Modality modality = Team.feasibleModality(scorer, members, members.length, PairScorer.ALL_MODALITIES);
            int hours = Team.commonHours(population, members, members.length);
            double score = modality == null ? 0
                    : scorer.groupScore(members, members.length, hours, modality == Modality.IN_PERSON);
            List<String> ids = new ArrayList<>();
            WeekMask common = WeekMask.FULL;
            for (int member : members) {
                ids.add(population.id(member));
                common = common.and(population.learners.get(member).utcWeek());
            }
            result.add(new StudyGroup(ids, modality, score, common, new Explanation(true, List.of())));
            sum += score;
            min = Math.min(min, score);
            if (hours >= scorer.rules().minCommonHours()) {
                ok++;
            }
        }
        return new GroupResult(result, List.of(), List.of(), groups.isEmpty() ? 0 : sum / groups.size(),
                groups.isEmpty() ? 0 : min, groups.isEmpty() ? 1 : (double) ok / groups.size());
    }
}
