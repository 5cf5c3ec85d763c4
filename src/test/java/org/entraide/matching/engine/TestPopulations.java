package org.entraide.matching.engine;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import org.entraide.availability.WeekMask;
import org.entraide.profile.CertificateIntent;
import org.entraide.profile.FollowMode;
import org.entraide.profile.Format;
import org.entraide.profile.InteractionObject;
import org.entraide.profile.Modality;
import org.entraide.profile.Motive;

/** Small random populations shaped like MOOC cohorts: evenings and weekends, a few languages, zones and cities. */
final class TestPopulations {

    static final double[][] CITIES = {
            { 48.8566, 2.3522 }, { 48.8049, 2.1204 }, { 45.7640, 4.8357 }, { 43.2965, 5.3698 },
            { 50.8503, 4.3517 }, { 46.2044, 6.1432 }, { 45.5017, -73.5673 }, { 51.5074, -0.1278 },
            { 40.7128, -74.0060 }, { 19.0760, 72.8777 }, { 14.7167, -17.4677 }, { 5.3600, -4.0083 },
            { 48.1173, -1.6778 }, { 47.2184, -1.5536 }, { 43.6047, 1.4442 } };
    static final int[] CITY_OFFSET_HOURS = { 1, 1, 1, 1, 1, 1, -5, 0, -5, 5, 0, 0, 1, 1, 1 };
    static final String[] LANGUAGES = { "fr", "en", "es", "de", "ar", "pt", "it", "nl", "wo", "hi" };

    private TestPopulations() {
    }

    static List<EngineLearner> random(int n, long seed) {
        return random(n, seed, 3, CITIES.length);
    }

    static List<EngineLearner> random(int n, long seed, int languageCount, int cityCount) {
        SplittableRandom random = new SplittableRandom(seed);
        List<EngineLearner> result = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int city = random.nextInt(cityCount);
            int offset = CITY_OFFSET_HOURS[city];
            Set<String> languages = new HashSet<>();
            languages.add(LANGUAGES[random.nextInt(languageCount) == 0 ? 0 : random.nextInt(languageCount)]);
            if (random.nextInt(4) == 0) {
                languages.add(LANGUAGES[random.nextInt(languageCount)]);
            }
            Set<Modality> modalities = EnumSet.noneOf(Modality.class);
            for (Modality modality : Modality.values()) {
                if (random.nextInt(2) == 0) {
                    modalities.add(modality);
                }
            }
            if (modalities.isEmpty()) {
                modalities.add(Modality.VIDEO_CALL);
            }
            Set<Motive> motives = EnumSet.noneOf(Motive.class);
            motives.add(Motive.values()[random.nextInt(Motive.values().length)]);
            if (random.nextBoolean()) {
                motives.add(Motive.values()[random.nextInt(Motive.values().length)]);
            }
            Set<InteractionObject> objects = EnumSet.noneOf(InteractionObject.class);
            objects.add(InteractionObject.values()[random.nextInt(InteractionObject.values().length)]);
            result.add(new EngineLearner("L" + i, week(random, offset), offset * 60, languages, modalities,
                    EnumSet.allOf(Format.class), CITIES[city][0], CITIES[city][1], 10 + random.nextInt(40), motives,
                    CertificateIntent.values()[random.nextInt(3)], FollowMode.values()[random.nextInt(2)], objects,
                    null, random.nextInt(3) == 0 ? "health" : random.nextBoolean() ? "education" : null, null, null,
                    Set.of(), Set.of()));
        }
        return result;
    }

    /** Adds exclusions (about 5 %) and pre-formed pairs (about 3 %) to a population. */
    static List<EngineLearner> withRelations(List<EngineLearner> learners, long seed) {
        SplittableRandom random = new SplittableRandom(seed * 31 + 7);
        List<EngineLearner> result = new ArrayList<>(learners.size());
        int n = learners.size();
        for (int i = 0; i < n; i++) {
            EngineLearner l = learners.get(i);
            Set<String> exclusions = new HashSet<>();
            Set<String> partners = new HashSet<>();
            if (random.nextInt(20) == 0) {
                exclusions.add("L" + random.nextInt(n));
            }
            if (i % 60 == 0 && i + 1 < n) {
                partners.add("L" + (i + 1));
            }
            if (i % 60 == 1) {
                partners.add("L" + (i - 1));
            }
            result.add(new EngineLearner(l.id(), l.utcWeek(), l.utcOffsetMinutes(), l.languages(), l.modalities(),
                    l.formats(), l.latitude(), l.longitude(), l.radiusKm(), l.motives(), l.certificate(),
                    l.followMode(), l.objects(), l.situation(), l.sector(), l.organisation(), l.experience(),
                    exclusions, partners));
        }
        return result;
    }

    /** Two to five local blocks of 2-4 hours, mostly evenings and weekends, shifted to UTC. */
    static WeekMask week(SplittableRandom random, int offsetHours) {
        WeekMask week = WeekMask.EMPTY;
        int blocks = 2 + random.nextInt(4);
        for (int b = 0; b < blocks; b++) {
            int day = random.nextInt(7);
            int startHour = day >= 5 ? 9 + random.nextInt(9) : random.nextInt(5) == 0 ? 12 : 18 + random.nextInt(3);
            int length = 2 + random.nextInt(3);
            for (int h = 0; h < length; h++) {
                int local = day * 24 + startHour + h;
                week = week.with(Math.floorMod(local - offsetHours, 168));
            }
        }
        return week;
    }
}
