package org.entraide.matching.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

import org.entraide.profile.Format;
import org.entraide.profile.Modality;

/**
 * Meetup clusters: learners who accept local meetups in person, grouped around centres so that every member lives
 * within {@code meetupRadiusKm} of the centre and within their own travel radius of it.
 *
 * <p>Learners live at city centroids, so distinct places are few. A greedy cover picks, over and over, the place
 * whose radius reaches the most unclustered learners (a lazy priority queue over a ~radius grid, counts only
 * shrink), and makes a cluster of them if there are at least {@code meetupMinSize}. Clusters above
 * {@code meetupMaxSize} (megacities) are cut into balanced clusters by distance order from the centre, so a meetup
 * stays a meetup. The centre is reported as the gazetteer city nearest to the chosen place.
 */
final class MeetupClustering {

    private final Population population;
    private final Rules rules;
    private final NearestCity nearestCity;

    MeetupClustering(Population population, Rules rules, NearestCity nearestCity) {
        this.population = population;
        this.rules = rules;
        this.nearestCity = nearestCity;
    }

    MeetupResult cluster() {
        double radius = rules.meetupRadiusKm();
        Map<Long, Integer> placeIndex = new HashMap<>();
        List<int[]> placeLearners = new ArrayList<>();
        List<Integer> placeList = new ArrayList<>();
        List<Unmatched> unmatched = new ArrayList<>();
        for (int i = 0; i < population.size; i++) {
            var learner = population.learners.get(i);
            if (!learner.formats().contains(Format.LOCAL_MEETUP)) {
                continue;
            }
            if (!learner.modalities().contains(Modality.IN_PERSON)) {
                unmatched.add(new Unmatched(learner.id(), Format.LOCAL_MEETUP, UnmatchedReason.NO_SHARED_MODALITY));
                continue;
            }
            long key = Double.doubleToLongBits(learner.latitude()) * 31 + Double.doubleToLongBits(learner.longitude());
            Integer place = placeIndex.get(key);
            if (place == null) {
                place = placeList.size();
                placeIndex.put(key, place);
                placeList.add(i);
                placeLearners.add(new int[0]);
            }
            int[] members = placeLearners.get(place);
            members = Arrays.copyOf(members, members.length + 1);
            members[members.length - 1] = i;
            placeLearners.set(place, members);
        }
        int places = placeList.size();
        double cellDegrees = Math.max(0.05, radius / 111.0);
        Map<Long, List<Integer>> grid = new HashMap<>();
        for (int p = 0; p < places; p++) {
            grid.computeIfAbsent(cell(placeList.get(p), cellDegrees), c -> new ArrayList<>()).add(p);
        }
        int[][] neighbours = new int[places][];
        for (int p = 0; p < places; p++) {
            int anchor = placeList.get(p);
            long row = (long) Math.floor((population.latitude[anchor] + 90) / cellDegrees);
            double lonDegrees = cellDegrees / Math.max(0.05, Math.cos(Math.toRadians(population.latitude[anchor])));
            int lonCells = (int) Math.ceil(lonDegrees / cellDegrees);
            List<Integer> near = new ArrayList<>();
            long column = (long) Math.floor((population.longitude[anchor] + 180) / cellDegrees);
            for (long dr = -1; dr <= 1; dr++) {
                for (long dc = -lonCells; dc <= lonCells; dc++) {
                    List<Integer> inCell = grid.get(((row + dr) << 32) ^ (column + dc));
                    if (inCell != null) {
                        for (int q : inCell) {
                            if (population.distanceKm(anchor, placeList.get(q)) <= radius) {
                                near.add(q);
                            }
                        }
                    }
                }
            }
            neighbours[p] = near.stream().mapToInt(Integer::intValue).sorted().toArray();
        }
        boolean[] clustered = new boolean[population.size];
        PriorityQueue<long[]> queue = new PriorityQueue<>((a, b) -> a[0] != b[0] ? Long.compare(b[0], a[0])
                : Long.compare(a[1], b[1]));
        for (int p = 0; p < places; p++) {
            queue.add(new long[] { reach(p, neighbours, placeList, placeLearners, clustered, null), p });
        }
        List<MeetupCluster> clusters = new ArrayList<>();
        while (!queue.isEmpty()) {
            long[] top = queue.poll();
            int p = (int) top[1];
            List<Integer> members = new ArrayList<>();
            long current = reach(p, neighbours, placeList, placeLearners, clustered, members);
            if (current < top[0]) {
                if (current >= rules.meetupMinSize()) {
                    queue.add(new long[] { current, p });
                }
                continue;
            }
            if (current < rules.meetupMinSize()) {
                break;
            }
            int centre = placeList.get(p);
            members.sort((a, b) -> {
                int byDistance = Double.compare(population.distanceKm(centre, a), population.distanceKm(centre, b));
                return byDistance != 0 ? byDistance : Integer.compare(a, b);
            });
            City city = nearestCity.nearest(population.latitude[centre], population.longitude[centre]);
            int parts = (members.size() + rules.meetupMaxSize() - 1) / rules.meetupMaxSize();
            for (int part = 0; part < parts; part++) {
                int from = members.size() * part / parts;
                int to = members.size() * (part + 1) / parts;
                List<Integer> slice = members.subList(from, to);
                List<String> ids = new ArrayList<>(slice.size());
                double farthest = 0;
                for (int member : slice) {
                    clustered[member] = true;
                    ids.add(population.id(member));
                    farthest = Math.max(farthest, population.distanceKm(centre, member));
                }
                List<Reason> reasons = new ArrayList<>();
                reasons.add(new Reason.MeetupCentre(city.name(), radius, ids.size()));
                reasons.add(new Reason.Distance(farthest));
                if (parts > 1) {
                    reasons.add(new Reason.Relaxation("megacity-split"));
                }
                clusters.add(new MeetupCluster(city, radius, ids, new Explanation(true, reasons)));
            }
        }
        for (int p = 0; p < places; p++) {
            for (int learner : placeLearners.get(p)) {
                if (!clustered[learner]) {
                    unmatched.add(new Unmatched(population.id(learner), Format.LOCAL_MEETUP,
                            UnmatchedReason.TOO_FEW_NEARBY));
                }
            }
        }
        return new MeetupResult(clusters, unmatched);
    }

    /** Unclustered learners a centre at place {@code p} reaches (within the cluster radius and their own). */
    private long reach(int p, int[][] neighbours, List<Integer> placeList, List<int[]> placeLearners,
            boolean[] clustered, List<Integer> members) {
        int anchor = placeList.get(p);
        long count = 0;
        for (int q : neighbours[p]) {
            double distance = population.distanceKm(anchor, placeList.get(q));
            for (int learner : placeLearners.get(q)) {
                if (!clustered[learner] && distance <= population.radiusKm[learner]) {
                    count++;
                    if (members != null) {
                        members.add(learner);
                    }
                }
            }
        }
        return count;
    }

    private long cell(int learner, double cellDegrees) {
        long row = (long) Math.floor((population.latitude[learner] + 90) / cellDegrees);
        long column = (long) Math.floor((population.longitude[learner] + 180) / cellDegrees);
        return (row << 32) ^ column;
    }
}
