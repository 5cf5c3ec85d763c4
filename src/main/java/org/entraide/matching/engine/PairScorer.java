package org.entraide.matching.engine;

import org.entraide.profile.CertificateIntent;
import org.entraide.profile.Modality;

/**
 * Hard constraints and the soft score of a pair or group.
 *
 * <p>Score of a pair {@code (a, b)} in [0, 1]:
 * <pre>
 *   score = Σ_c w_c · f_c(s_c) / Σ_c w_c      f_c(s) = s if criterion c is SIMILAR, 1 − s if DIVERSE
 *   s_hours        = min(1, H / saturationHours), H = hours per week when both (or, for a group, all) are free;
 *                    always SIMILAR — a group cannot be "diverse" in meeting times
 *   s_motives      = |M_a ∩ M_b| / |M_a ∪ M_b| (Jaccard; ½ when neither declared any)
 *   s_certificate  = 1 if both want it or both do not, ½ if either is undecided, 0 otherwise
 *   s_follow       = 1 if both follow the weekly rhythm or both are selective, 0 otherwise (½ if unknown)
 *   s_objects      = Jaccard of the objects of interaction (½ when neither declared any)
 *   s_proximity    = in person: 1 − d / min(r_a, r_b) (distance d between cities, travel radii r);
 *                    online: 1 − |Δ UTC offset| / 12 h, floored at 0
 *   s_sector       = 1 same organisation, ¾ same sector, 0 otherwise (colleague groups)
 * </pre>
 * A group's score is the mean of its pairs' scores, where the hours term of every pair uses the group's common hours
 * (the intersection of all members' weeks), so a group is never rewarded for pairwise overlaps it cannot use.
 *
 * <p>Hard constraints of a pair, checked in this order: a shared language; a shared modality allowed by the format
 * (in person only when each lives within the other's travel radius); at least {@code minCommonHours} common hours —
 * required for every tandem and group, even chat-only ones, because a weekly shared slot is what lets partners
 * synchronise; no exclusion between them.
 */
final class PairScorer {

    static final int FAIL_LANGUAGE = 1;
    static final int FAIL_MODALITY = 2;
    static final int FAIL_RADIUS = 3;
    static final int FAIL_HOURS = 4;
    static final int FAIL_EXCLUDED = 5;
    static final int COMPATIBLE = 6;

    static final int ALL_MODALITIES = (1 << Modality.values().length) - 1;
    private static final Modality[] PREFERENCE_ORDER = {
            Modality.IN_PERSON, Modality.VIDEO_CALL, Modality.PHONE, Modality.CHAT_EMAIL };

    private final Population population;
    private final Rules rules;
    private final double[] weight = new double[Criterion.values().length];
    private final boolean[] diverse = new boolean[Criterion.values().length];
    private final double totalWeight;
    /*
     * Each criterion's weighted term, tabulated on what it depends on (computed with the same operations as the
     * formula, so the scores are bit-identical): the candidate search scores millions of pairs and the divisions of
     * the Jaccard indexes and the branches of the categorical criteria were a large share of its time.
     */
    private final double[] hoursTerm = new double[WEEK_HOURS + 1];
    /** Indexed by |A ∩ B| · 33 + |A ∪ B| (bit sets of at most 32 values). */
    private final double[] motivesTerm = new double[33 * 33];
    private final double[] objectsTerm = new double[33 * 33];
    /** Indexed by (ordinal + 1) · CATEGORIES + (ordinal + 1); ordinal -1 when unknown. */
    private final double[] certificateTerm = new double[CATEGORIES * CATEGORIES];
    private final double[] followTerm = new double[CATEGORIES * CATEGORIES];
    private final double sameOrganisationTerm;
    private final double sameSectorTerm;
    private final double otherSectorTerm;

    PairScorer(Population population, Rules rules) {
        this.population = population;
        this.rules = rules;
        double total = 0;
        for (Criterion criterion : Criterion.values()) {
            CriterionWeight setting = rules.weights().get(criterion);
            weight[criterion.ordinal()] = setting.weight();
            diverse[criterion.ordinal()] = criterion != Criterion.COMMON_HOURS
                    && setting.preference() == Preference.DIVERSE;
            total += setting.weight();
        }
        totalWeight = total;
        for (int h = 0; h <= WEEK_HOURS; h++) {
            hoursTerm[h] = weight[0] * Math.min(1.0, (double) h / rules.saturationHours());
        }
        for (int common = 0; common <= 32; common++) {
            for (int union = common; union <= 32; union++) {
                double jaccard = union == 0 ? 0.5 : (double) common / union;
                motivesTerm[common * 33 + union] = term(1, jaccard);
                objectsTerm[common * 33 + union] = term(4, jaccard);
            }
        }
        for (int a = -1; a < CATEGORIES - 1; a++) {
            for (int b = -1; b < CATEGORIES - 1; b++) {
                certificateTerm[(a + 1) * CATEGORIES + b + 1] = term(2, certificate(a, b));
                followTerm[(a + 1) * CATEGORIES + b + 1] = term(3, a < 0 || b < 0 ? 0.5 : a == b ? 1 : 0);
            }
        }
        sameOrganisationTerm = term(6, 1);
        sameSectorTerm = term(6, 0.75);
        otherSectorTerm = term(6, 0);
    }

    static final int WEEK_HOURS = 168;
    /** Enough for the certificate intents and follow modes plus "unknown". */
    private static final int CATEGORIES = 8;

    Population population() {
        return population;
    }

    Rules rules() {
        return rules;
    }

    boolean isDiverse(Criterion criterion) {
        return diverse[criterion.ordinal()] && weight[criterion.ordinal()] > 0;
    }

    /** Modalities both may use under the format: shared, allowed, and in person only within both radii. */
    int usableModalities(int a, int b, int allowed) {
        int shared = population.modalityBits[a] & population.modalityBits[b] & allowed;
        if ((shared & Population.IN_PERSON_BIT) != 0 && !population.withinBothRadii(a, b)) {
            shared &= ~Population.IN_PERSON_BIT;
        }
        return shared;
    }

    /** {@link #COMPATIBLE} or the first hard constraint the pair fails. */
    int check(int a, int b, int allowed) {
        if (!population.shareLanguage(a, b)) {
            return FAIL_LANGUAGE;
        }
        int shared = population.modalityBits[a] & population.modalityBits[b] & allowed;
        if (shared == 0) {
            return FAIL_MODALITY;
        }
        if (shared == Population.IN_PERSON_BIT && !population.withinBothRadii(a, b)) {
            return FAIL_RADIUS;
        }
        if (population.overlap(a, b) < rules.minCommonHours()) {
            return FAIL_HOURS;
        }
        if (population.excludes(a, b)) {
            return FAIL_EXCLUDED;
        }
        return COMPATIBLE;
    }

    static Modality preferred(int usableBits) {
        for (Modality modality : PREFERENCE_ORDER) {
            if ((usableBits & (1 << modality.ordinal())) != 0) {
                return modality;
            }
        }
        return null;
    }

    /** Score of a compatible pair meeting with their preferred usable modality. */
    double pairScore(int a, int b, int allowed) {
        Modality modality = preferred(usableModalities(a, b, allowed));
        return score(a, b, population.overlap(a, b), modality == Modality.IN_PERSON);
    }

    double score(int a, int b, int commonHours, boolean inPerson) {
        Population p = population;
        double distance = inPerson && weight[5] > 0 ? p.distanceKm(a, b) : 0;
        return score(commonHours, p.motiveBits[a], p.motiveBits[b], p.certificate[a], p.certificate[b],
                p.followMode[a], p.followMode[b], p.objectBits[a], p.objectBits[b], inPerson, distance,
                p.radiusKm[a], p.radiusKm[b], p.utcOffsetMinutes[a], p.utcOffsetMinutes[b], sector(a, b));
    }

    /**
     * The score formula on the pair's raw attributes (the candidate search calls it on data gathered per bucket);
     * {@code distanceKm} is only read for an in-person pair.
     */
    double score(int commonHours, int motivesA, int motivesB, int certificateA, int certificateB, int followA,
            int followB, int objectsA, int objectsB, boolean inPerson, double distanceKm, int radiusA, int radiusB,
            int offsetA, int offsetB, double sector) {
        if (totalWeight <= 0) {
            return 0;
        }
        double sum = commonHours <= WEEK_HOURS ? hoursTerm[commonHours]
                : weight[0] * Math.min(1.0, (double) commonHours / rules.saturationHours());
        sum += motivesTerm[Integer.bitCount(motivesA & motivesB) * 33 + Integer.bitCount(motivesA | motivesB)];
        sum += certificateTerm[(certificateA + 1) * CATEGORIES + certificateB + 1];
        sum += followTerm[(followA + 1) * CATEGORIES + followB + 1];
        sum += objectsTerm[Integer.bitCount(objectsA & objectsB) * 33 + Integer.bitCount(objectsA | objectsB)];
        if (weight[5] > 0) {
            double proximity;
            if (inPerson) {
                double limit = Math.max(1, Math.min(radiusA, radiusB));
                proximity = Math.max(0, 1 - distanceKm / limit);
            } else {
                proximity = Math.max(0, 1 - Math.abs(offsetA - offsetB) / 720.0);
            }
            sum += term(5, proximity);
        }
        sum += sector == 1 ? sameOrganisationTerm : sector == 0.75 ? sameSectorTerm
                : sector == 0 ? otherSectorTerm : term(6, sector);
        return sum / totalWeight;
    }

    static double sector(int organisationA, int organisationB, int sectorA, int sectorB) {
        if (organisationA >= 0 && organisationA == organisationB) {
            return 1;
        }
        return sectorA >= 0 && sectorA == sectorB ? 0.75 : 0;
    }

    private double term(int criterion, double similarity) {
        return weight[criterion] * (diverse[criterion] ? 1 - similarity : similarity);
    }

    private static double certificate(int first, int second) {
        int undecided = CertificateIntent.UNDECIDED.ordinal();
        if (first < 0 || second < 0 || first == undecided || second == undecided) {
            return 0.5;
        }
        return first == second ? 1 : 0;
    }

    double sector(int a, int b) {
        Population p = population;
        return sector(p.organisation[a], p.organisation[b], p.sector[a], p.sector[b]);
    }

    /** Mean pair score of a group whose members share {@code commonHours} hours. */
    double groupScore(int[] members, int count, int commonHours, boolean inPerson) {
        if (count < 2) {
            return 0;
        }
        double sum = 0;
        for (int i = 0; i < count; i++) {
            for (int j = i + 1; j < count; j++) {
                sum += score(members[i], members[j], commonHours, inPerson);
            }
        }
        return sum / (count * (count - 1) / 2.0);
    }
}
