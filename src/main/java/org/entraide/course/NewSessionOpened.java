package org.entraide.course;

/**
 * Fired inside the transaction that runs a course again, when the team asked to tell the course's learners: they are
 * told as an announcement is delivered, so that a course of any size is told in batches.
 */
record NewSessionOpened(long courseId, long sessionId, long personId) {
}
