package org.entraide.matching;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.entraide.availability.WeekMask;
import org.entraide.matching.engine.UnmatchedReason;
import org.entraide.profile.Enrolment;
import org.entraide.profile.Format;
import org.entraide.testing.Db;
import org.entraide.testing.Groups;
import org.entraide.testing.Groups.Learner;
import org.entraide.testing.Groups.TestCourse;
import org.entraide.testing.Html;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * A waiting learner's course page says why the last matching run placed them nowhere, and what would help; the course
 * team's matching page counts those reasons.
 */
@QuarkusTest
class WhyUnplacedTest {

    private static final String TITLE = "Why no partners yet";

    @Test
    void theLastRunsReasonIsShownUntilTheLearnerIsPlacedOrChangesTheProfile() {
        TestCourse course = Groups.course("TANDEM", 3);
        Learner ana = Groups.learner(course, "Ana", "TANDEM");
        Learner ben = Groups.learner(course, "Ben", "TANDEM", mornings());
        String anasPage = "/courses/" + course.id();
        assertThat(ana.browser().get(anasPage).asString(), not(containsString(TITLE)));

        long firstRun = Groups.run(course, "TANDEM");

        assertEquals(UnmatchedReason.NO_COMMON_TIME, reason(course, ana));
        String page = ana.browser().get(anasPage).asString();
        assertThat(page, containsString(TITLE));
        assertThat(page, containsString("The last matching for tandems found nobody free at the same times as you for 2 hours a week."));
        assertThat(page, containsString("<a href=\"/courses/" + course.id() + "/profile/when\">Change my week</a>"));
        String matchingPage = "/courses/" + course.id() + "/manage/matching";
        assertThat(course.team().get(matchingPage).asString(), containsString("<li>not enough common free hours: 2</li>"));
        assertThat("French sets a space before the colon", course.team().acceptLanguage("fr").get(matchingPage).asString(),
                containsString("<li>pas assez d&#39;heures libres communes : 2</li>"));
        course.team().acceptLanguage("en");

        // Cy is free when Ana is: the next run proposes them to each other, and Ben's reason stays his own
        assertEquals(303, course.team().post("/courses/" + course.id() + "/manage/matching/runs/" + firstRun + "/discard").statusCode());
        Learner cy = Groups.learner(course, "Cy", "TANDEM");
        Groups.publishedProposal(course, "TANDEM", cy);
        assertNull(reason(course, ana), "placed: the reason goes");
        assertThat(ana.browser().get(anasPage).asString(), not(containsString(TITLE)));
        assertEquals(UnmatchedReason.NO_COMMON_TIME, reason(course, ben));
        assertThat(course.team().get(matchingPage).asString(), containsString("<li>not enough common free hours: 1</li>"));
        assertEquals(Format.TANDEM, Db.tx(() -> Enrolment.find(course.id(), ben.personId()).orElseThrow().unplacedFormat));
        assertEquals("NO_COMMON_TIME", ben.browser().get("/account/export.json").jsonPath().getString("courseProfiles[0].lastRunLeftUnplacedFor"),
                "in his data too");
        assertEquals(303, ben.browser().post("/language", "lang", "fr", "back", anasPage).statusCode());
        assertThat(ben.browser().get(anasPage).asString(), containsString("Pourquoi pas encore de partenaires"));

        // Ben changes his week: the reason no longer holds until the next run says otherwise
        assertEquals(303, ben.browser().post(anasPage + "/profile/when", "hours", "40", "hours", "41").statusCode());
        assertThat(ben.browser().get(anasPage).asString(), not(containsString("Pourquoi pas encore de partenaires")));
        assertThat(course.team().get(matchingPage).asString(), not(containsString("Still waiting after the last run")));
    }

    @Test
    void aPausedLearnerIsNotToldWhy() {
        TestCourse course = Groups.course("TANDEM", 3);
        Learner ana = Groups.learner(course, "Ana", "TANDEM");
        Groups.run(course, "TANDEM");
        assertEquals(UnmatchedReason.TOO_FEW_WAITING, reason(course, ana), "alone in the course");
        String page = ana.browser().get("/courses/" + course.id()).asString();
        assertThat(page, containsString("At the last matching for tandems, too few other learners were waiting to form one with you."));
        assertThat("nothing of hers to change", page, not(containsString(Html.en("unplaced.step.how"))));
        assertEquals(303, ana.browser().post("/courses/" + course.id() + "/pause").statusCode());

        assertThat(ana.browser().get("/courses/" + course.id()).asString(), not(containsString(TITLE)));
    }

    private static WeekMask mornings() {
        WeekMask week = WeekMask.EMPTY;
        for (int day = 0; day < 7; day++) {
            for (int hour = 6; hour < 9; hour++) {
                week = week.with(WeekMask.index(day, hour));
            }
        }
        return week;
    }

    private static UnmatchedReason reason(TestCourse course, Learner learner) {
        return Db.tx(() -> Enrolment.find(course.id(), learner.personId()).orElseThrow().unplacedReason);
    }
}
