package org.entraide.matching.engine;

/** Why a learner got no partner, from the most basic cause to the most circumstantial. */
public enum UnmatchedReason {
    /** Fewer free hours declared than the course's minimum common hours. */
    NO_AVAILABILITY,
    /** Nobody else asking for this format speaks one of the learner's languages. */
    NO_SHARED_LANGUAGE,
    /** Speakers of a shared language use none of the learner's modalities. */
    NO_SHARED_MODALITY,
    /** Compatible learners are never free at the same time as this learner. */
    NO_COMMON_TIME,
    /** The learner only meets in person and nobody compatible lives within both radii. */
    NOBODY_WITHIN_RADIUS,
    /** Every otherwise compatible learner is excluded. */
    EXCLUDED,
    /** Compatible partners exist but were all placed with someone who fitted them better. */
    PARTNERS_TAKEN,
    /** Not enough learners nearby for a meetup of the minimum size. */
    TOO_FEW_NEARBY,
    /** Pre-formed partners too many for the format (e.g. three friends asking for a tandem). */
    PREFORMED_UNIT_TOO_LARGE,
    /** Too few learners waited to form even one: alone for a tandem, fewer than the smallest group and no group to join. */
    TOO_FEW_WAITING
}
