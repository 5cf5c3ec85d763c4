package org.entraide.matching;

import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

import org.entraide.matching.engine.Unmatched;
import org.entraide.matching.engine.UnmatchedReason;
import org.entraide.profile.Format;
import org.entraide.testing.Db;
import org.entraide.testing.Groups;
import org.entraide.testing.Groups.Learner;
import org.entraide.testing.Groups.TestCourse;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** The unplaced learners a run keeps for its preview: whole entries, a count of those that did not fit, the clusters. */
@QuarkusTest
class RunMessageTest {

    @Test
    void aLargeRunKeepsWholeEntriesAndCountsTheRest() {
        List<Unmatched> unmatched = IntStream.range(0, 20_000)
                .mapToObj(i -> new Unmatched(String.valueOf(1_000_000 + i), Format.TANDEM, UnmatchedReason.NO_SHARED_LANGUAGE)).toList();
        String clusters = "Lyon, France (12); Paris, France (40)";

        String message = MatchingService.joinUnmatched(unmatched, clusters);

        assertTrue(message.length() <= MatchingRun.MESSAGE_MAX, String.valueOf(message.length()));
        assertTrue(message.endsWith("|" + clusters));
        List<String> entries = List.of(message.substring(0, message.indexOf('|')).split(","));
        String last = entries.get(entries.size() - 1);
        assertTrue(last.startsWith("more:"), last);
        List<String> kept = entries.subList(0, entries.size() - 1);
        assertTrue(kept.stream().allMatch(e -> e.matches("\\d{7}:NO_SHARED_LANGUAGE")), "every kept entry is whole");
        assertEquals(20_000, kept.size() + Integer.parseInt(last.substring("more:".length())));
        assertEquals("1:NO_AVAILABILITY", MatchingService.joinUnmatched(
                List.of(new Unmatched("1", Format.TANDEM, UnmatchedReason.NO_AVAILABILITY)), ""));
    }

    @Test
    void thePreviewListsTheUnplacedByNameAndSaysHowManyMoreThereAre() {
        TestCourse course = Groups.course("TANDEM", 3);
        Learner wes = Groups.learner(course, "Wes", "TANDEM");
        Groups.learner(course, "Xia", "TANDEM");
        long runId = Groups.run(course, "TANDEM");
        List<Unmatched> many = new ArrayList<>();
        many.add(new Unmatched(String.valueOf(wes.personId()), Format.TANDEM, UnmatchedReason.NO_SHARED_LANGUAGE));
        IntStream.range(0, 12_000).forEach(i -> many.add(new Unmatched(String.valueOf(900_000_000 + i), Format.TANDEM,
                UnmatchedReason.NO_AVAILABILITY)));
        String message = MatchingService.joinUnmatched(many, "");
        Db.run(() -> MatchingRun.<MatchingRun>findById(runId).message = message); // longer than the old 500 characters

        int more = Integer.parseInt(message.substring(message.lastIndexOf("more:") + "more:".length()));
        assertTrue(more > 0);
        course.team().get("/courses/" + course.id() + "/manage/matching/runs/" + runId).then().statusCode(200)
                .body(containsString("Wes · Paris, France — no shared language"), containsString(String.format(Locale.ENGLISH, "and %,d more learners not placed", more)));
    }
}
