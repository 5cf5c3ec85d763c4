package org.entraide.matching;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.text.MessageFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.entraide.testing.Browser;
import org.entraide.testing.Db;
import org.entraide.testing.Groups;
import org.entraide.testing.Groups.TestCourse;
import org.entraide.testing.Html;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * A large run's preview comes in pages of 20 and can show only the proposals that break a rule; the move and merge
 * lists offer the page's proposals, and after an adjustment the course team is back on the page and filter they used.
 */
@QuarkusTest
class PreviewPagingTest {

    @Test
    void aLargeRunIsShownTwentyProposalsAtATimeAndAdjustmentsComeBackToTheSamePage() {
        TestCourse course = Groups.course("TANDEM", 3);
        Groups.storedLearners(course, "TANDEM", 44);
        long runId = Groups.run(course, "TANDEM");
        String preview = "/courses/" + course.id() + "/manage/matching/runs/" + runId;

        String first = course.team().get(preview).then().statusCode(200).extract().asString();
        assertEquals(20, articles(first), first.substring(first.indexOf("<main")));
        assertThat(first, containsString(heading(1)));
        assertThat(first, containsString(heading(20)));
        assertThat(first, not(containsString(heading(21))));
        assertThat(first, not(containsString(">" + proposal(21) + "</option>")));
        assertThat(first, containsString(MessageFormat.format(Html.en("preview.page"), 1, 2)));
        assertThat(first, containsString("href=\"" + preview + "?page=2\" rel=\"next\""));
        assertThat(first, not(containsString(Html.en("preview.show-all"))));
        assertThat("no proposal breaks a rule: no filter to offer", first, not(containsString("?problems=1")));

        String second = course.team().get(preview + "?page=2").then().statusCode(200).extract().asString();
        assertEquals(2, articles(second));
        assertThat(second, containsString(heading(21)));
        assertThat(second, containsString(heading(22)));
        assertThat(second, containsString("href=\"" + preview + "\" rel=\"prev\""));
        assertEquals(2, articles(course.team().get(preview + "?page=99").asString()), "past the end: the last page");
        assertEquals(20, articles(course.team().get(preview + "?page=abc").asString()), "not a number: the first page");

        // splitting the last proposal, from page 2, comes back to page 2; both halves now break the size rule
        long last = proposalId(second, 22);
        Response split = course.team().post(preview + "/split?page=2", "proposal", String.valueOf(last));
        assertEquals(303, split.statusCode(), split.asString());
        assertThat(Browser.localLocation(split), containsString(preview + "?page=2&"));
        String all = course.team().get(preview).asString();
        assertThat(all, containsString(MessageFormat.format(Html.en("preview.only-problems"), 2)));

        String problems = course.team().get(preview + "?problems=1").asString();
        assertEquals(2, articles(problems));
        assertThat(problems, containsString(Html.en("preview.show-all")));
        assertThat(problems, containsString("does not fit the format"));
        assertThat("one page: no page links", problems, not(containsString(MessageFormat.format(Html.en("preview.page"), 1, 1))));
        List<Long> halves = proposalIds(problems);
        Response merged = course.team().post(preview + "/merge?problems=1", "proposal", String.valueOf(halves.get(0)),
                "other", String.valueOf(halves.get(1)));
        assertEquals(303, merged.statusCode(), merged.asString());
        assertThat(Browser.localLocation(merged), containsString(preview + "?problems=1&"));
        String fixed = course.team().follow(merged).asString();
        assertEquals(0, articles(fixed));
        assertThat(fixed, containsString(Html.en("preview.no-problems")));

        assertEquals(303, course.team().post(preview + "/publish").statusCode());
        assertEquals(22L, (long) Db.tx(() -> Proposal.count("run.id = ?1 and status = ?2", runId, Proposal.Status.PENDING)));
    }

    @Test
    void aProposalKeepsItsNumberWhileTheTeamAdjustsThePreview() {
        TestCourse course = Groups.course("TANDEM", 3);
        Groups.storedLearners(course, "TANDEM", 6);
        long runId = Groups.run(course, "TANDEM");
        String preview = "/courses/" + course.id() + "/manage/matching/runs/" + runId;
        String before = course.team().get(preview).asString();
        List<Long> numbered = List.of(proposalId(before, 1), proposalId(before, 2), proposalId(before, 3));
        long member = Db.tx(() -> Proposal.<Proposal>findById(numbered.get(0)).members().get(0).id);

        // taking a member out of the first tandem breaks it (its score falls) without renumbering the others
        assertEquals(303, course.team().post(preview + "/remove", "member", String.valueOf(member)).statusCode());

        String after = course.team().get(preview).asString();
        assertEquals(numbered, List.of(proposalId(after, 1), proposalId(after, 2), proposalId(after, 3)));
        assertThat(after.substring(after.indexOf("id=\"proposal-" + numbered.get(0) + "\"")), containsString("does not fit the format"));
    }

    private static String proposal(int number) {
        return MessageFormat.format(Html.en("preview.proposal"), number);
    }

    private static String heading(int number) {
        return "<h3>" + proposal(number) + " ·";
    }

    private static int articles(String html) {
        return html.split("<article class=\"card\" id=\"proposal-", -1).length - 1;
    }

    private static List<Long> proposalIds(String html) {
        Matcher id = Pattern.compile("<article class=\"card\" id=\"proposal-(\\d+)\">").matcher(html);
        return id.results().map(m -> Long.parseLong(m.group(1))).toList();
    }

    /** The id of the proposal whose heading carries this number. */
    private static long proposalId(String html, int number) {
        Matcher article = Pattern.compile("<article class=\"card\" id=\"proposal-(\\d+)\">\\s*<h3>" + Pattern.quote(proposal(number)) + " ")
                .matcher(html);
        if (!article.find()) {
            throw new AssertionError("no proposal " + number);
        }
        return Long.parseLong(article.group(1));
    }
}
