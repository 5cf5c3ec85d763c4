package org.entraide.matching.engine;

/** Whether a criterion rewards learners who are alike or learners who differ. */
public enum Preference {
    SIMILAR, DIVERSE
}
