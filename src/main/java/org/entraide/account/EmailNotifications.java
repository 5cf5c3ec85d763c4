package org.entraide.account;

/** Which notifications also come by e-mail; every notification stays in Entraide whatever the choice. */
public enum EmailNotifications {
    ALL,
    /** Only those that ask for the person's answer: a proposal, its reminder, a partner choice to make again. */
    ANSWERS,
    NONE;

    public boolean sends(boolean asksForAnswer) {
        return this == ALL || this == ANSWERS && asksForAnswer;
    }
}
