package org.entraide.matching.engine;

import java.util.List;
import java.util.Objects;

/**
 * Entry point of the matching engine: plain Java, records in and out, deterministic for a seed and input order.
 * The scoring formula is documented on {@link PairScorer}; the algorithms on {@link CandidateGraph},
 * {@link AuctionMatcher}, {@link GroupFormation} and {@link MeetupClustering}.
 */
public final class MatchingEngine {

    private final Rules rules;
    private final NearestCity nearestCity;

    public MatchingEngine(Rules rules) {
        this(rules, NearestCity.coordinatesOnly());
    }

    public MatchingEngine(Rules rules, NearestCity nearestCity) {
        this.rules = Objects.requireNonNull(rules);
        this.nearestCity = Objects.requireNonNull(nearestCity);
    }

    /** Pairs the learners whose formats include {@code TANDEM}. */
    public TandemResult matchTandems(List<EngineLearner> learners) {
        return new TandemFormation(new PairScorer(new Population(learners), rules)).form();
    }

    /** Seats late joiners in {@code existing} groups, then forms new study groups of those asking for one. */
    public GroupResult formGroups(List<EngineLearner> learners, List<ExistingGroup> existing) {
        java.util.Set<String> ids = new java.util.HashSet<>();
        learners.forEach(learner -> ids.add(learner.id()));
        List<EngineLearner> everyone = new java.util.ArrayList<>(learners);
        for (ExistingGroup group : existing) {
            for (EngineLearner member : group.members()) {
                if (ids.add(member.id())) {
                    everyone.add(member.withoutFormats());
                }
            }
        }
        PairScorer scorer = new PairScorer(new Population(everyone), rules);
        return new GroupFormation(scorer, learners.size(), existing).form();
    }

    public GroupResult formGroups(List<EngineLearner> learners) {
        return formGroups(learners, List.of());
    }

    /** Clusters the learners who accept local meetups in person. */
    public MeetupResult clusterMeetups(List<EngineLearner> learners) {
        return new MeetupClustering(new Population(learners), rules, nearestCity).cluster();
    }
}
