package org.entraide.profile;

/** Prescribed (follows the weekly schedule) or selective (picks contents). */
public enum FollowMode {
    WEEKLY_RHYTHM, SELECTIVE
}
