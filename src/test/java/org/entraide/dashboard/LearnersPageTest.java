package org.entraide.dashboard;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;

import org.entraide.matching.engine.UnmatchedReason;
import org.entraide.profile.Enrolment;
import org.entraide.profile.Format;
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

/** The course team's list of learners: where each stands, found by name or e-mail, filtered, paged; for the team only. */
@QuarkusTest
class LearnersPageTest {

    @Test
    void theTeamSeesWhereEachLearnerStandsAndFindsThemByNameOrEmail() {
        TestCourse course = Groups.course("TANDEM", 3);
        Groups.tandemIn(course, "Ana", "Ben");
        Learner waiting = Groups.learner(course, "Wanda", "TANDEM");
        Learner paused = Groups.learner(course, "Pablo", "TANDEM");
        Browser drafting = new Browser();
        drafting.signUp(Browser.uniqueEmail("dora"), "Dora 100% Draft", Browser.DEFAULT_PASSWORD);
        Courses.join(drafting, course.id());
        Db.run(() -> {
            Enrolment w = Enrolment.find(course.id(), waiting.personId()).orElseThrow();
            w.unplacedReason = UnmatchedReason.NO_COMMON_TIME;
            w.unplacedFormat = Format.TANDEM;
            w.unplacedAt = Instant.now();
            Enrolment p = Enrolment.find(course.id(), paused.personId()).orElseThrow();
            p.status = Enrolment.Status.PAUSED;
            p.unplacedReason = UnmatchedReason.NO_COMMON_TIME;
            p.unplacedFormat = Format.TANDEM;
        });
        String learners = "/courses/" + course.id() + "/manage/learners";
        assertThat(course.team().get("/courses/" + course.id() + "/manage").asString(), containsString("href=\"" + learners + "\""));

        String all = course.team().get(learners).then().statusCode(200).extract().asString().replaceAll("\\s+", " ");
        for (String name : List.of("Ana Example", "Ben Example", "Wanda Example", "Pablo Example", "Dora 100% Draft")) {
            assertThat(all, containsString(name));
        }
        assertThat(all, containsString(waiting.email()));
        assertThat(all, containsString(Html.en("learners.status-all") + " (5)"));
        assertThat(all, containsString(Html.en("learners.status.MATCHED") + " (2)"));
        assertThat(all, containsString(Html.en("learners.status.DRAFT") + " (1)"));
        assertThat("the waiting learner's reason, in the team's words", all,
                containsString("Last run for tandems: " + Html.en("unmatched.NO_COMMON_TIME")));
        assertEquals(1, all.split(Html.en("unmatched.NO_COMMON_TIME"), -1).length - 1, "a paused learner's old reason is not shown");
        assertThat(all, containsString("<td>" + Html.en("format.TANDEM")));

        String matched = course.team().get(learners + "?status=MATCHED").asString();
        assertThat(matched, containsString("Ana Example"));
        assertThat(matched, not(containsString("Wanda Example")));

        String byMail = course.team().get(learners + "?q=" + waiting.email().substring(0, 8).toUpperCase()).asString();
        assertThat(byMail, containsString("Wanda Example"));
        assertThat(byMail, not(containsString("Ana Example")));
        String literal = course.team().get(learners + "?q=%25").asString();
        assertThat("% is searched for, not a wildcard", literal, containsString("Dora 100% Draft"));
        assertThat(literal, not(containsString("Wanda Example")));
        assertThat(course.team().get(learners + "?q=%3Cb%3ENobody%3C%2Fb%3E").asString(),
                containsString("Nobody found for “&lt;b&gt;Nobody&lt;/b&gt;”"));

        Response unknownStatus = course.team().get(learners + "?status=BANNED");
        assertEquals(400, unknownStatus.statusCode());
        assertThat(unknownStatus.asString(), containsString("id=\"f-status-error\""));
        assertEquals(400, course.team().get(learners + "?q=" + "a".repeat(101)).statusCode());
        assertEquals(400, course.team().get(learners + "?q=a%00b").statusCode());

        assertEquals(403, waiting.browser().get(learners).statusCode(), "learners do not see the list");
        Browser stranger = new Browser();
        stranger.signUpNew("roster-stranger");
        assertEquals(404, stranger.get(learners).statusCode());
    }

    @Test
    void aLargeCourseIsListedFiftyAPageInNameOrder() {
        TestCourse course = Groups.course("TANDEM", 3);
        Groups.storedLearners(course, "TANDEM", Roster.PAGE_SIZE + 5);
        String learners = "/courses/" + course.id() + "/manage/learners";
        String first = course.team().get(learners).asString();
        assertEquals(Roster.PAGE_SIZE, first.split("<th scope=\"row\">", -1).length - 1);
        assertThat(first, containsString("Page 1 of 2"));
        String second = course.team().get(learners + "?page=2").asString();
        assertEquals(5, second.split("<th scope=\"row\">", -1).length - 1);
        assertThat(second, containsString("Page 2 of 2"));
        assertThat("a page past the last shows the last", course.team().get(learners + "?page=99").asString(), containsString("Page 2 of 2"));

        assertEquals(303, course.team().post("/language", "lang", "fr", "back", learners).statusCode());
        assertThat(course.team().get(learners).asString(), containsString(Html.fr("learners.lead")));
    }
}
