package org.entraide.profile;

/** How learners study together. */
public enum Format {
    TANDEM, STUDY_GROUP, LOCAL_MEETUP
}
