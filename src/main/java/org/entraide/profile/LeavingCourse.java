package org.entraide.profile;

/**
 * Fired inside the transaction in which a learner leaves a course (by "Leave" or with their account), before their
 * profile goes, so that features outside this package end what the person had there.
 */
public record LeavingCourse(long courseId, long personId) {
}
