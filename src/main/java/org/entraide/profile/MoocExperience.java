package org.entraide.profile;

public enum MoocExperience {
    FIRST, A_FEW, MANY
}
