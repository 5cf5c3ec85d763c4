package org.entraide.matching.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.entraide.profile.Modality;

/**
 * The learners compiled into flat arrays indexed by input position, so that scoring millions of pairs allocates
 * nothing. Ids are resolved once; unknown ids in exclusions or partners are ignored.
 */
final class Population {

    static final double EARTH_RADIUS_KM = 6371.0088;
    static final int IN_PERSON_BIT = 1 << Modality.IN_PERSON.ordinal();

    final List<EngineLearner> learners;
    final int size;
    final long[] week0;
    final long[] week1;
    final long[] week2;
    final int[] freeHours;
    final long[] languageBits;
    final int[][] languageIds;
    final boolean exactLanguageCheck;
    final List<String> languageNames;
    final int[] modalityBits;
    final int[] motiveBits;
    final int[] objectBits;
    final int[] certificate;
    final int[] followMode;
    final int[] sector;
    final int[] organisation;
    final int[] utcOffsetMinutes;
    final double[] latitude;
    final double[] longitude;
    final double[] x;
    final double[] y;
    final double[] z;
    final int[] radiusKm;
    final int[][] excluded;
    /** Index of the first member of the learner's pre-formed unit (the learner itself when alone). */
    final int[] unitRoot;
    final Map<String, Integer> indexById;

    Population(List<EngineLearner> input) {
        learners = List.copyOf(input);
        size = learners.size();
        week0 = new long[size];
        week1 = new long[size];
        week2 = new long[size];
        freeHours = new int[size];
        languageBits = new long[size];
        languageIds = new int[size][];
        modalityBits = new int[size];
        motiveBits = new int[size];
        objectBits = new int[size];
        certificate = new int[size];
        followMode = new int[size];
        sector = new int[size];
        organisation = new int[size];
        utcOffsetMinutes = new int[size];
        latitude = new double[size];
        longitude = new double[size];
        x = new double[size];
        y = new double[size];
        z = new double[size];
        radiusKm = new int[size];
        indexById = new HashMap<>(size * 2);
        for (int i = 0; i < size; i++) {
            if (indexById.putIfAbsent(learners.get(i).id(), i) != null) {
                throw new IllegalArgumentException("Duplicate learner id " + learners.get(i).id());
            }
        }
        TreeSet<String> allLanguages = new TreeSet<>();
        learners.forEach(learner -> allLanguages.addAll(learner.languages()));
        languageNames = List.copyOf(allLanguages);
        Map<String, Integer> languageIndex = new HashMap<>();
        for (String language : languageNames) {
            languageIndex.put(language, languageIndex.size());
        }
        exactLanguageCheck = languageNames.size() > 64;
        Map<String, Integer> sectors = new HashMap<>();
        Map<String, Integer> organisations = new HashMap<>();
        Map<String, Integer> sectorsAsGiven = new HashMap<>();
        Map<String, Integer> organisationsAsGiven = new HashMap<>();
        for (int i = 0; i < size; i++) {
            EngineLearner learner = learners.get(i);
            week0[i] = learner.utcWeek().w0();
            week1[i] = learner.utcWeek().w1();
            week2[i] = learner.utcWeek().w2();
            freeHours[i] = learner.utcWeek().count();
            // a loop rather than a stream per learner: the streams were a visible part of this cold, one-off pass
            int[] ids = new int[learner.languages().size()];
            int languageCount = 0;
            for (String language : learner.languages()) {
                ids[languageCount++] = languageIndex.get(language);
            }
            Arrays.sort(ids);
            languageIds[i] = ids;
            for (int id : ids) {
                languageBits[i] |= 1L << (id & 63);
            }
            int modalities = 0;
            for (Modality modality : learner.modalities()) {
                modalities |= 1 << modality.ordinal();
            }
            modalityBits[i] = modalities;
            int motives = 0;
            for (var motive : learner.motives()) {
                motives |= 1 << motive.ordinal();
            }
            motiveBits[i] = motives;
            int objects = 0;
            for (var object : learner.objects()) {
                objects |= 1 << object.ordinal();
            }
            objectBits[i] = objects;
            certificate[i] = learner.certificate() == null ? -1 : learner.certificate().ordinal();
            followMode[i] = learner.followMode() == null ? -1 : learner.followMode().ordinal();
            sector[i] = intern(sectors, sectorsAsGiven, learner.sector());
            organisation[i] = intern(organisations, organisationsAsGiven, learner.organisation());
            utcOffsetMinutes[i] = learner.utcOffsetMinutes();
            latitude[i] = learner.latitude();
            longitude[i] = learner.longitude();
            double lat = Math.toRadians(learner.latitude());
            double lon = Math.toRadians(learner.longitude());
            x[i] = Math.cos(lat) * Math.cos(lon);
            y[i] = Math.cos(lat) * Math.sin(lon);
            z[i] = Math.sin(lat);
            radiusKm[i] = Math.max(0, learner.radiusKm());
        }
        excluded = buildExclusions();
        unitRoot = buildUnits();
    }

    /** Id of the normalised value (-1 when blank); {@code asGiven} caches the ids by raw value (few distinct). */
    private static int intern(Map<String, Integer> table, Map<String, Integer> asGiven, String value) {
        if (value == null) {
            return -1;
        }
        Integer known = asGiven.get(value);
        if (known != null) {
            return known;
        }
        int id = value.isBlank() ? -1
                : table.computeIfAbsent(value.strip().toLowerCase(java.util.Locale.ROOT), key -> table.size());
        asGiven.put(value, id);
        return id;
    }

    private int[][] buildExclusions() {
        List<List<Integer>> lists = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            lists.add(null);
        }
        for (int i = 0; i < size; i++) {
            for (String other : learners.get(i).exclusions()) {
                Integer j = indexById.get(other);
                if (j != null && j != i) {
                    addTo(lists, i, j);
                    addTo(lists, j, i);
                }
            }
        }
        int[][] result = new int[size][];
        int[] none = new int[0];
        for (int i = 0; i < size; i++) {
            result[i] = lists.get(i) == null ? none
                    : lists.get(i).stream().mapToInt(Integer::intValue).sorted().distinct().toArray();
        }
        return result;
    }

    private static void addTo(List<List<Integer>> lists, int i, int j) {
        if (lists.get(i) == null) {
            lists.set(i, new ArrayList<>(2));
        }
        lists.get(i).add(j);
    }

    private int[] buildUnits() {
        int[] parent = new int[size];
        for (int i = 0; i < size; i++) {
            parent[i] = i;
        }
        for (int i = 0; i < size; i++) {
            for (String other : learners.get(i).preformedPartners()) {
                Integer j = indexById.get(other);
                if (j != null) {
                    int a = find(parent, i);
                    int b = find(parent, j);
                    if (a != b) {
                        parent[Math.max(a, b)] = Math.min(a, b);
                    }
                }
            }
        }
        for (int i = 0; i < size; i++) {
            parent[i] = find(parent, i);
        }
        return parent;
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    boolean shareLanguage(int a, int b) {
        if ((languageBits[a] & languageBits[b]) == 0) {
            return false;
        }
        if (!exactLanguageCheck) {
            return true;
        }
        int[] first = languageIds[a];
        int[] second = languageIds[b];
        for (int id : first) {
            if (Arrays.binarySearch(second, id) >= 0) {
                return true;
            }
        }
        return false;
    }

    int overlap(int a, int b) {
        return Long.bitCount(week0[a] & week0[b]) + Long.bitCount(week1[a] & week1[b])
                + Long.bitCount(week2[a] & week2[b]);
    }

    boolean excludes(int a, int b) {
        int[] list = excluded[a];
        return list.length > 0 && Arrays.binarySearch(list, b) >= 0;
    }

    double distanceKm(int a, int b) {
        double dx = x[a] - x[b];
        double dy = y[a] - y[b];
        double dz = z[a] - z[b];
        double chord = Math.sqrt(dx * dx + dy * dy + dz * dz);
        return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, chord / 2));
    }

    boolean withinBothRadii(int a, int b) {
        return distanceKm(a, b) <= Math.min(radiusKm[a], radiusKm[b]);
    }

    String id(int index) {
        return learners.get(index).id();
    }
}
