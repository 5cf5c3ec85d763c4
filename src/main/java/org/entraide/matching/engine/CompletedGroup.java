package org.entraide.matching.engine;

import java.util.List;

/** An existing group with the late joiners the engine seated in it, and its new score. */
public record CompletedGroup(String groupId, List<String> joiners, double score, Explanation explanation) {

    public CompletedGroup {
        joiners = List.copyOf(joiners);
    }
}
