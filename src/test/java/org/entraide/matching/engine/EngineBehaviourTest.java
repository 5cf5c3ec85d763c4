package org.entraide.matching.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.entraide.availability.WeekMask;
import org.entraide.profile.CertificateIntent;
import org.entraide.profile.FollowMode;
import org.entraide.profile.Format;
import org.entraide.profile.Modality;
import org.junit.jupiter.api.Test;

/** Unit tests per rule, determinism and edge cases. */
class EngineBehaviourTest {

    private static final WeekMask EVENINGS = WeekMask.of(18, 19, 20, 42, 43, 44, 66, 67, 68);
    private final MatchingEngine engine = new MatchingEngine(Rules.defaults());

    private static EngineLearner.Builder learner(String id) {
        return EngineLearner.builder(id).week(EVENINGS).languages("fr").modalities(Modality.VIDEO_CALL);
    }

    @Test
    void sameSeedAndInputGiveTheSameResult() {
        List<EngineLearner> learners = TestPopulations.withRelations(TestPopulations.random(600, 11), 11);
        MatchingEngine first = new MatchingEngine(Rules.defaults().withSeed(4));
        MatchingEngine second = new MatchingEngine(Rules.defaults().withSeed(4));
        assertEquals(first.matchTandems(learners), second.matchTandems(learners));
        assertEquals(first.formGroups(learners), second.formGroups(learners));
        assertEquals(first.clusterMeetups(learners), second.clusterMeetups(learners));
    }

    @Test
    void manyLearnersWhoAnsweredAlikeAreAllPlaced() {
        // equal scores everywhere: the candidate lists must not all pick the same few people
        List<EngineLearner> alike = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            alike.add(learner("same-" + i).build());
        }
        TandemResult tandems = engine.matchTandems(alike);
        assertEquals(150, tandems.tandems().size(), "unplaced: " + tandems.unmatched());
        GroupResult groups = engine.formGroups(alike);
        assertEquals(300, groups.groups().stream().mapToInt(g -> g.members().size()).sum(), "unplaced: " + groups.unmatched());
    }

    @Test
    void oneLearnerIsUnmatchedForLackOfAnyone() {
        TandemResult result = engine.matchTandems(List.of(learner("alone").build()));
        assertEquals(List.of(new Unmatched("alone", Format.TANDEM, UnmatchedReason.TOO_FEW_WAITING)),
                result.unmatched());
    }

    /** Fewer than the smallest group, and no group to join: that is the reason, not a constraint they happened to fail. */
    @Test
    void tooFewForTheSmallestGroupIsTheReasonUnlessEnoughWait() {
        GroupResult two = engine.formGroups(List.of(learner("a").build(), learner("b").build()));
        assertEquals(List.of(UnmatchedReason.TOO_FEW_WAITING, UnmatchedReason.TOO_FEW_WAITING),
                two.unmatched().stream().map(Unmatched::reason).toList());

        GroupResult three = engine.formGroups(List.of(learner("a").build(), learner("b").build(),
                learner("de").languages("de").build()));
        assertEquals(List.of(new Unmatched("de", Format.STUDY_GROUP, UnmatchedReason.NO_SHARED_LANGUAGE)), three.unmatched()
                .stream().filter(u -> u.learnerId().equals("de")).toList(), "three wait: the German speaker's reason is the language");
    }

    @Test
    void reasonsNameTheConstraintThatFailed() {
        List<EngineLearner> learners = List.of(
                learner("fr").build(),
                learner("de").languages("de").week(WeekMask.of(100)).build(),
                learner("de-phone").languages("de").modalities(Modality.PHONE).build(),
                learner("nobody-free").languages("it").week(WeekMask.EMPTY).build(),
                learner("es-a").languages("es").week(WeekMask.of(1, 2, 3)).build(),
                learner("es-b").languages("es").week(WeekMask.of(100, 101, 102)).build());
        TandemResult result = engine.matchTandems(learners);
        assertEquals(UnmatchedReason.NO_SHARED_LANGUAGE, reasonOf(result, "fr"));
        assertEquals(UnmatchedReason.NO_SHARED_MODALITY, reasonOf(result, "de-phone"));
        assertEquals(UnmatchedReason.NO_AVAILABILITY, reasonOf(result, "nobody-free"));
        assertEquals(UnmatchedReason.NO_COMMON_TIME, reasonOf(result, "es-a"));
    }

    @Test
    void inPersonOnlyLearnersNeedEachOtherWithinBothRadii() {
        List<EngineLearner> learners = List.of(
                learner("paris").modalities(Modality.IN_PERSON).location(48.8566, 2.3522, 30).build(),
                learner("lyon").modalities(Modality.IN_PERSON).location(45.7640, 4.8357, 500).build());
        assertEquals(UnmatchedReason.NOBODY_WITHIN_RADIUS, reasonOf(engine.matchTandems(learners), "paris"));
        List<EngineLearner> near = List.of(
                learner("paris").modalities(Modality.IN_PERSON).location(48.8566, 2.3522, 30).build(),
                learner("versailles").modalities(Modality.IN_PERSON).location(48.8049, 2.1204, 30).build());
        Tandem tandem = engine.matchTandems(near).tandems().get(0);
        assertEquals(Modality.IN_PERSON, tandem.modality());
        assertTrue(tandem.explanation().find(Reason.Distance.class).orElseThrow().km() < 20);
    }

    @Test
    void exclusionsAreHonouredEvenWhenDeclaredByOneSide() {
        List<EngineLearner> learners = List.of(learner("a").exclusions("b").build(), learner("b").build());
        assertEquals(0, engine.matchTandems(learners).tandems().size());
        assertEquals(UnmatchedReason.EXCLUDED, reasonOf(engine.matchTandems(learners), "b"));
    }

    @Test
    void preformedPartnersStayTogether() {
        List<EngineLearner> learners = new ArrayList<>();
        learners.add(learner("friend-1").preformedPartners("friend-2").certificate(CertificateIntent.NO).build());
        learners.add(learner("friend-2").certificate(CertificateIntent.YES).build());
        learners.add(learner("stranger").certificate(CertificateIntent.NO).build());
        Tandem tandem = engine.matchTandems(learners).tandems().get(0);
        assertEquals(Set.of("friend-1", "friend-2"), Set.of(tandem.first(), tandem.second()));
        assertTrue(tandem.explanation().find(Reason.Preformed.class).isPresent());
    }

    @Test
    void alignedGoalsScoreHigherAndDiversityRewardsDifference() {
        List<EngineLearner> learners = List.of(
                learner("a").certificate(CertificateIntent.YES).followMode(FollowMode.WEEKLY_RHYTHM).build(),
                learner("b").certificate(CertificateIntent.YES).followMode(FollowMode.WEEKLY_RHYTHM).build(),
                learner("c").certificate(CertificateIntent.NO).followMode(FollowMode.SELECTIVE).build());
        PairScorer similar = new PairScorer(new Population(learners), Rules.defaults());
        assertTrue(similar.pairScore(0, 1, PairScorer.ALL_MODALITIES) > similar.pairScore(0, 2, PairScorer.ALL_MODALITIES));
        Rules diverse = Rules.defaults().withWeight(Criterion.CERTIFICATE, CriterionWeight.diverse(1))
                .withWeight(Criterion.FOLLOW_MODE, CriterionWeight.diverse(1));
        PairScorer different = new PairScorer(new Population(learners), diverse);
        assertTrue(different.pairScore(0, 2, PairScorer.ALL_MODALITIES) > different.pairScore(0, 1, PairScorer.ALL_MODALITIES));
        double score = similar.pairScore(0, 1, PairScorer.ALL_MODALITIES);
        assertTrue(score >= 0 && score <= 1);
    }

    @Test
    void commonHoursSaturate() {
        List<EngineLearner> learners = List.of(learner("a").build(), learner("b").build(),
                learner("c").week(WeekMask.of(18, 19)).build());
        PairScorer scorer = new PairScorer(new Population(learners), Rules.defaults());
        assertEquals(scorer.score(0, 1, 6, false), scorer.score(0, 1, 9, false), 1e-12);
        assertTrue(scorer.score(0, 1, 2, false) < scorer.score(0, 1, 6, false));
    }

    @Test
    void groupsNeedHoursWhenAllAreFreeNotJustPairwise() {
        List<EngineLearner> learners = List.of(
                learner("a").week(WeekMask.of(1, 2, 3, 4)).build(),
                learner("b").week(WeekMask.of(3, 4, 5, 6)).build(),
                learner("c").week(WeekMask.of(5, 6, 1, 2)).build());
        GroupResult result = engine.formGroups(learners);
        assertEquals(0, result.groups().size(), "every pair shares 2 hours but the three share none");
        assertEquals(3, result.unmatched().size());
    }

    @Test
    void lateJoinersFillExistingGroupsBeforeNewOnesAreFormed() {
        List<EngineLearner> members = List.of(learner("m1").build(), learner("m2").build(), learner("m3").build());
        ExistingGroup existing = new ExistingGroup("g1", members, 4);
        List<EngineLearner> newcomers = List.of(learner("n1").build(), learner("n2").build(), learner("n3").build(),
                learner("n4").build());
        GroupResult result = engine.formGroups(newcomers, List.of(existing));
        assertEquals(1, result.completed().size());
        assertEquals(1, result.completed().get(0).joiners().size());
        assertEquals(1, result.groups().size());
        assertEquals(3, result.groups().get(0).members().size());
    }

    @Test
    void everyoneInOneCityMakesSplitMeetupsWithinTheRadius() {
        List<EngineLearner> learners = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            learners.add(learner("p" + i).modalities(Modality.IN_PERSON).location(48.8566, 2.3522, 10).build());
        }
        MeetupResult result = new MatchingEngine(Rules.defaults().withMeetups(5, 40, 25)).clusterMeetups(learners);
        assertEquals(3, result.clusters().size());
        assertEquals(100, result.clusteredLearners());
        assertTrue(result.clusters().get(0).explanation().find(Reason.Relaxation.class).isPresent());
    }

    @Test
    void allInOneTimeZoneAndTenLanguagesStillPairEveryoneWhoCan() {
        List<EngineLearner> learners = TestPopulations.random(400, 21, 10, 1);
        TandemResult result = engine.matchTandems(learners);
        assertTrue(result.matchedLearners() > 200, "matched " + result.matchedLearners());
        assertEquals(400, result.matchedLearners() + result.unmatched().size());
    }

    @Test
    void nobodyCompatibleMeansNobodyMatched() {
        List<EngineLearner> learners = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            learners.add(learner("x" + i).week(WeekMask.of(i)).build());
        }
        assertEquals(0, engine.matchTandems(learners).tandems().size());
        assertEquals(0, engine.formGroups(learners).groups().size());
        assertTrue(engine.matchTandems(learners).unmatched().stream()
                .allMatch(u -> u.reason() == UnmatchedReason.NO_COMMON_TIME || u.reason() == UnmatchedReason.NO_AVAILABILITY));
    }

    private static UnmatchedReason reasonOf(TandemResult result, String id) {
        return result.unmatched().stream().filter(u -> u.learnerId().equals(id)).findFirst().orElseThrow().reason();
    }
}
