package org.entraide.profile;

import java.util.Arrays;
import java.util.Optional;

/** The steps of the learner profile form, in order. */
public enum ProfileStep {
    PLACE("where"), TIME("when"), LANGUAGES("how"), MOTIVES("why"), ABOUT("about"), PRIVACY("privacy");

    /** The step's path segment: /courses/{id}/profile/{slug}. */
    public final String slug;

    ProfileStep(String slug) {
        this.slug = slug;
    }

    public static Optional<ProfileStep> bySlug(String slug) {
        return Arrays.stream(values()).filter(step -> step.slug.equals(slug)).findFirst();
    }

    public Optional<ProfileStep> next() {
        return ordinal() + 1 < values().length ? Optional.of(values()[ordinal() + 1]) : Optional.empty();
    }

    public int number() {
        return ordinal() + 1;
    }
}
