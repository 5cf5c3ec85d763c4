package org.entraide.profile;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import org.entraide.account.Person;
import org.entraide.availability.WeekMask;
import org.entraide.testing.Browser;
import org.entraide.testing.Courses;
import org.entraide.testing.Db;
import org.entraide.testing.Form;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** The six-step learner profile: saving, editing, every validation rule, and nothing half-saved. */
@QuarkusTest
class ProfileTest {

    static final long LONDON = 2643743L;

    long courseId;
    Browser learner;
    long personId;

    @BeforeEach
    void joinACourse() {
        Browser team = new Browser();
        team.signUpNew("profile-team");
        courseId = Courses.create(team, Courses.uniqueTitle("Profile course"));
        learner = new Browser();
        String email = learner.signUpNew("profile-learner");
        Courses.join(learner, courseId);
        personId = Db.tx(() -> Person.findByEmail(email).orElseThrow().id);
    }

    Enrolment enrolment() {
        return Db.tx(() -> {
            Enrolment e = Enrolment.find(courseId, personId).orElseThrow();
            e.course.formatSet();
            return e;
        });
    }

    String step(String slug) {
        return "/courses/" + courseId + "/profile/" + slug;
    }

    void fillEverything() {
        assertEquals(303, learner.post(step("where"), "placeId", String.valueOf(LONDON), "travelRadiusKm", "15", "timeZone", "").statusCode());
        assertEquals(303, learner.post(step("when"), Form.of("hours", "42", "hours", "43", "hours", "66")).statusCode());
        assertEquals(303, learner.post(step("how"), Form.of("languages", "en", "languages", "fr", "formats", "TANDEM",
                "modalities", "VIDEO_CALL", "modalities", "CHAT_EMAIL")).statusCode());
        assertEquals(303, learner.post(step("why"), Form.of("motives", "EPISTEMIC", "motives", "COMPETITIVE", "certificateIntent", "YES",
                "followMode", "WEEKLY_RHYTHM", "objects", "MUTUAL_HELP")).statusCode());
        assertEquals(303, learner.post(step("about"), Form.of("situation", "EMPLOYED", "sector", "health", "organisation", "",
                "moocExperience", "A_FEW", "introduction", "Nurse, curious about data.", "canOrganiseMeetup", "on")).statusCode());
    }

    @Test
    void theWholeProfileIsSavedStepByStepThenCompletedAndEditable() {
        Response start = learner.get("/courses/" + courseId + "/profile");
        assertEquals(step("where"), Browser.locationPath(start));
        learner.get(step("where") + "?q=Londres").then().statusCode(200).body(containsString("London"), containsString("1. "));

        fillEverything();
        Enrolment saved = enrolment();
        assertEquals(LONDON, saved.placeId);
        assertEquals("Europe/London", saved.timeZone, "the zone defaults to the city's");
        assertEquals(15, saved.travelRadiusKm);
        assertEquals(WeekMask.of(42, 43, 66), saved.week());
        assertEquals(Set.of("en", "fr"), saved.languageSet());
        assertEquals(Set.of(Motive.EPISTEMIC, Motive.COMPETITIVE), saved.motiveSet());
        assertTrue(saved.canOrganiseMeetup);
        assertFalse(saved.profileComplete, "complete only after the privacy step");

        learner.get(step("privacy")).then().statusCode(200).body(containsString("Nurse, curious about data."),
                containsString("Ready to travel up to 15 km"));
        Response refused = learner.post(step("privacy"), new Form());
        assertEquals(400, refused.statusCode());
        Response done = learner.post(step("privacy"), "understood", "on");
        assertEquals("/courses/" + courseId, Browser.locationPath(done));
        Enrolment complete = enrolment();
        assertTrue(complete.profileComplete);
        assertEquals(Enrolment.Status.WAITING, complete.status);

        // edit later: change the radius only
        assertEquals(303, learner.post(step("where"), "placeId", String.valueOf(LONDON), "travelRadiusKm", "40",
                "timeZone", "Europe/Paris").statusCode());
        assertEquals(40, enrolment().travelRadiusKm);
        assertEquals("Europe/Paris", enrolment().timeZone);
        assertTrue(enrolment().profileComplete);

        // a former name of a zone (some browsers still report one) is kept under the zone's current id
        assertEquals(303, learner.post(step("where"), "placeId", String.valueOf(LONDON), "travelRadiusKm", "40",
                "timeZone", "Asia/Calcutta").statusCode());
        assertEquals("Asia/Kolkata", enrolment().timeZone);
        String where = learner.get(step("where")).asString();
        assertThat(where, containsString("<option value=\"Asia/Kolkata\" data-former-names=\"Asia/Calcutta\" selected>"));
        assertThat(where, not(containsString("value=\"Asia/Calcutta\"")));
    }

    @Test
    void everyRuleIsCheckedNextToItsFieldAndNothingIsSaved() {
        fillEverything();
        Enrolment before = enrolment();

        Response where = learner.post(step("where"), "placeId", "999999999", "travelRadiusKm", "900", "timeZone", "Mars/Olympus");
        assertEquals(400, where.statusCode());
        where.then().body(containsString("id=\"f-placeId-error\""), containsString("id=\"f-travelRadiusKm-error\""),
                containsString("id=\"f-timeZone-error\""), containsString("value=\"900\""));
        learner.post(step("where"), "placeId", "abc", "travelRadiusKm", "-5", "timeZone", "").then().statusCode(400)
                .body(containsString("f-placeId-error"), containsString("f-travelRadiusKm-error"));

        learner.post(step("when"), new Form()).then().statusCode(400).body(containsString("Please tick at least one hour"));
        learner.post(step("when"), Form.of("hours", "168", "hours", "3")).then().statusCode(400);

        learner.post(step("how"), Form.of("languages", "xx", "formats", "TANDEM", "modalities", "VIDEO_CALL")).then().statusCode(400)
                .body(containsString("f-languages-error"));
        learner.post(step("how"), Form.of("languages", "en", "formats", "LOCAL_MEETUP", "modalities", "VIDEO_CALL")).then()
                .statusCode(400).body(containsString("f-formats-error")); // not offered by this course
        learner.post(step("how"), Form.of("languages", "en", "formats", "TANDEM", "modalities", "TELEPATHY")).then().statusCode(400);

        learner.post(step("why"), Form.of("motives", "FAME", "certificateIntent", "MAYBE", "followMode", "", "objects", "MUTUAL_HELP"))
                .then().statusCode(400).body(containsString("f-motives-error"), containsString("f-certificateIntent-error"),
                        containsString("f-followMode-error"));

        String tooLong = "x".repeat(ProfileService.INTRODUCTION_MAX + 1);
        learner.post(step("about"), Form.of("situation", "ASTRONAUT", "moocExperience", "A_FEW", "introduction", tooLong,
                "sector", "bad\u0007bell")).then().statusCode(400).body(containsString("f-situation-error"),
                        containsString("f-introduction-error"), containsString("f-sector-error"), containsString(tooLong));

        Enrolment after = enrolment();
        assertEquals(before.placeId, after.placeId);
        assertEquals(before.travelRadiusKm, after.travelRadiusKm);
        assertEquals(before.timeZone, after.timeZone);
        assertEquals(before.localWeek, after.localWeek);
        assertEquals(before.languages, after.languages);
        assertEquals(before.motives, after.motives);
        assertEquals(before.introduction, after.introduction);
        assertEquals(before.situation, after.situation);
        assertNull(Db.tx(() -> Enrolment.find(courseId, personId).orElseThrow().organisation));
    }

    @Test
    void someoneElsesProfileIsNotFound() {
        Browser stranger = new Browser();
        stranger.signUpNew("profile-stranger");
        stranger.get(step("where")).then().statusCode(404);
        stranger.post(step("where"), "placeId", String.valueOf(LONDON), "travelRadiusKm", "10", "timeZone", "").then().statusCode(404);
        learner.get("/courses/" + courseId + "/profile/nonsense").then().statusCode(404);
        new Browser().get(step("where")).then().statusCode(302);
    }

    @Test
    void citySuggestionsFindAlternateNamesInTheReadersLanguage() {
        learner.acceptLanguage("fr");
        learner.get("/places?q=Londres").then().statusCode(200).body(containsString("\"id\":" + LONDON), containsString("Royaume-Uni"));
        learner.get("/places?q=").then().statusCode(200).body(not(containsString("\"id\"")));
        new Browser().get("/places?q=Paris").then().statusCode(302);
    }
}
