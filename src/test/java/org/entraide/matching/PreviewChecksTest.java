package org.entraide.matching;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.text.MessageFormat;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.entraide.profile.Enrolment;
import org.entraide.testing.Browser;
import org.entraide.testing.Courses;
import org.entraide.testing.Db;
import org.entraide.testing.Form;
import org.entraide.testing.Groups;
import org.entraide.testing.Groups.TestCourse;
import org.entraide.testing.Html;
import org.entraide.testing.Groups.Learner;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The preview keeps each draft's check between views (a large run has tens of thousands): whatever changes a draft's
 * check after a view shows on the next one — a member's saved week, an exclusion between two members, a deleted
 * account, the team's own edits, the course's rules.
 */
@QuarkusTest
class PreviewChecksTest {

    @Test
    void whatLearnersDoAfterAViewShowsOnTheNextView() {
        TestCourse course = Groups.course("TANDEM", 3);
        List<Learner> learners = Groups.learners(course, "TANDEM", "Ana", "Ben", "Cy", "Dee", "Eve", "Fay");
        profilesSavedAnHourAgo(course);
        long runId = Groups.run(course, "TANDEM");
        String preview = "/courses/" + course.id() + "/manage/matching/runs/" + runId;
        assertThat("nothing broken yet", course.team().get(preview).asString(), not(containsString("?problems=1")));
        List<List<Learner>> tandems = tandems(runId, learners);

        // one member of the first tandem keeps only Monday at 3 in the morning
        Learner early = tandems.get(0).get(0);
        assertEquals(303, early.browser().post("/courses/" + course.id() + "/profile/when", "hours", "3").statusCode());
        assertEquals(List.of(proposalOf(runId, early)), broken(course, preview, 1, Html.en("unmatched.NO_COMMON_TIME")));

        // the second tandem's members are kept apart from now on (one left a group with the other, say)
        List<Learner> apart = tandems.get(1);
        Db.run(() -> MatchExclusion.add(course.id(), apart.get(0).personId(), apart.get(1).personId(), MatchExclusion.Reason.LEFT));
        assertThat(broken(course, preview, 2, Html.en("unmatched.EXCLUDED")), hasItem(proposalOf(runId, apart.get(0))));

        // a member of the third tandem deletes their account: the tandem leaves the preview
        Learner leaving = tandems.get(2).get(0);
        long third = proposalOf(runId, leaving);
        assertThat(course.team().get(preview).asString(), containsString("id=\"proposal-" + third + "\""));
        assertEquals(303, leaving.browser().post("/account/delete", Form.of("deletePassword", Browser.DEFAULT_PASSWORD, "confirm", "yes"))
                .statusCode());
        assertThat(course.team().get(preview).asString(), not(containsString("id=\"proposal-" + third + "\"")));
        assertEquals(2, broken(course, preview, 2, Html.en("unmatched.EXCLUDED")).size());

        // the team takes the early riser out of the first tandem: one member left, and without the early riser's week
        long earlyMember = Db.tx(() -> ProposalMember.<ProposalMember>find("person.id = ?1 and proposal.run.id = ?2", early.personId(), runId)
                .firstResult().id);
        assertEquals(303, course.team().post(preview + "/remove", "member", String.valueOf(earlyMember)).statusCode());
        String afterRemoval = course.team().get(preview + "?problems=1").asString();
        assertThat(afterRemoval, containsString("does not fit the format"));
        assertThat(afterRemoval, not(containsString(Html.en("unmatched.NO_COMMON_TIME"))));

        assertThat("publishing is refused while they break rules", course.team().post(preview + "/publish").asString(),
                containsString(Html.en("error.run-has-violations")));
    }

    @Test
    void strongerRulesShowOnTheNextView() {
        TestCourse course = Groups.course("TANDEM", 3);
        Groups.learners(course, "TANDEM", "Ana", "Ben", "Cy", "Dee");
        profilesSavedAnHourAgo(course);
        long runId = Groups.run(course, "TANDEM");
        String preview = "/courses/" + course.id() + "/manage/matching/runs/" + runId;
        assertThat(course.team().get(preview).asString(), not(containsString("?problems=1")));

        // everyone is free 20 hours a week (weekday evenings): 21 common hours are more than any tandem has
        String rules = "/courses/" + course.id() + "/manage/rules";
        assertEquals(303, course.team().post(rules, Courses.validRules().without("rollingEnabled").set("minOverlapHours", "21"))
                .statusCode());
        assertEquals(2, broken(course, preview, 2, Html.en("unmatched.NO_COMMON_TIME")).size());

        assertEquals(303, course.team().post(rules, Courses.validRules().without("rollingEnabled")).statusCode());
        assertThat("back to 2 hours: nothing broken", course.team().get(preview).asString(), not(containsString("?problems=1")));
    }

    /** Saves within minutes of a check count as after it (they may commit late): these are well before. */
    private static void profilesSavedAnHourAgo(TestCourse course) {
        Db.run(() -> Enrolment.update("updatedAt = ?1 where course.id = ?2", Instant.now().minus(Duration.ofHours(1)), course.id()));
    }

    /** The run's drafts as lists of their members, in proposal order. */
    private static List<List<Learner>> tandems(long runId, List<Learner> learners) {
        Map<Long, Learner> byPerson = learners.stream().collect(Collectors.toMap(Learner::personId, l -> l));
        return Db.tx(() -> Proposal.ofRun(runId).stream()
                .map(p -> p.members().stream().map(m -> byPerson.get(m.person.id)).toList()).toList());
    }

    private static long proposalOf(long runId, Learner learner) {
        return Db.tx(() -> ProposalMember.<ProposalMember>find("person.id = ?1 and proposal.run.id = ?2", learner.personId(), runId)
                .firstResult().proposal.id);
    }

    /**
     * Views the preview as the course team: the filter counts {@code count} proposals that break a rule, and its page
     * lists them, each saying {@code why}; returns their ids.
     */
    private static List<Long> broken(TestCourse course, String preview, int count, String why) {
        assertThat(course.team().get(preview).asString(), containsString(MessageFormat.format(Html.en("preview.only-problems"), count)));
        String problems = course.team().get(preview + "?problems=1").asString();
        assertThat(problems, containsString(why));
        List<Long> ids = Pattern.compile("<article class=\"card\" id=\"proposal-(\\d+)\">").matcher(problems).results()
                .map(m -> Long.parseLong(m.group(1))).toList();
        assertEquals(count, ids.size(), problems);
        return ids;
    }
}
