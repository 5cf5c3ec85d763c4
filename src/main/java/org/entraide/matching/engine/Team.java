package org.entraide.matching.engine;

import java.util.Arrays;

import org.entraide.profile.Modality;

/** A group being built: members, and what they all share (hours, languages, modalities). */
final class Team {

    final int[] members;
    int size;
    final boolean existing;
    boolean preformed;
    double score;
    Modality modality;
    int commonHours;

    Team(int capacity, boolean existing) {
        this.members = new int[capacity];
        this.existing = existing;
    }

    boolean contains(int learner) {
        for (int i = 0; i < size; i++) {
            if (members[i] == learner) {
                return true;
            }
        }
        return false;
    }

    /** Hard constraints of the group made of the members plus {@code extra}, or null if one fails. */
    static Modality feasibleModality(PairScorer scorer, int[] group, int count, int allowed) {
        Population p = scorer.population();
        long w0 = -1L;
        long w1 = -1L;
        long w2 = -1L;
        int modalities = allowed;
        long languages = -1L;
        for (int i = 0; i < count; i++) {
            int a = group[i];
            w0 &= p.week0[a];
            w1 &= p.week1[a];
            w2 &= p.week2[a];
            modalities &= p.modalityBits[a];
            languages &= p.languageBits[a];
        }
        if (modalities == 0 || languages == 0
                || Long.bitCount(w0) + Long.bitCount(w1) + Long.bitCount(w2) < scorer.rules().minCommonHours()) {
            return null;
        }
        if (p.exactLanguageCheck && !shareOneLanguage(p, group, count)) {
            return null;
        }
        for (int i = 0; i < count; i++) {
            for (int j = i + 1; j < count; j++) {
                if (p.excludes(group[i], group[j])) {
                    return null;
                }
                if ((modalities & Population.IN_PERSON_BIT) != 0 && !p.withinBothRadii(group[i], group[j])) {
                    modalities &= ~Population.IN_PERSON_BIT;
                    if (modalities == 0) {
                        return null;
                    }
                }
            }
        }
        return PairScorer.preferred(modalities);
    }

    private static boolean shareOneLanguage(Population p, int[] group, int count) {
        for (int language : p.languageIds[group[0]]) {
            boolean all = true;
            for (int i = 1; i < count && all; i++) {
                all = Arrays.binarySearch(p.languageIds[group[i]], language) >= 0;
            }
            if (all) {
                return true;
            }
        }
        return false;
    }

    static int commonHours(Population p, int[] group, int count) {
        long w0 = -1L;
        long w1 = -1L;
        long w2 = -1L;
        for (int i = 0; i < count; i++) {
            w0 &= p.week0[group[i]];
            w1 &= p.week1[group[i]];
            w2 &= p.week2[group[i]];
        }
        return Long.bitCount(w0) + Long.bitCount(w1) + Long.bitCount(w2 & ((1L << 40) - 1));
    }

    /** Recomputes modality, common hours and score; returns false (leaving the team unchanged) if infeasible. */
    boolean refresh(PairScorer scorer, int allowed) {
        Modality feasible = feasibleModality(scorer, members, size, allowed);
        if (feasible == null) {
            return false;
        }
        modality = feasible;
        commonHours = commonHours(scorer.population(), members, size);
        score = scorer.groupScore(members, size, commonHours, feasible == Modality.IN_PERSON);
        return true;
    }
}
