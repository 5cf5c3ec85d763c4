package org.entraide.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class GazetteerTest {

    static Gazetteer gazetteer;

    @BeforeAll
    static void load() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        gazetteer = Gazetteer.loadDefault();
        long millis = (System.nanoTime() - start) / 1_000_000;
        long cpuMillis = (threads.getCurrentThreadCpuTime() - cpuStart) / 1_000_000;
        System.out.printf("Gazetteer: %d places, %d search keys, loaded in %d ms wall, %d ms CPU%n",
                gazetteer.size(), gazetteer.keyCount(), millis, cpuMillis);
    }

    private static Place first(String query) {
        List<Place> found = gazetteer.search(query, 10);
        assertFalse(found.isEmpty(), "nothing found for " + query);
        return found.get(0);
    }

    @Test
    void holdsTheTownsOfFiveThousandInhabitantsAndMore() {
        assertTrue(gazetteer.size() > 50_000, "size " + gazetteer.size());
        assertTrue(gazetteer.all().stream().allMatch(p -> p.population() >= 5000));
        assertSame(gazetteer, Gazetteer.loadDefault());
    }

    @Test
    void frenchExonymFindsLondon() {
        Place london = first("Londres");
        assertEquals("London", london.name());
        assertEquals("GB", london.countryCode());
        assertEquals("London, United Kingdom", london.label(Locale.ENGLISH));
        assertEquals("London, Royaume-Uni", london.label(Locale.FRENCH));
    }

    @Test
    void parisFranceRanksAboveParisTexas() {
        List<Place> found = gazetteer.search("paris", 20);
        assertEquals("FR", found.get(0).countryCode());
        assertEquals("Europe/Paris", found.get(0).timezone());
        assertTrue(found.stream().anyMatch(p -> p.countryCode().equals("US") && p.admin1().equals("TX")));
        Place texan = first("Paris, Texas");
        assertEquals("Paris, TX, United States", texan.label(Locale.ENGLISH));
        assertEquals("US", first("paris, us").countryCode());
        assertEquals("FR", first("Paris, France").countryCode());
    }

    @Test
    void searchIgnoresAccentsCaseAndPunctuation() {
        assertEquals("Genève", first("geneve").name());
        assertEquals("Genève", first("GENÈVE").name());
        assertEquals("São Paulo", first("sao paulo").name());
        assertEquals("Saint-Étienne", first("saint etienne").name());
        assertEquals("Brussels", first("Bruxelles").name());
        assertEquals("Brussels", first("Brussel").name());
        assertEquals("Beijing", first("Pékin").name());
        assertEquals("Montréal", first("montreal").name());
    }

    @Test
    void exactMatchesComeBeforeMorePopulousPrefixMatches() {
        // "Lyon" must beat bigger places whose names merely start with "Lyon".
        assertEquals("Lyon", first("lyon").name());
        List<Place> prefix = gazetteer.search("bord", 5);
        assertEquals("Bordeaux", prefix.get(0).name());
    }

    @Test
    void labelsFindTheirPlaceBack() {
        for (Place place : gazetteer.all().subList(0, 300)) {
            for (Locale locale : List.of(Locale.ENGLISH, Locale.FRENCH)) {
                List<Place> found = gazetteer.search(place.label(locale), 50);
                assertTrue(found.contains(place), place.label(locale));
            }
        }
        assertEquals("London", first("Londres, Royaume-Uni").name());
    }

    @Test
    void unknownOrEmptyQueryFindsNothing() {
        assertTrue(gazetteer.search("xqzwvk", 10).isEmpty());
        assertTrue(gazetteer.search("  ", 10).isEmpty());
        assertTrue(gazetteer.search("paris", 0).isEmpty());
        assertEquals(3, gazetteer.search("a", 3).size());
    }

    @Test
    void byIdRoundTrip() {
        for (Place place : gazetteer.all().subList(0, 2000)) {
            assertEquals(place, gazetteer.byId(place.id()).orElseThrow());
        }
        assertTrue(gazetteer.byId(-1).isEmpty());
    }

    @Test
    void nearestFindsTheCityAtItsOwnCoordinatesAndNeighbours() {
        Place paris = first("paris");
        assertEquals(paris, gazetteer.nearest(paris.latitude(), paris.longitude()));
        assertEquals("Versailles", gazetteer.nearest(48.80, 2.12).name());
        // Across the date line (Fiji), and in the middle of the Pacific.
        assertEquals("FJ", gazetteer.nearest(-17.7, 179.99).countryCode());
        assertNotNull(gazetteer.nearest(-30, -140));
    }

    @Test
    void nearestAgreesWithBruteForce() {
        Random random = new Random(7);
        for (int i = 0; i < 150; i++) {
            double lat = random.nextDouble() * 140 - 60;
            double lon = random.nextDouble() * 360 - 180;
            double bestKm = Double.MAX_VALUE;
            for (Place place : gazetteer.all()) {
                bestKm = Math.min(bestKm, Distances.km(lat, lon, place.latitude(), place.longitude()));
            }
            Place found = gazetteer.nearest(lat, lon);
            assertEquals(bestKm, Distances.km(lat, lon, found.latitude(), found.longitude()), 1e-9, lat + "," + lon);
        }
    }

    @Test
    void distanceParisLondon() {
        assertEquals(344, Distances.km(48.8566, 2.3522, 51.5074, -0.1278), 2);
        assertEquals(0, Distances.km(10, 20, 10, 20), 1e-9);
        assertEquals(Math.PI * Distances.EARTH_RADIUS_KM, Distances.km(0, 0, 0, 180), 1e-6);
    }

    @Test
    void searchAndNearestAreFast() {
        String[] queries = {"l", "pa", "sain", "londres", "new york", "sao paulo", "mont", "b", "ber", "zz"};
        for (int warm = 0; warm < 200; warm++) {
            for (String query : queries) {
                gazetteer.search(query, 10);
            }
        }
        long start = System.nanoTime();
        int rounds = 200;
        for (int round = 0; round < rounds; round++) {
            for (String query : queries) {
                gazetteer.search(query, 10);
            }
        }
        double searchMicros = (System.nanoTime() - start) / 1000.0 / (rounds * queries.length);
        Random random = new Random(1);
        start = System.nanoTime();
        for (int i = 0; i < 10_000; i++) {
            gazetteer.nearest(random.nextDouble() * 120 - 50, random.nextDouble() * 360 - 180);
        }
        double nearestMicros = (System.nanoTime() - start) / 1000.0 / 10_000;
        System.out.printf("Gazetteer: search %.1f µs/query (one-letter prefixes included), nearest %.1f µs/call%n",
                searchMicros, nearestMicros);
        assertTrue(searchMicros < 5000, "search " + searchMicros + " µs");
        assertTrue(nearestMicros < 1000, "nearest " + nearestMicros + " µs");
    }
}
