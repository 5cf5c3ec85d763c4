package org.entraide.matching.engine;

/** The soft criteria a course team weighs; see {@link PairScorer} for how each one is measured. */
public enum Criterion {
    COMMON_HOURS, MOTIVES, CERTIFICATE, FOLLOW_MODE, OBJECTS, PROXIMITY, SECTOR
}
