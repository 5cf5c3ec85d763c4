package org.entraide.profile;

/** How members of a tandem or group meet (DOMAIN.md, "modality"). */
public enum Modality {
    IN_PERSON(true), VIDEO_CALL(true), PHONE(true), CHAT_EMAIL(false);

    /** Synchronous modalities need every member free at the same time. */
    public final boolean synchronous;

    Modality(boolean synchronous) {
        this.synchronous = synchronous;
    }
}
