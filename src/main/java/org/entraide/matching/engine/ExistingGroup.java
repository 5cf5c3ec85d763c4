package org.entraide.matching.engine;

import java.util.List;

/** A group already running, with seats left for late joiners ({@code maxSize - members.size()}). */
public record ExistingGroup(String id, List<EngineLearner> members, int maxSize) {

    public ExistingGroup {
        members = List.copyOf(members);
    }

    public int freeSeats() {
        return Math.max(0, maxSize - members.size());
    }
}
