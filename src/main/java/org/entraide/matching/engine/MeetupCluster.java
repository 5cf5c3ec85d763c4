package org.entraide.matching.engine;

import java.util.List;

/** Learners who can meet in person around {@code centre}; every member lives within {@code radiusKm} of it. */
public record MeetupCluster(City centre, double radiusKm, List<String> members, Explanation explanation) {

    public MeetupCluster {
        members = List.copyOf(members);
    }
}
