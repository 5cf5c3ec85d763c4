package org.entraide.profile;

/** Where a learner says they are with the course, when it ends. */
public enum CourseResult {
    FINISHED,
    STILL_GOING,
    STOPPED
}
