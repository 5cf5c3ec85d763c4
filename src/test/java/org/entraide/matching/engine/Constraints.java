package org.entraide.matching.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.entraide.availability.WeekMask;
import org.entraide.profile.Modality;

/** Checks every hard constraint of the issue on an engine output, independently of the engine's code. */
final class Constraints {

    private final Map<String, EngineLearner> byId = new HashMap<>();
    private final Rules rules;

    Constraints(List<EngineLearner> learners, Rules rules) {
        learners.forEach(learner -> byId.put(learner.id(), learner));
        this.rules = rules;
    }

    void checkTeam(List<String> ids, Modality modality) {
        assertNotNull(modality, "a modality is chosen");
        Set<String> languages = null;
        WeekMask common = WeekMask.FULL;
        for (String id : ids) {
            EngineLearner learner = byId.get(id);
            languages = languages == null ? new HashSet<>(learner.languages()) : languages;
            languages.retainAll(learner.languages());
            assertTrue(learner.modalities().contains(modality), id + " accepts " + modality);
            common = common.and(learner.utcWeek());
        }
        assertFalse(languages.isEmpty(), "a language shared by all of " + ids);
        assertTrue(common.count() >= rules.minCommonHours(), "common hours of " + ids + ": " + common.count());
        for (String a : ids) {
            for (String b : ids) {
                if (a.equals(b)) {
                    continue;
                }
                EngineLearner first = byId.get(a);
                EngineLearner second = byId.get(b);
                assertFalse(first.exclusions().contains(b), a + " excluded " + b);
                if (modality == Modality.IN_PERSON) {
                    double km = distance(first, second);
                    assertTrue(km <= first.radiusKm() && km <= second.radiusKm(), a + " and " + b + " are " + km + " km apart");
                }
            }
        }
    }

    /** Every learner's eligible pre-formed partners sit in the same team, or all of them are unplaced. */
    void checkPreformed(Map<String, Integer> teamOf, java.util.function.Predicate<EngineLearner> eligible) {
        for (EngineLearner learner : byId.values()) {
            if (!eligible.test(learner)) {
                continue;
            }
            for (String partner : learner.preformedPartners()) {
                if (byId.containsKey(partner) && eligible.test(byId.get(partner))) {
                    assertEquals(teamOf.get(learner.id()), teamOf.get(partner),
                            learner.id() + " stays with " + partner);
                }
            }
        }
    }

    static double distance(EngineLearner a, EngineLearner b) {
        double lat1 = Math.toRadians(a.latitude());
        double lat2 = Math.toRadians(b.latitude());
        double dLat = lat2 - lat1;
        double dLon = Math.toRadians(b.longitude() - a.longitude());
        double h = Math.sin(dLat / 2) * Math.sin(dLat / 2)
                + Math.cos(lat1) * Math.cos(lat2) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
        return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(h))) - 1e-6;
    }
}
