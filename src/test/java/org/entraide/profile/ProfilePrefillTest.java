package org.entraide.profile;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.entraide.testing.Browser;
import org.entraide.testing.Courses;
import org.entraide.testing.Db;
import org.entraide.testing.Groups;
import org.entraide.testing.Groups.Learner;
import org.entraide.testing.Groups.TestCourse;
import org.entraide.testing.Html;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** A learner joining another course starts from their latest complete profile, and answers what is the course's own. */
@QuarkusTest
class ProfilePrefillTest {

    @Test
    void joiningAnotherCourseStartsFromTheLatestCompleteProfileAndAsksTheCoursesOwnQuestions() {
        TestCourse first = Groups.course("TANDEM", 3);
        Learner ana = Groups.learner(first, "Ana", "TANDEM");
        Enrolment earlier = Db.tx(() -> Enrolment.find(first.id(), ana.personId()).orElseThrow());
        Browser team = new Browser();
        team.signUpNew("prefill-team");
        long second = Courses.create(team, Courses.uniqueTitle("Second course"));

        Response joined = ana.browser().post("/join/" + Courses.inviteCode(second));

        assertEquals(303, joined.statusCode());
        assertThat(joined.header("Location"), containsString("/courses/" + second + "/profile/where?flash=joined-prefilled"));
        Enrolment started = Db.tx(() -> Enrolment.find(second, ana.personId()).orElseThrow());
        assertEquals(earlier.placeId, started.placeId);
        assertEquals(earlier.placeName, started.placeName);
        assertEquals(earlier.travelRadiusKm, started.travelRadiusKm);
        assertEquals(earlier.timeZone, started.timeZone);
        assertEquals(earlier.localWeek, started.localWeek);
        assertEquals(earlier.languages, started.languages);
        assertEquals(earlier.modalities, started.modalities);
        assertEquals(earlier.situation, started.situation);
        assertEquals(earlier.introduction, started.introduction);
        assertNull(started.formats, "the formats are the course's own");
        assertNull(started.motives, "so are motives and goals");
        assertNull(started.certificateIntent);
        assertFalse(started.profileComplete, "a draft until every step and the privacy page are gone through");
        assertEquals(Enrolment.Status.DRAFT, started.status);

        String where = ana.browser().follow(joined).asString();
        assertThat(where, containsString(Html.en("flash.joined-prefilled")));
        assertThat(where, containsString("value=\"" + earlier.placeId + "\" checked"));
        assertThat(where, containsString("<option value=\"Europe/Paris\" selected>"));
        // where, when and about-you are done; the course's own questions are not
        assertEquals(303, ana.browser().get("/courses/" + second + "/profile").statusCode());
        assertThat(ana.browser().get("/courses/" + second + "/profile").header("Location"), containsString("/profile/how"));
    }

    @Test
    void aFirstCourseOrAnUnfinishedProfileStartsEmpty() {
        Browser team = new Browser();
        team.signUpNew("prefill-team");
        long first = Courses.create(team, Courses.uniqueTitle("First course"));
        long second = Courses.create(team, Courses.uniqueTitle("Second course"));
        Browser bo = new Browser();
        bo.signUpNew("prefill-bo");

        Response joinedFirst = bo.post("/join/" + Courses.inviteCode(first));
        assertThat(joinedFirst.header("Location"), containsString("/courses/" + first + "/profile?flash=joined"));
        long personId = Db.tx(() -> Enrolment.<Enrolment>find("course.id", first).firstResult().person.id);
        // Bo chose a city in the first course but never finished it: nothing is carried over
        Db.run(() -> {
            Enrolment e = Enrolment.find(first, personId).orElseThrow();
            e.placeId = 2988507L;
            e.placeName = "Paris, France";
            e.timeZone = "Europe/Paris";
        });

        Response joinedSecond = bo.post("/join/" + Courses.inviteCode(second));

        assertThat(joinedSecond.header("Location"), containsString("/courses/" + second + "/profile?flash=joined"));
        assertNull(Db.tx(() -> Enrolment.find(second, personId).orElseThrow().placeId));
    }
}
