package org.entraide.profile;

public enum Situation {
    STUDENT, EMPLOYED, JOB_SEEKER, INDEPENDENT, RETIRED
}
