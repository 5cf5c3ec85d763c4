package org.entraide.matching.engine;

import java.util.EnumMap;
import java.util.Map;

/**
 * A course's matching rules.
 *
 * @param minCommonHours    hours per week when every member of a tandem or group is free (hard constraint)
 * @param saturationHours   common hours beyond which more shared time adds nothing to the score
 * @param meetupRadiusKm    every member of a meetup cluster lives within this distance of its centre
 * @param meetupMaxSize     larger clusters (megacities) are split so that a meetup stays a meetup
 * @param seed              makes every random choice reproducible
 */
public record Rules(
        int groupMinSize,
        int groupMaxSize,
        int groupPreferredSize,
        int minCommonHours,
        int saturationHours,
        Map<Criterion, CriterionWeight> weights,
        int meetupMinSize,
        int meetupMaxSize,
        double meetupRadiusKm,
        long seed) {

    public Rules {
        if (groupMinSize < 2 || groupMaxSize < groupMinSize || groupPreferredSize < groupMinSize
                || groupPreferredSize > groupMaxSize) {
            throw new IllegalArgumentException("Group sizes must satisfy 2 <= min <= preferred <= max");
        }
        if (minCommonHours < 0 || saturationHours < 1 || meetupMinSize < 2 || meetupMaxSize < meetupMinSize
                || meetupRadiusKm <= 0) {
            throw new IllegalArgumentException("Invalid matching rules");
        }
        EnumMap<Criterion, CriterionWeight> complete = new EnumMap<>(Criterion.class);
        for (Criterion criterion : Criterion.values()) {
            complete.put(criterion, DEFAULT_WEIGHTS.get(criterion));
        }
        if (weights != null) {
            complete.putAll(weights);
        }
        weights = Map.copyOf(complete);
    }

    private static final Map<Criterion, CriterionWeight> DEFAULT_WEIGHTS = Map.of(
            Criterion.COMMON_HOURS, CriterionWeight.similar(3),
            Criterion.MOTIVES, CriterionWeight.similar(1),
            Criterion.CERTIFICATE, CriterionWeight.similar(1),
            Criterion.FOLLOW_MODE, CriterionWeight.similar(1),
            Criterion.OBJECTS, CriterionWeight.similar(1),
            Criterion.PROXIMITY, CriterionWeight.similar(1),
            Criterion.SECTOR, CriterionWeight.similar(0.5));

    /** Groups of 3 to 6 (4 preferred), two common hours, meetups of 5 to 40 within 25 km. */
    public static Rules defaults() {
        return new Rules(3, 6, 4, 2, 6, Map.of(), 5, 40, 25, 1L);
    }

    public Rules withSeed(long value) {
        return new Rules(groupMinSize, groupMaxSize, groupPreferredSize, minCommonHours, saturationHours, weights,
                meetupMinSize, meetupMaxSize, meetupRadiusKm, value);
    }

    public Rules withMinCommonHours(int value) {
        return new Rules(groupMinSize, groupMaxSize, groupPreferredSize, value, saturationHours, weights,
                meetupMinSize, meetupMaxSize, meetupRadiusKm, seed);
    }

    public Rules withGroupSizes(int min, int preferred, int max) {
        return new Rules(min, max, preferred, minCommonHours, saturationHours, weights, meetupMinSize,
                meetupMaxSize, meetupRadiusKm, seed);
    }

    public Rules withMeetups(int minSize, int maxSize, double radiusKm) {
        return new Rules(groupMinSize, groupMaxSize, groupPreferredSize, minCommonHours, saturationHours, weights,
                minSize, maxSize, radiusKm, seed);
    }

    public Rules withWeight(Criterion criterion, CriterionWeight weight) {
        EnumMap<Criterion, CriterionWeight> changed = new EnumMap<>(weights);
        changed.put(criterion, weight);
        return new Rules(groupMinSize, groupMaxSize, groupPreferredSize, minCommonHours, saturationHours, changed,
                meetupMinSize, meetupMaxSize, meetupRadiusKm, seed);
    }
}
