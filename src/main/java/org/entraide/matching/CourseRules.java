package org.entraide.matching;

import java.util.EnumMap;
import java.util.Map;

import org.entraide.course.Course;
import org.entraide.matching.engine.Criterion;
import org.entraide.matching.engine.CriterionWeight;
import org.entraide.matching.engine.Preference;
import org.entraide.matching.engine.Rules;

/** A course's settings as the engine's rules, and its stored weights ("CRITERION:weight:SIMILAR|DIVERSE,…"). */
public final class CourseRules {

    static final int MEETUP_MAX_SIZE = 40;

    private CourseRules() {
    }

    public static Rules of(Course course, long seed) {
        int preferred = Math.max(course.groupMin, Math.min(4, course.groupMax));
        return new Rules(course.groupMin, course.groupMax, preferred, course.minOverlapHours,
                Math.max(6, course.minOverlapHours + 2), weights(course.weights), Math.max(2, course.meetupMinSize),
                Math.max(MEETUP_MAX_SIZE, course.meetupMinSize), course.defaultRadiusKm, seed);
    }

    /** The stored weights; unknown or malformed entries are left to the engine's defaults. */
    public static Map<Criterion, CriterionWeight> weights(String stored) {
        Map<Criterion, CriterionWeight> result = new EnumMap<>(Criterion.class);
        if (stored == null || stored.isBlank()) {
            return result;
        }
        for (String entry : stored.split(",")) {
            String[] parts = entry.split(":");
            if (parts.length != 3) {
                continue;
            }
            try {
                Criterion criterion = Criterion.valueOf(parts[0]);
                double weight = Double.parseDouble(parts[1]);
                Preference preference = Preference.valueOf(parts[2]);
                result.put(criterion, new CriterionWeight(weight, preference));
            } catch (IllegalArgumentException ignored) {
                // written by this class only; a value from an older version falls back to the default
            }
        }
        return result;
    }

    public static String store(Map<Criterion, CriterionWeight> weights) {
        StringBuilder stored = new StringBuilder();
        weights.forEach((criterion, weight) -> {
            if (stored.length() > 0) {
                stored.append(',');
            }
            stored.append(criterion.name()).append(':').append(weight.weight()).append(':').append(weight.preference().name());
        });
        return stored.toString();
    }
}
