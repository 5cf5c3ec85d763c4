package org.entraide.matching.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

import org.entraide.availability.WeekMask;
import org.entraide.profile.CertificateIntent;
import org.entraide.profile.Modality;
import org.junit.jupiter.api.Test;

class ExplanationTextTest {

    /** Tuesday 17:00–19:00 UTC, shown in Paris during summer time (UTC+2). */
    private static final WeekMask TUESDAY_EVENING_UTC = WeekMask.of(24 + 16, 24 + 17);
    private static final LocalDate SUMMER_MONDAY = LocalDate.of(2025, 6, 2);
    private static final Explanation PAIR = new Explanation(false, List.of(
            new Reason.SharedHours(TUESDAY_EVENING_UTC),
            new Reason.SameCertificateIntent(CertificateIntent.YES),
            new Reason.Distance(12.3)));

    @Test
    void readsLikeAPersonWroteItInEnglish() {
        assertEquals("You are both free on Tue 18:00–20:00 (your time), both want the certificate, and live 12 km apart.",
                ExplanationText.render(PAIR, Locale.ENGLISH, ZoneId.of("Europe/Paris"), SUMMER_MONDAY));
    }

    @Test
    void readsLikeAPersonWroteItInFrench() {
        assertEquals("Vous êtes tous les deux libres le mardi de 18:00 à 20:00 (à votre heure), visez tous les deux le"
                        + " certificat et habitez à 12 km l’un de l’autre.",
                ExplanationText.render(PAIR, Locale.FRENCH, ZoneId.of("Europe/Paris"), SUMMER_MONDAY));
    }

    /** Each French clause after the first shares the sentence's "Vous": a reflexive verb ("vous vous retrouverez") cannot. */
    @Test
    void howTheyMeetReadsInFrenchWhereverItComes() {
        Explanation hoursThenVideo = new Explanation(false, List.of(new Reason.SharedHours(TUESDAY_EVENING_UTC),
                new Reason.MeetingModality(Modality.VIDEO_CALL)));
        assertEquals("Vous êtes tous les deux libres le mardi de 18:00 à 20:00 (à votre heure) et étudierez ensemble en visio.",
                ExplanationText.render(hoursThenVideo, Locale.FRENCH, ZoneId.of("Europe/Paris"), SUMMER_MONDAY));
        Explanation inPersonFirst = new Explanation(true, List.of(new Reason.MeetingModality(Modality.IN_PERSON),
                new Reason.SameCertificateIntent(CertificateIntent.YES)));
        assertEquals("Vous étudierez ensemble en personne et visez tous le certificat.",
                ExplanationText.render(inPersonFirst, Locale.FRENCH, ZoneId.of("Europe/Paris"), SUMMER_MONDAY));
        assertEquals("Les membres sont tous les deux libres le mardi de 18:00 à 20:00 (à votre heure) et se retrouveront en visio.",
                ExplanationText.render(hoursThenVideo, Locale.FRENCH, ZoneId.of("Europe/Paris"), SUMMER_MONDAY, ExplanationText.Reader.COURSE_TEAM));
    }

    @Test
    void theCourseTeamReadsTheSameSentenceAboutTheMembers() {
        assertEquals("They are both free on Tue 18:00–20:00 (your time), both want the certificate, and live 12 km apart.",
                ExplanationText.render(PAIR, Locale.ENGLISH, ZoneId.of("Europe/Paris"), SUMMER_MONDAY, ExplanationText.Reader.COURSE_TEAM));
        assertEquals("Les membres sont tous les deux libres le mardi de 18:00 à 20:00 (à votre heure), visent tous les deux le"
                        + " certificat et habitent à 12 km l’un de l’autre.",
                ExplanationText.render(PAIR, Locale.FRENCH, ZoneId.of("Europe/Paris"), SUMMER_MONDAY, ExplanationText.Reader.COURSE_TEAM));
    }

    /** French conjugates every clause, so each needs its team wording; a "team." key must replace one that exists. */
    @Test
    void everyFrenchClauseHasItsCourseTeamWordingAndEveryTeamKeyReplacesAKey() {
        for (Locale locale : List.of(Locale.ENGLISH, Locale.FRENCH)) {
            ResourceBundle bundle = ResourceBundle.getBundle("org.entraide.matching.engine.explanations", locale,
                    ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_DEFAULT));
            for (String key : bundle.keySet()) {
                if (key.startsWith("team.")) {
                    assertTrue(bundle.containsKey(key.substring("team.".length())), locale + ": " + key + " replaces nothing");
                } else if (locale == Locale.FRENCH && (key.startsWith("pair.") || key.startsWith("group.") || key.equals("sentence"))) {
                    assertTrue(bundle.containsKey("team." + key), "no course-team wording for " + key);
                }
            }
        }
    }

    @Test
    void showsHoursInTheViewersZone() {
        Explanation hoursOnly = new Explanation(true, List.of(new Reason.SharedHours(TUESDAY_EVENING_UTC)));
        assertEquals("You are all free on Tue 12:00–14:00 (your time).",
                ExplanationText.render(hoursOnly, Locale.ENGLISH, ZoneId.of("America/Montreal"), SUMMER_MONDAY));
    }

    /** Weekday evenings read as the group page summarises them, not as three days and "8 more hours". */
    @Test
    void daysWithTheSameHoursReadAsOneRange() {
        WeekMask weekdayEvenings = WeekMask.EMPTY;
        for (int day = 0; day < 5; day++) {
            weekdayEvenings = weekdayEvenings.or(WeekMask.of(day * 24 + 16, day * 24 + 17, day * 24 + 18, day * 24 + 19));
        }
        assertSharedHoursRead(weekdayEvenings,
                "You are both free on Mon–Fri 18:00–22:00 (your time).",
                "Vous êtes tous les deux libres du lundi au vendredi de 18:00 à 22:00 (à votre heure).");
    }

    /** Two days in a row are a range in English and two days in French ("le samedi et le dimanche"). */
    @Test
    void twoDaysInARowAreNamedAsTheLanguageNamesThem() {
        // UTC Saturday and Sunday 08–10 are 10–12 in Paris in summer
        assertSharedHoursRead(WeekMask.of(120 + 8, 120 + 9, 144 + 8, 144 + 9),
                "You are both free on Sat–Sun 10:00–12:00 (your time).",
                "Vous êtes tous les deux libres le samedi et le dimanche de 10:00 à 12:00 (à votre heure).");
    }

    /** A day with two runs of hours names both, in the way each language joins them. */
    @Test
    void twoRunsOfOneDayAreJoinedAsTheLanguageJoinsThem() {
        // UTC Saturday 08–10 and 12–14 are 10–12 and 14–16 in Paris in summer
        assertSharedHoursRead(WeekMask.of(120 + 8, 120 + 9, 120 + 12, 120 + 13),
                "You are both free on Sat 10:00–12:00, 14:00–16:00 (your time).",
                "Vous êtes tous les deux libres le samedi de 10:00 à 12:00 et de 14:00 à 16:00 (à votre heure).");
    }

    /** Beyond three ranges the sentence counts the hours of the others, so it stays one line. */
    @Test
    void beyondThreeRangesTheRestIsCountedInHours() {
        // UTC: Mon 16–17, Tue 16–18, Wed 16–19, Thu 16–20, Sat 08–10 (two hours each on Thu and Sat beyond the third)
        WeekMask uneven = WeekMask.of(16, 24 + 16, 24 + 17, 48 + 16, 48 + 17, 48 + 18, 72 + 16, 72 + 17, 72 + 18, 72 + 19,
                120 + 8, 120 + 9);
        assertSharedHoursRead(uneven,
                "You are both free on Mon 18:00–19:00, Tue 18:00–20:00, Wed 18:00–21:00 and 6 more hours (your time).",
                "Vous êtes tous les deux libres le lundi de 18:00 à 19:00, le mardi de 18:00 à 20:00, le mercredi de 18:00 à 21:00"
                        + " et 6 heures de plus (à votre heure).");
    }

    @Test
    void anEnglishReaderReadsEnglishOnAServerWhoseDefaultLocaleIsFrench() {
        Locale serverDefault = Locale.getDefault();
        Locale.setDefault(Locale.FRANCE);
        try {
            assertEquals("You are both free on Tue 18:00–20:00 (your time), both want the certificate, and live 12 km apart.",
                    ExplanationText.render(PAIR, Locale.ENGLISH, ZoneId.of("Europe/Paris"), SUMMER_MONDAY));
        } finally {
            Locale.setDefault(serverDefault);
        }
    }

    @Test
    void everyEngineReasonHasTextInBothLanguages() {
        List<EngineLearner> learners = TestPopulations.withRelations(TestPopulations.random(200, 3), 3);
        MatchingEngine engine = new MatchingEngine(Rules.defaults().withWeight(Criterion.PROXIMITY,
                CriterionWeight.diverse(1)));
        for (Locale locale : List.of(Locale.ENGLISH, Locale.FRENCH)) {
            for (ExplanationText.Reader reader : ExplanationText.Reader.values()) {
                engine.matchTandems(learners).tandems().forEach(t -> ExplanationText.render(t.explanation(), locale,
                        ZoneId.of("Europe/Paris"), SUMMER_MONDAY, reader));
                engine.formGroups(learners).groups().forEach(g -> ExplanationText.render(g.explanation(), locale,
                        ZoneId.of("Asia/Kolkata"), SUMMER_MONDAY, reader));
                engine.clusterMeetups(learners).clusters().forEach(c -> ExplanationText.render(c.explanation(), locale,
                        ZoneId.of("UTC"), SUMMER_MONDAY, reader));
            }
        }
    }

    /** The hours (UTC) as a pair of learners in Paris reads them in summer, in English and in French. */
    private static void assertSharedHoursRead(WeekMask utcHours, String english, String french) {
        Explanation pair = new Explanation(false, List.of(new Reason.SharedHours(utcHours)));
        assertEquals(english, ExplanationText.render(pair, Locale.ENGLISH, ZoneId.of("Europe/Paris"), SUMMER_MONDAY));
        assertEquals(french, ExplanationText.render(pair, Locale.FRENCH, ZoneId.of("Europe/Paris"), SUMMER_MONDAY));
    }
}
