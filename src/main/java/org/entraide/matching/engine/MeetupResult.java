package org.entraide.matching.engine;

import java.util.List;

public record MeetupResult(List<MeetupCluster> clusters, List<Unmatched> unmatched) {

    public MeetupResult {
        clusters = List.copyOf(clusters);
        unmatched = List.copyOf(unmatched);
    }

    public int clusteredLearners() {
        return clusters.stream().mapToInt(cluster -> cluster.members().size()).sum();
    }
}
