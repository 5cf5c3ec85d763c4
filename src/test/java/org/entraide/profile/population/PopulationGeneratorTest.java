package org.entraide.profile.population;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.entraide.geo.Gazetteer;
import org.entraide.profile.CertificateIntent;
import org.entraide.profile.Format;
import org.entraide.profile.LearnerProfile;
import org.entraide.profile.Modality;
import org.entraide.profile.Motive;
import org.entraide.profile.Situation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PopulationGeneratorTest {

    static Gazetteer gazetteer;
    static List<LearnerProfile> population;

    @BeforeAll
    static void generate() {
        gazetteer = Gazetteer.loadDefault();
        population = new PopulationGenerator(gazetteer, 42).generate(20_000);
    }

    private static double share(Predicate<LearnerProfile> predicate) {
        return population.stream().filter(predicate).count() / (double) population.size();
    }

    private static double share(Predicate<LearnerProfile> among, Predicate<LearnerProfile> predicate) {
        List<LearnerProfile> subset = population.stream().filter(among).toList();
        return subset.stream().filter(predicate).count() / (double) subset.size();
    }

    @Test
    void sameSeedGivesTheSameProfilesAndDifferentSeedsDiffer() {
        List<LearnerProfile> again = new PopulationGenerator(gazetteer, 42).generate(1000);
        assertEquals(population.subList(0, 1000), again);
        List<LearnerProfile> other = new PopulationGenerator(gazetteer, 43).generate(1000);
        assertNotEquals(again, other);
        assertEquals("gen-42-17", again.get(17).externalId());
        assertEquals("gen-43-17", other.get(17).externalId());
        long identicalCities = IntStream.range(0, 1000)
                .filter(i -> again.get(i).placeId() == other.get(i).placeId()).count();
        assertTrue(identicalCities < 200, "seeds look correlated: " + identicalCities);
    }

    @Test
    void everyProfileIsComplete() {
        for (LearnerProfile profile : population) {
            assertFalse(profile.languages().isEmpty());
            assertFalse(profile.formats().isEmpty());
            assertFalse(profile.modalities().isEmpty());
            assertFalse(profile.motives().isEmpty());
            assertFalse(profile.interactionObjects().isEmpty());
            assertTrue(profile.travelRadiusKm() >= 5 && profile.travelRadiusKm() <= 50);
            assertTrue(profile.firstName() != null && !profile.firstName().isBlank());
            assertTrue(profile.introduction() != null && !profile.introduction().isBlank());
            var place = gazetteer.byId(profile.placeId()).orElseThrow();
            assertEquals(place.timezone(), profile.zone().getId());
            assertEquals(place.countryCode(), profile.countryCode());
            assertTrue(profile.localWeek() != null);
            if (profile.introduction().startsWith("Salarié·e (") || profile.introduction().startsWith("Indépendant·e (")) {
                assertFalse(profile.introduction().matches(".*\\((industry|health|research|energy|consulting|social work)\\).*"),
                        "a French introduction names its sector in French: " + profile.introduction());
                assertFalse(profile.introduction().contains("(null)"), profile.introduction());
            }
        }
    }

    @Test
    void distributionsLookLikeAMoocAudience() {
        Map<Situation, Long> situations = population.stream()
                .collect(Collectors.groupingBy(LearnerProfile::situation, () -> new EnumMap<>(Situation.class),
                        Collectors.counting()));
        Situation mostCommon = situations.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        assertEquals(Situation.EMPLOYED, mostCommon);
        assertTrue(share(p -> p.situation() == Situation.EMPLOYED) > 0.4);
        assertTrue(situations.values().stream().allMatch(count -> count > 500), situations.toString());

        Map<String, Long> countries = population.stream()
                .collect(Collectors.groupingBy(LearnerProfile::countryCode, Collectors.counting()));
        Map.Entry<String, Long> topCountry = countries.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow();
        assertEquals("FR", topCountry.getKey());
        assertTrue(countries.size() > 20);

        double multilingual = share(p -> p.languages().size() >= 2);
        assertTrue(multilingual > 0.4 && multilingual < 0.9, "multilingual " + multilingual);
        assertTrue(share(p -> p.languages().size() >= 3) > 0.02);
        assertTrue(share(p -> p.languages().contains("fr")) > 0.4);

        double none = share(p -> p.localWeek().isEmpty());
        assertTrue(none > 0.002 && none < 0.03, "without availability " + none);
        assertTrue(share(p -> p.localWeek().count() <= 6) > 0.08, "little availability");
    }

    @Test
    void motivesFollowTheUsageRegisters() {
        Predicate<LearnerProfile> jobSeeker = p -> p.situation() == Situation.JOB_SEEKER;
        assertTrue(share(jobSeeker, p -> p.motives().contains(Motive.COMPETITIVE)) > 0.5);
        assertTrue(share(jobSeeker, p -> p.certificateIntent() == CertificateIntent.YES) > 0.5);
        Predicate<LearnerProfile> student = p -> p.situation() == Situation.STUDENT;
        assertTrue(share(student, p -> p.motives().contains(Motive.COMPLEMENTARY)) > 0.5);
        Predicate<LearnerProfile> retired = p -> p.situation() == Situation.RETIRED;
        assertTrue(share(retired, p -> p.motives().contains(Motive.EPISTEMIC)) > 0.8);
        Predicate<LearnerProfile> employed = p -> p.situation() == Situation.EMPLOYED;
        assertTrue(share(employed, p -> p.motives().contains(Motive.LEGITIMATION)
                || p.motives().contains(Motive.OPPORTUNITY)
                || p.motives().contains(Motive.CAREER_CHANGE_EMPLOYEE)) > 0.5);
    }

    @Test
    void availabilityDependsOnSituation() {
        // Employed people study in the evening, retirees during the day (local Monday–Friday).
        Function<LearnerProfile, Integer> evening = p -> countHours(p, 18, 23);
        Function<LearnerProfile, Integer> daytime = p -> countHours(p, 9, 17);
        double employedEvening = average(Situation.EMPLOYED, evening);
        double employedDaytime = average(Situation.EMPLOYED, daytime);
        double retiredEvening = average(Situation.RETIRED, evening);
        double retiredDaytime = average(Situation.RETIRED, daytime);
        assertTrue(employedEvening > 2 * employedDaytime, employedEvening + " vs " + employedDaytime);
        assertTrue(retiredDaytime > 2 * retiredEvening, retiredDaytime + " vs " + retiredEvening);
    }

    @Test
    void meetupsAndColleaguesAreDenseEnoughToMatter() {
        assertTrue(share(p -> p.formats().contains(Format.LOCAL_MEETUP), p -> p.modalities().contains(Modality.IN_PERSON)) > 0.8);
        Map<String, Integer> organisations = new HashMap<>();
        population.stream().filter(p -> p.organisation() != null)
                .forEach(p -> organisations.merge(p.organisation(), 1, Integer::sum));
        assertTrue(organisations.values().stream().anyMatch(count -> count >= 4), "no colleague group possible");
        Map<Long, Long> byCity = population.stream().collect(Collectors.groupingBy(LearnerProfile::placeId, Collectors.counting()));
        long parisId = gazetteer.search("paris", 1).get(0).id();
        assertTrue(byCity.getOrDefault(parisId, 0L) > 200, "Paris should be dense: " + byCity.get(parisId));
    }

    @Test
    void hundredThousandProfilesInUnderTwoSeconds() {
        PopulationGenerator generator = new PopulationGenerator(gazetteer, 7);
        generator.generate(5_000);
        // CPU time of this thread: the build machine is shared, so wall time says more about the neighbours.
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        List<LearnerProfile> large = generator.generate(100_000);
        long millis = (System.nanoTime() - start) / 1_000_000;
        long cpuMillis = (threads.getCurrentThreadCpuTime() - cpuStart) / 1_000_000;
        System.out.printf("PopulationGenerator: 100,000 profiles in %d ms wall, %d ms CPU%n", millis, cpuMillis);
        assertEquals(100_000, large.size());
        assertTrue(cpuMillis < 2000, "generation took " + cpuMillis + " ms of CPU");
    }

    private static int countHours(LearnerProfile profile, int from, int to) {
        int count = 0;
        for (int day = 0; day < 5; day++) {
            for (int hour = from; hour < to; hour++) {
                if (profile.localWeek().get(day * 24 + hour)) {
                    count++;
                }
            }
        }
        return count;
    }

    private static double average(Situation situation, Function<LearnerProfile, Integer> measure) {
        return population.stream().filter(p -> p.situation() == situation).mapToInt(measure::apply).average().orElse(0);
    }
}
