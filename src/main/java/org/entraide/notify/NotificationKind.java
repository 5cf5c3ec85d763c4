package org.entraide.notify;

/**
 * What happened. Texts live in the bundles as {@code notify.<KIND>.subject} and {@code notify.<KIND>.text};
 * arguments are always {@code {0}} = course title and, where a person is named, {@code {1}} = their first name.
 */
public enum NotificationKind {
    /** A proposal awaits the person's answer. Args: course title. */
    PROPOSAL_NEW,
    /** The person has not answered and the proposal expires soon. Args: course title. */
    PROPOSAL_EXPIRING,
    /** Everyone accepted: the tandem or group exists. Args: course title. */
    GROUP_FORMED,
    /** Someone declined a proposal the person accepted (not named, declining stays private). Args: course title. */
    MEMBER_DECLINED,
    /** A member left the person's group. Args: course title, first name of who left. */
    MEMBER_LEFT,
    /** The group ended (too few members left). Args: course title. */
    GROUP_DISSOLVED,
    /** A newcomer replaced a member who left. Args: course title, newcomer's first name. */
    GROUP_REFILLED,
    /** The group a proposal would have completed ended before everyone answered. Args: course title. */
    PROPOSAL_WITHDRAWN,
    /** Someone joined through the person's partner invite link. Args: course title, partner's first name. */
    PARTNER_JOINED,
    /** The person's partner answered differently (tandem against study group): both choose again. Args: course title, partner's first name. */
    PARTNER_CHOICES_DIFFERED
}
