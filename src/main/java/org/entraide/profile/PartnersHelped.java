package org.entraide.profile;

/** Whether studying with others helped, as the learner says when the course ends. */
public enum PartnersHelped {
    A_LOT,
    A_LITTLE,
    NOT_REALLY,
    /** The learner did not study with anyone here (no partners, or none they worked with). */
    NO_PARTNERS
}
