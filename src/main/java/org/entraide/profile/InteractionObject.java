package org.entraide.profile;

/** What learners want to do together (DOMAIN.md, "object of the interaction"). */
public enum InteractionObject {
    TEAM_PROJECTS, GRADED_WORK_TOGETHER, WATCH_VIDEOS, DISCUSS_COURSE, MUTUAL_HELP
}
