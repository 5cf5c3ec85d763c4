package org.entraide.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The zones people choose from: each zone once, under its current id, its former names only as aliases. */
class ZoneNamesTest {

    @Test
    void formerNamesAreNotChoicesButLeadToTheZoneTheyNowName() {
        List<String> ids = GeoService.ZONES.stream().map(GeoService.Zone::id).toList();
        assertTrue(ids.contains("Asia/Kolkata"));
        assertFalse(ids.contains("Asia/Calcutta"));
        assertFalse(ids.contains("Europe/Kiev"));
        assertTrue(ids.contains("Europe/Paris"));
        assertTrue(ids.contains("UTC"));
        assertEquals("Asia/Kolkata", GeoService.currentId("Asia/Calcutta"));
        assertEquals("Europe/Paris", GeoService.currentId("Europe/Paris"));
        assertEquals("Mars/Olympus_Mons", GeoService.currentId("Mars/Olympus_Mons"), "an unknown id is left for the check to refuse");
        assertTrue(GeoService.isZone("Asia/Calcutta"), "profiles saved with a former name stay valid");
        GeoService.Zone kolkata = GeoService.ZONES.get(ids.indexOf("Asia/Kolkata"));
        assertTrue(kolkata.hasName("Asia/Calcutta"));
        assertTrue(kolkata.hasName("Asia/Kolkata"));
        assertFalse(kolkata.hasName("Asia/Dhaka"));
        assertFalse(kolkata.hasName(null), "a form sent without a zone");
        assertEquals("Asia/Calcutta", kolkata.formerNamesText());
        assertEquals(ids.size(), ids.stream().distinct().count());
        assertEquals("Asia/Kolkata (UTC+05:30)", kolkata.label());
        assertEquals("Asia/Kathmandu (UTC+05:45)", GeoService.ZONES.get(ids.indexOf("Asia/Kathmandu")).label());
        assertEquals("Africa/Abidjan (UTC)", GeoService.ZONES.get(ids.indexOf("Africa/Abidjan")).label());
        assertEquals("UTC", GeoService.ZONES.get(ids.indexOf("UTC")).label());
    }

    @Test
    void everyFormerNameKeepsTheHoursOfTheZoneItLeadsTo() {
        // checked every 12 hours over the next two years: the same offset, summer time included
        Instant start = Instant.now();
        int formerNames = 0;
        for (GeoService.Zone zone : GeoService.ZONES) {
            ZoneId current = ZoneId.of(zone.id());
            for (String former : zone.formerNames()) {
                formerNames++;
                ZoneId old = ZoneId.of(former);
                for (Instant at = start; at.isBefore(start.plus(Duration.ofDays(730))); at = at.plus(Duration.ofHours(12))) {
                    assertEquals(current.getRules().getOffset(at), old.getRules().getOffset(at), former + " → " + zone.id() + " at " + at);
                }
            }
        }
        assertTrue(formerNames > 50, "the list of former names was read: " + formerNames);
    }
}
