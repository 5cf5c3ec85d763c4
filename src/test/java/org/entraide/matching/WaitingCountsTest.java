package org.entraide.matching;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.entraide.profile.Enrolment;
import org.entraide.profile.Format;
import org.entraide.testing.Db;
import org.entraide.testing.Groups;
import org.entraide.testing.Groups.TestCourse;
import org.entraide.testing.Html;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** The matching page's "N learners waiting", counted by the database, is the pool a run would take, format by format. */
@QuarkusTest
class WaitingCountsTest {

    @Inject
    MatchingService matching;

    @Test
    void theCountsAreThePoolsOfEachFormat() {
        TestCourse course = Groups.course("TANDEM,STUDY_GROUP,LOCAL_MEETUP", 3);
        List<Long> tandemOnly = Groups.storedLearners(course, "TANDEM", 4);
        Groups.storedLearners(course, "STUDY_GROUP,TANDEM", 2);
        Groups.storedLearners(course, "LOCAL_MEETUP", 3);
        assertEquals(Map.of(Format.TANDEM, 6, Format.STUDY_GROUP, 2, Format.LOCAL_MEETUP, 3), counts(course));

        // one pauses, one has not finished the profile: neither waits
        Db.run(() -> {
            Enrolment.find(course.id(), tandemOnly.get(0)).orElseThrow().status = Enrolment.Status.PAUSED;
            Enrolment.find(course.id(), tandemOnly.get(1)).orElseThrow().profileComplete = false;
        });
        assertEquals(4, counts(course).get(Format.TANDEM));

        // a tandem run's preview holds its learners: they wait for no other run meanwhile
        Groups.run(course, "TANDEM");
        Map<Format, Integer> counts = counts(course);
        assertEquals(0, counts.get(Format.TANDEM), "all four are in the preview's two tandems");
        assertEquals(0, counts.get(Format.STUDY_GROUP), "the two who also chose groups are held too");
        assertEquals(3, counts.get(Format.LOCAL_MEETUP));
        String page = course.team().get("/courses/" + course.id() + "/manage/matching").asString();
        assertThat(page, containsString("3 learners waiting"));
        assertThat(page, containsString("No learner waiting"));

        // a format nobody waits for offers no run, and a run asked for anyway is refused: no empty preview to discard
        assertThat(page, containsString(Html.en("matching.nothing-to-run")));
        assertThat(page, not(containsString("name=\"format\" value=\"STUDY_GROUP\"")));
        assertThat(page, containsString("name=\"format\" value=\"LOCAL_MEETUP\""));
        long runs = Db.tx(() -> MatchingRun.count("course.id", course.id()));
        course.team().post("/courses/" + course.id() + "/manage/matching/runs", "format", "STUDY_GROUP").then().statusCode(400)
                .body(containsString(Html.en("error.nobody-waiting")));
        assertEquals(runs, Db.tx(() -> MatchingRun.count("course.id", course.id())));
    }

    /** The counts, checked against the pools they stand for. */
    private Map<Format, Integer> counts(TestCourse course) {
        Map<Format, Integer> counts = Db.tx(() -> matching.waitingCounts(course.id()));
        for (Format format : Format.values()) {
            assertEquals(Db.tx(() -> matching.pool(course.id(), format).size()), counts.get(format), format.name());
        }
        return counts;
    }
}
