package org.entraide.matching.engine;

/** A criterion's weight (0 switches it off) and whether it rewards similarity or diversity. */
public record CriterionWeight(double weight, Preference preference) {

    public CriterionWeight {
        if (weight < 0 || Double.isNaN(weight)) {
            throw new IllegalArgumentException("A weight is zero or positive");
        }
    }

    public static CriterionWeight similar(double weight) {
        return new CriterionWeight(weight, Preference.SIMILAR);
    }

    public static CriterionWeight diverse(double weight) {
        return new CriterionWeight(weight, Preference.DIVERSE);
    }
}
