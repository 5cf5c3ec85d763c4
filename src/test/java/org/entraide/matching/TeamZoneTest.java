package org.entraide.matching;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.text.MessageFormat;

import org.entraide.account.Person;
import org.entraide.availability.WeekMask;
import org.entraide.profile.Enrolment;
import org.entraide.testing.Browser;
import org.entraide.testing.Db;
import org.entraide.testing.Form;
import org.entraide.testing.Groups;
import org.entraide.testing.Groups.Learner;
import org.entraide.testing.Groups.TestCourse;
import org.entraide.testing.Html;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * A person's own time zone (account page) for pages no course profile speaks for: the course team reads a run's
 * explanations and common hours in it. Zones without daylight saving keep the expected hours the same all year.
 */
@QuarkusTest
class TeamZoneTest {

    @Test
    void theAccountKeepsAZoneRefusesAnUnknownOneAndAFormWithoutTheFieldKeepsIt() {
        Browser browser = new Browser();
        String email = browser.signUpNew("zone");
        assertThat(browser.get("/account").asString(), containsString("<option value=\"\">" + Html.en("account.zone-none") + "</option>"));

        Response unknown = browser.post("/account", Form.of("displayName", "Zoe Zone", "language", "", "emailNotifications", "ALL",
                "timeZone", "Mars/Olympus_Mons"));
        assertEquals(400, unknown.statusCode());
        assertThat(unknown.asString(), containsString("id=\"f-timeZone-error\">" + Html.en("error.invalid-choice")));
        assertNull(zoneOf(email), "nothing saved");

        browser.post("/account", Form.of("displayName", "Zoe Zone", "language", "", "emailNotifications", "ALL", "timeZone", "Asia/Dubai"))
                .then().statusCode(303);
        assertEquals("Asia/Dubai", zoneOf(email));
        assertThat(browser.get("/account").asString(), containsString("<option value=\"Asia/Dubai\" selected>Asia/Dubai (UTC+04:00)</option>"));
        assertEquals("Asia/Dubai", browser.get("/account/export.json").jsonPath().getString("account.timeZone"));

        browser.post("/account", Form.of("displayName", "Zoe Renamed", "language", "")).then().statusCode(303);
        assertEquals("Asia/Dubai", zoneOf(email), "a page from before the field keeps the zone");
        browser.post("/account", Form.of("displayName", "Zoe Zone", "language", "", "timeZone", "")).then().statusCode(303);
        assertNull(zoneOf(email), "\"Not set\" clears it");
    }

    @Test
    void aZoneSavedUnderAFormerNameIsShownChosenUnderItsCurrentId() {
        Browser browser = new Browser();
        String email = browser.signUpNew("kyiv");
        Db.run(() -> Person.findByEmail(email).orElseThrow().timeZone = "Europe/Kiev"); // saved when the list still offered it

        String page = browser.get("/account").asString();

        // chosen, so that saving the page again keeps the zone instead of "Not set"
        assertThat(page, containsString("<option value=\"Europe/Kyiv\" data-former-names=\"Europe/Kiev Europe/Uzhgorod Europe/Zaporozhye\" selected>"));
        assertThat(page, not(containsString("value=\"Europe/Kiev\"")));
        browser.post("/account", Form.of("displayName", "Olena", "language", "", "emailNotifications", "ALL", "timeZone", "Europe/Kiev"))
                .then().statusCode(303);
        assertEquals("Europe/Kyiv", zoneOf(email));
    }

    @Test
    void theCourseTeamReadsTheRunInItsOwnZone() {
        TestCourse course = Groups.course("TANDEM", 3);
        WeekMask mornings = WeekMask.EMPTY;
        for (int day = 0; day < 5; day++) {
            for (int hour = 8; hour < 12; hour++) {
                mornings = mornings.with(WeekMask.index(day, hour));
            }
        }
        for (String name : new String[] { "Ola", "Pim" }) {
            Learner learner = Groups.learner(course, name, "TANDEM", mornings);
            Db.run(() -> Enrolment.find(course.id(), learner.personId()).orElseThrow().timeZone = "Africa/Abidjan"); // UTC+0
        }
        long runId = Groups.run(course, "TANDEM");
        String preview = "/courses/" + course.id() + "/manage/matching/runs/" + runId;
        assertThat(course.team().get(preview).asString(),
                containsString(MessageFormat.format(Html.en("preview.common-in"), "Mon–Fri 08:00–12:00", "UTC")));

        course.team().post("/account", Form.of("displayName", "Team Member", "language", "", "timeZone", "Asia/Dubai")) // UTC+4
                .then().statusCode(303);
        String inDubai = course.team().get(preview).asString();
        assertThat(inDubai, containsString(MessageFormat.format(Html.en("preview.common-in"), "Mon–Fri 12:00–16:00", "Asia/Dubai")));
        assertThat("the explanation speaks of the same hours", inDubai, containsString("12:00–16:00"));
    }

    private static String zoneOf(String email) {
        return Db.tx(() -> Person.findByEmail(email).orElseThrow().timeZone);
    }
}
