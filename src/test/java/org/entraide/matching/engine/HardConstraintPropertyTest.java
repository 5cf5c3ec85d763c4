package org.entraide.matching.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.entraide.profile.Format;
import org.junit.jupiter.api.Test;

/** Every output of many random populations satisfies every hard constraint. */
class HardConstraintPropertyTest {

    private static final int POPULATIONS = 25;

    @Test
    void tandemsNeverBreakAHardConstraint() {
        for (long seed = 1; seed <= POPULATIONS; seed++) {
            List<EngineLearner> learners = population(seed);
            Rules rules = rules(seed);
            TandemResult result = new MatchingEngine(rules).matchTandems(learners);
            Constraints constraints = new Constraints(learners, rules);
            Map<String, Integer> teamOf = new HashMap<>();
            Set<String> seen = new HashSet<>();
            for (int t = 0; t < result.tandems().size(); t++) {
                Tandem tandem = result.tandems().get(t);
                if (tandem.explanation().find(Reason.Preformed.class).isEmpty()) {
                    constraints.checkTeam(List.of(tandem.first(), tandem.second()), tandem.modality());
                }
                assertTrue(seen.add(tandem.first()) && seen.add(tandem.second()), "each learner in one tandem");
                teamOf.put(tandem.first(), t);
                teamOf.put(tandem.second(), t);
            }
            result.unmatched().forEach(u -> assertTrue(seen.add(u.learnerId()), "unmatched once"));
            assertEquals(learners.size(), seen.size(), "everyone is either matched or explained");
            constraints.checkPreformed(teamOf, l -> l.formats().contains(Format.TANDEM));
        }
    }

    @Test
    void groupsNeverBreakAHardConstraintAndRespectSizes() {
        for (long seed = 1; seed <= POPULATIONS; seed++) {
            List<EngineLearner> learners = population(seed);
            Rules rules = rules(seed);
            GroupResult result = new MatchingEngine(rules).formGroups(learners);
            Constraints constraints = new Constraints(learners, rules);
            Map<String, Integer> teamOf = new HashMap<>();
            for (int g = 0; g < result.groups().size(); g++) {
                StudyGroup group = result.groups().get(g);
                constraints.checkTeam(group.members(), group.modality());
                assertTrue(group.members().size() >= rules.groupMinSize()
                        && group.members().size() <= rules.groupMaxSize(), "size " + group.members().size());
                assertTrue(group.score() >= 0 && group.score() <= 1);
                for (String member : group.members()) {
                    assertTrue(teamOf.put(member, g) == null, member + " in one group");
                }
            }
            assertEquals(1.0, result.commonSlotShare());
            result.unmatched().forEach(u -> assertTrue(!teamOf.containsKey(u.learnerId())));
            assertEquals(learners.size(), teamOf.size() + result.unmatched().size());
            constraints.checkPreformed(teamOf, l -> l.formats().contains(Format.STUDY_GROUP));
        }
    }

    @Test
    void meetupMembersLiveWithinTheRadiusOfTheCentre() {
        for (long seed = 1; seed <= POPULATIONS; seed++) {
            List<EngineLearner> learners = population(seed);
            Rules rules = rules(seed);
            MeetupResult result = new MatchingEngine(rules).clusterMeetups(learners);
            Map<String, EngineLearner> byId = new HashMap<>();
            learners.forEach(l -> byId.put(l.id(), l));
            Set<String> seen = new HashSet<>();
            for (MeetupCluster cluster : result.clusters()) {
                assertTrue(cluster.members().size() >= rules.meetupMinSize()
                        && cluster.members().size() <= rules.meetupMaxSize());
                EngineLearner centre = EngineLearner.builder("centre")
                        .location(cluster.centre().latitude(), cluster.centre().longitude(), 0).build();
                for (String id : cluster.members()) {
                    EngineLearner member = byId.get(id);
                    double km = Constraints.distance(member, centre);
                    assertTrue(km <= cluster.radiusKm() && km <= member.radiusKm(), id + " is " + km + " km away");
                    assertTrue(seen.add(id));
                }
            }
        }
    }

    /**
     * The check alone (what the preview runs on every proposal of a large run) finds what the full evaluation finds:
     * on the engine's own groups, nothing; on random groups, the same broken rules, common hours and modality.
     */
    @Test
    void theCheckAloneAgreesWithTheFullEvaluation() {
        int broken = 0;
        for (long seed = 1; seed <= POPULATIONS; seed++) {
            List<EngineLearner> learners = population(seed);
            Rules rules = rules(seed);
            Map<String, EngineLearner> byId = new HashMap<>();
            learners.forEach(l -> byId.put(l.id(), l));
            for (StudyGroup group : new MatchingEngine(rules).formGroups(learners).groups()) {
                GroupEvaluation.Check check = GroupEvaluation.check(group.members().stream().map(byId::get).toList(), rules);
                assertEquals(Set.of(), check.violations(), "the engine's group " + group.members());
                assertEquals(group.modality(), check.modality());
            }
            java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
            for (int g = 0; g < 40; g++) {
                List<EngineLearner> members = random.ints(0, learners.size()).distinct().limit(random.nextInt(1, 7))
                        .mapToObj(learners::get).toList();
                GroupEvaluation.Check check = GroupEvaluation.check(members, rules);
                GroupEvaluation.Result full = GroupEvaluation.evaluate(members, rules);
                assertEquals(full.violations(), check.violations());
                assertEquals(full.modality(), check.modality());
                assertEquals(full.commonHours(), check.commonHours());
                broken += check.valid() ? 0 : 1;
            }
        }
        assertTrue(broken > 0, "some random groups break a rule, so the comparison covers violations");
    }

    private static List<EngineLearner> population(long seed) {
        int size = 40 + (int) (seed * 37 % 400);
        return TestPopulations.withRelations(
                TestPopulations.random(size, seed, 1 + (int) (seed % 5), 3 + (int) (seed % 12)), seed);
    }

    private static Rules rules(long seed) {
        return Rules.defaults().withSeed(seed).withMinCommonHours(1 + (int) (seed % 4))
                .withMeetups(3, 12, 15 + seed % 30);
    }
}
