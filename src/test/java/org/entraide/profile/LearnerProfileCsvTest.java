package org.entraide.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.io.StringWriter;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import org.entraide.availability.Slots;
import org.entraide.availability.WeekMask;
import org.entraide.geo.Gazetteer;
import org.entraide.profile.LearnerProfileCsv.Result;
import org.entraide.profile.LearnerProfileCsv.RowError;
import org.entraide.profile.population.PopulationGenerator;
import org.entraide.web.I18n;
import org.junit.jupiter.api.Test;

class LearnerProfileCsvTest {

    private static final String HEADER = String.join(",", LearnerProfileCsv.COLUMNS) + "\n";

    @Test
    void roundTripOfGeneratedProfiles() {
        List<LearnerProfile> profiles = new PopulationGenerator(Gazetteer.loadDefault(), 2026).generate(200);
        StringWriter csv = new StringWriter();
        LearnerProfileCsv.write(profiles, csv);
        assertTrue(csv.toString().startsWith(HEADER));
        Result result = LearnerProfileCsv.read(new StringReader(csv.toString()));
        assertEquals(List.of(), result.errors());
        assertEquals(profiles, result.profiles());
    }

    @Test
    void humanAvailabilityAndLenientSpellings() {
        String csv = HEADER
                + "a1,Léa,2988507,48.8534,2.3488,fr,10,Europe/Paris,\"Mon 18-22;Sat 10-12\",FR en,"
                + "tandem|Study-Group,video call,epistemic,yes,weekly_rhythm,discuss_course,employed,health,,a_few,"
                + "\"Hello, \"\"world\"\"\",oui\n";
        Result result = LearnerProfileCsv.read(new StringReader(csv));
        assertEquals(List.of(), result.errors());
        LearnerProfile profile = result.profiles().get(0);
        assertEquals(WeekMask.of(18, 19, 20, 21, 130, 131), profile.localWeek());
        assertEquals(Set.of("fr", "en"), profile.languages());
        assertEquals(Set.of(Format.TANDEM, Format.STUDY_GROUP), profile.formats());
        assertEquals(Set.of(Modality.VIDEO_CALL), profile.modalities());
        assertEquals("FR", profile.countryCode());
        assertEquals(ZoneId.of("Europe/Paris"), profile.zone());
        assertEquals("Hello, \"world\"", profile.introduction());
        assertTrue(profile.canOrganiseMeetup());
        assertEquals(null, profile.organisation());
    }

    @Test
    void onlyTheRequiredColumnsInAnyOrderWithSemicolonsAndByteOrderMark() {
        String csv = "\uFEFFlanguages;time_zone;availability;external_id\n"
                + "en|hi;Asia/Kolkata;Mon-Fri 19:00-22:00;x\n";
        Result result = LearnerProfileCsv.read(new StringReader(csv));
        assertEquals(List.of(), result.errors());
        LearnerProfile profile = result.profiles().get(0);
        assertEquals(15, profile.localWeek().count());
        assertEquals(LearnerProfileCsv.DEFAULT_RADIUS_KM, profile.travelRadiusKm());
        assertEquals(CertificateIntent.UNDECIDED, profile.certificateIntent());
        assertTrue(Double.isNaN(profile.latitude()));
        assertTrue(profile.formats().isEmpty());
    }

    @Test
    void malformedRowsAreReportedWithTheirLineAndSkipped() {
        String csv = HEADER
                + "ok1,A,1,1,1,FR,10,Europe/Paris,Mon 18-22,fr,TANDEM,VIDEO_CALL,EPISTEMIC,YES,SELECTIVE,,STUDENT,,,FIRST,,false\n"
                + "bad-zone,B,1,1,1,FR,10,Mars/Olympus,Mon 18-22,fr,,,,,,,,,,,,\n"
                + "bad-enum,C,1,1,1,FR,10,Europe/Paris,Mon 18-22,fr,TRIO|TANDEM,,,MAYBE,,,,,,,,\n"
                + "bad-numbers,D,x,95,1,FR,ten,Europe/Paris,Mon 18-22,fr,,,,,,,,,,,,\n"
                + "bad-availability,E,1,1,1,FR,10,Europe/Paris,Funday 9-12,,,,,,,,,,,,,maybe\n"
                + "ok2,F,1,1,1,FR,10,Europe/Paris,,fr,,,,,,,,,,,\"multi\nline\",false\n"
                + ",G,1,1,1,FR,10,Europe/Paris,,fr,,,,,,,,,,,,\n"
                + "ok1,H,1,1,1,FR,10,Europe/Paris,,fr,,,,,,,,,,,,\n";
        Result result = LearnerProfileCsv.read(new StringReader(csv));
        assertEquals(List.of("ok1", "ok2"), result.profiles().stream().map(LearnerProfile::externalId).toList());
        List<RowError> errors = result.errors();
        assertTrue(errors.contains(new RowError(3, "time_zone", "import.csv.time-zone", List.of("Mars/Olympus"))), errors.toString());
        assertTrue(errors.stream().anyMatch(e -> e.line() == 4 && e.column().equals("formats") && e.args().get(0).equals("TRIO")));
        assertTrue(errors.stream().anyMatch(e -> e.line() == 4 && e.column().equals("certificate")));
        assertTrue(errors.stream().anyMatch(e -> e.line() == 5 && e.column().equals("place_id")));
        assertTrue(errors.stream().anyMatch(e -> e.line() == 5 && e.column().equals("latitude")));
        assertTrue(errors.stream().anyMatch(e -> e.line() == 5 && e.column().equals("radius_km")));
        assertTrue(errors.contains(new RowError(6, "availability", "import.csv.slots.UNKNOWN_DAY", List.of("Funday"))), errors.toString());
        assertTrue(errors.stream().anyMatch(e -> e.line() == 6 && e.column().equals("languages")));
        assertTrue(errors.stream().anyMatch(e -> e.line() == 6 && e.column().equals("can_organise")));
        // The quoted introduction of line 7 spans two lines, so the next row starts on line 9.
        assertTrue(errors.contains(new RowError(9, "external_id", "import.csv.required", List.of())), errors.toString());
        assertTrue(errors.contains(new RowError(10, "external_id", "import.csv.duplicate", List.of("2"))), errors.toString());
        assertFalse(errors.stream().anyMatch(e -> e.line() == 2 || e.line() == 7));
    }

    @Test
    void missingRequiredColumnIsReportedOnEveryRow() {
        String csv = "external_id,languages\nx,fr\ny,en\n";
        Result result = LearnerProfileCsv.read(new StringReader(csv));
        assertTrue(result.profiles().isEmpty());
        assertEquals(List.of(new RowError(2, "time_zone", "import.csv.missing-column", List.of()),
                new RowError(2, "availability", "import.csv.missing-column", List.of()),
                new RowError(3, "time_zone", "import.csv.missing-column", List.of()),
                new RowError(3, "availability", "import.csv.missing-column", List.of())), result.errors());
    }

    @Test
    void brokenQuotingIsReportedNotThrown() {
        String csv = HEADER + "ok,A,1,1,1,FR,10,Europe/Paris,,fr,,,,,,,,,,,,\n"
                + "x,\"unterminated,1,1,1,FR,10,Europe/Paris,,fr\n";
        Result result = LearnerProfileCsv.read(new StringReader(csv));
        assertEquals(1, result.profiles().size());
        assertFalse(result.ok());
        assertEquals(new RowError(3, null, "import.csv.unreadable-rest", List.of()), result.errors().get(0));
        assertTrue(LearnerProfileCsv.read(new StringReader("")).profiles().isEmpty());
    }

    @Test
    void everyProblemIsToldInEnglishAndFrenchWithItsValue() {
        String csv = HEADER
                + "a,A,x,95,1,FRA,501,Mars/Olympus,Mon 18:30-20,xx,TRIO,,,,,,,,,,,maybe\n"
                + "b,B,1.5,abc,1.5e3,FR,1.5,Europe/Paris,Mon,,,,,,,,,,,,,\n"
                + "c,,,,,,,Europe/Paris,10-12,fr,,,,,,,,,,,,\n"
                + "d,,,,,,,Europe/Paris,Mon 18,fr,,,,,,,,,,,,\n"
                + "e,,,,,,,Europe/Paris,Mon 18-18,fr,,,,,,,,,,,,\n"
                + "f,,,,,,,Europe/Paris,Mon-Tue-Wed 9-10,fr,,,,,,,,,,,,\n"
                + "g,,,,,,,Europe/Paris,Mon 18-25,fr,,,,,,,,,,,,\n"
                + "h,,,,,,,Europe/Paris,Funday 9-10,fr,,,,,,,,,,,,\n"
                + "i,,,,,,,,,fr,,,,,,,,,,,,\n"
                + "ok,,,,,,,Europe/Paris,,fr,,,,,,,,,,,,\n"
                + "ok,,,,,,,Europe/Paris,,fr,,,,,,,,,,,,\n";
        List<RowError> errors = LearnerProfileCsv.read(new StringReader(csv)).errors();
        Set<String> missing = new TreeSet<>(List.of("import.csv.whole-number", "import.csv.out-of-range",
                "import.csv.country", "import.csv.time-zone", "import.csv.language", "import.csv.unknown-value",
                "import.csv.boolean", "import.csv.number", "import.csv.no-language", "import.csv.required",
                "import.csv.duplicate"));
        for (Slots.Unreadable.Reason reason : Slots.Unreadable.Reason.values()) {
            missing.add("import.csv.slots." + reason);
        }
        errors.forEach(error -> missing.remove(error.messageKey()));
        assertEquals(Set.of(), missing, errors.toString());
        for (RowError error : errors) {
            String english = I18n.message(Locale.ENGLISH, error.messageKey(), error.args().toArray());
            String french = I18n.message(Locale.FRENCH, error.messageKey(), error.args().toArray());
            assertNotEquals(error.messageKey(), english, "no English message for " + error);
            assertNotEquals(english, french, "no French message for " + error);
            error.args().forEach(arg -> assertTrue(french.contains(arg), french + " does not say " + arg));
        }
        RowError radius = new RowError(2, "radius_km", "import.csv.out-of-range", List.of("501", "0", "500"));
        assertTrue(errors.contains(radius), errors.toString());
        assertEquals("line 2, radius_km: 501 is out of range: from 0 to 500", radius.toString());
        for (String key : List.of("import.csv.missing-column", "import.csv.unreadable-rest", "import.csv.unreadable-header")) {
            assertNotEquals(key, I18n.message(Locale.ENGLISH, key));
            assertNotEquals(I18n.message(Locale.ENGLISH, key), I18n.message(Locale.FRENCH, key));
        }
    }
}
