package org.entraide.notify;

/**
 * What happened. Texts live in the bundles as {@code notify.<KIND>.subject} and {@code notify.<KIND>.text};
 * arguments are always {@code {0}} = course title and, where a person is named, {@code {1}} = their first name; a
 * third, where there is one, is said at the kind.
 */
public enum NotificationKind {
    /** A proposal awaits the person's answer. Args: course title, nobody named, by when to answer (in their profile's zone). */
    PROPOSAL_NEW(true),
    /** The person has not answered and the proposal expires soon. Args: as {@link #PROPOSAL_NEW}. */
    PROPOSAL_EXPIRING(true),
    /** Everyone accepted: the tandem or group exists. Args: course title. */
    GROUP_FORMED(false),
    /** Someone declined a proposal the person accepted (not named, declining stays private). Args: course title. */
    MEMBER_DECLINED(false),
    /** A member left the person's group. Args: course title, first name of who left. */
    MEMBER_LEFT(false),
    /** The course team took the person out of their group. Args: course title. */
    MEMBER_REMOVED(false),
    /** The group ended (too few members left). Args: course title. */
    GROUP_DISSOLVED(false),
    /** A newcomer replaced a member who left. Args: course title, newcomer's first name. */
    GROUP_REFILLED(false),
    /** The group a proposal would have completed ended before everyone answered. Args: course title. */
    PROPOSAL_WITHDRAWN(false),
    /** Someone joined through the person's partner invite link. Args: course title, partner's first name. */
    PARTNER_JOINED(false),
    /** The person's partner answered differently (tandem against study group): both choose again. Args: course title, partner's first name. */
    PARTNER_CHOICES_DIFFERED(true),
    /** A member planned a study session. Args: course title, planner's first name, when (in the reader's zone). */
    SESSION_PLANNED(false),
    /**
     * A member planned a weekly series of study sessions. Args: course title, planner's first name, when the first is (in
     * the reader's zone), how many sessions.
     */
    SESSION_SERIES_PLANNED(false),
    /** A planned study session is off. Args: course title, first name of who cancelled it, when (in the reader's zone). */
    SESSION_CANCELLED(false),
    /**
     * A session of a weekly series and the later ones are off. Args: course title, first name of who cancelled them,
     * when the first of them was (in the reader's zone), how many sessions.
     */
    SESSION_SERIES_CANCELLED(false),
    /**
     * A study session changed (time, length, topic or place). Args: course title, first name of who changed it, when (in
     * the reader's zone).
     */
    SESSION_CHANGED(false),
    /** A study session of the person's group starts within a day. Args: course title, planner's first name, when (in the reader's zone). */
    SESSION_REMINDER(false),
    /** Someone wrote in the person's group (one notice until it is read). Args: course title, first name of who wrote. */
    GROUP_POST(false),
    /** The asker marked the person's reply as the answer to their question. Args: course title, asker's first name. */
    ANSWER_CHOSEN(false),
    /** A member gave the person a task on the group's list. Args: course title, first name of who did, the task. */
    TASK_ASSIGNED(false),
    /** A member commented on a task the person added or is given. Args: course title, their first name, the task. */
    TASK_COMMENT(false),
    /** A member checked in as stuck this week. Args: course title, their first name. */
    CHECKIN_STUCK(false),
    /** The course team made an announcement to the course's learners. Args: course title, the team member's first name. */
    COURSE_ANNOUNCEMENT(false),
    /** Sending the person's announcement stopped after repeated errors; they may try again. Args: course title. */
    ANNOUNCEMENT_STOPPED(false),
    /**
     * Telling the members of a published run of their proposals stopped after repeated errors; told to whoever
     * published it (the whole course team for a rolling run), who may try again. Args: course title.
     */
    PROPOSAL_NOTICES_STOPPED(false),
    /** A course-team member wrote to the person's group. Args: course title, the team member's first name. */
    TEAM_MESSAGE(false),
    /** The group's facilitator passed the role to the person. Args: course title, first name of who passed it. */
    FACILITATOR_PASSED(false),
    /** Another member took over facilitating from the person. Args: course title, first name of who took it. */
    FACILITATOR_TAKEN(false),
    /**
     * An organizer scheduled a meetup near the person. Args: course title, organizer's first name, when (in the city's
     * zone), city and venue; the same four for the other meetup kinds.
     */
    MEETUP_SCHEDULED(false),
    /**
     * A weekly series of meetups near the person was scheduled (told once, with the first one's link). Args: as
     * {@link #MEETUP_SCHEDULED} for the first meetup, then how many weeks.
     */
    MEETUP_SERIES_SCHEDULED(false),
    /**
     * An organizer asks the person, who offered to help organise meetups, to become an organizer of the course. Args:
     * course title, the organizer's first name, the city learners live around.
     */
    ORGANIZER_INVITED(true),
    /** A learner the person asked to help organise meetups accepted. Args: course title, their first name. */
    ORGANIZER_ACCEPTED(false),
    /**
     * An organizer of the person's course gave the role up; their meetups to come stay, for the team and the other
     * organizers to run. Args: course title, their first name.
     */
    ORGANIZER_STOPPED(false),
    /** The course team asks the person to join it, or to organize meetups (the page says which). Args: course title, who asked. */
    STAFF_INVITED(true),
    /** Someone the person invited to a course's staff accepted. Args: course title, their first name. */
    STAFF_ACCEPTED(false),
    /**
     * A course team asks the platform administrators to let it import learners and invite addresses without an account.
     * Args: course title, who asked.
     */
    IMPORT_REQUESTED(true),
    /** A platform administrator allowed the person's course team to import learners. Args: course title. */
    IMPORT_ALLOWED(false),
    /** The course team runs the person's course again: a new session to join. Args: the course's title, the new one's. */
    NEW_SESSION(false),
    /** A meetup the person answered moved (time or place). */
    MEETUP_CHANGED(false),
    /** A meetup the person answered is called off. */
    MEETUP_CANCELLED(false),
    /** A seat freed up: the person moved from the waiting list to those going. */
    MEETUP_SEAT(false),
    /** A meetup the person is going to starts within a day. */
    MEETUP_REMINDER(false),
    /** The person joined the course but left their profile unfinished: only complete profiles are matched. Args: course title. */
    PROFILE_UNFINISHED(false),
    /** The course has ended: how did it go (finished? did studying with others help?). Args: course title. */
    WRAP_UP_ASKED(false),
    /** An organizer wrote to those who answered a meetup (args: the same four, {1} being the writer's first name). */
    MEETUP_MESSAGE(false);

    /** Whether the person has something to answer: these still come by e-mail to those who want only such mail. */
    public final boolean asksForAnswer;

    NotificationKind(boolean asksForAnswer) {
        this.asksForAnswer = asksForAnswer;
    }
}
