package org.entraide.group;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.entraide.availability.WeekMask;
import org.entraide.matching.Proposal;
import org.entraide.profile.Enrolment;
import org.entraide.testing.Db;
import org.entraide.testing.Groups;
import org.entraide.testing.Groups.Learner;
import org.entraide.testing.Groups.TestCourse;
import org.entraide.testing.Html;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The read-only availability grid: on an open proposal and on the group page, each hour of the viewer's week says how
 * many of the people are free then, converted from every member's own zone. Zones without daylight saving keep the
 * expected hours the same whatever the date of the run.
 */
@QuarkusTest
class OverlapGridTest {

    private static final String ABIDJAN = "Africa/Abidjan"; // UTC+0 all year
    private static final String DUBAI = "Asia/Dubai"; // UTC+4 all year

    @Test
    void eachHourSaysHowManyAreFreeInTheViewersOwnTime() {
        TestCourse course = Groups.course("STUDY_GROUP", 3);
        Learner ana = member(course, "STUDY_GROUP", "Ana", ABIDJAN, Groups.evenings()); // Mon–Fri 18:00–22:00
        Learner ben = member(course, "STUDY_GROUP", "Ben", ABIDJAN, Groups.evenings().with(WeekMask.index(5, 10))); // and Saturday 10:00
        WeekMask lateMondayToThursday = WeekMask.EMPTY;
        for (int day = 0; day < 4; day++) {
            lateMondayToThursday = lateMondayToThursday.with(WeekMask.index(day, 22)).with(WeekMask.index(day, 23));
        }
        Learner cai = member(course, "STUDY_GROUP", "Cai", DUBAI, lateMondayToThursday); // 18:00–20:00 in Abidjan

        long proposalId = Groups.publishedProposal(course, "STUDY_GROUP", ana);
        String proposals = ana.browser().get("/courses/" + course.id() + "/matches").asString();
        assertThat(proposals, containsString(Html.en("overlap.see")));
        assertThat(proposals, containsString(MessageFormat.format(Html.en("overlap.proposal-caption"), ABIDJAN)));
        assertEquals(List.of("3", "3", "3", "3", "2", "", ""), counts(proposals, "18:00"), "Friday: Cai is not free");

        for (Learner learner : List.of(ana, ben, cai)) {
            assertEquals(303, learner.browser().post("/courses/" + course.id() + "/matches/" + proposalId + "/accept").statusCode());
        }
        long groupId = Db.tx(() -> Proposal.<Proposal>findById(proposalId).group.id);
        String page = "/groups/" + groupId;

        String anaPage = ana.browser().get(page).asString();
        assertThat(anaPage, containsString(MessageFormat.format(Html.en("overlap.group-caption"), ABIDJAN)));
        assertThat(anaPage, containsString(MessageFormat.format(Html.en("overlap.legend"), 3)));
        assertEquals("10:00", firstRow(anaPage), "rows start at the earliest hour anyone is free");
        assertEquals(List.of("", "", "", "", "", "1", ""), counts(anaPage, "10:00"));
        assertEquals(List.of("shade-0", "shade-0", "shade-0", "shade-0", "shade-0", "shade-1", "shade-0"), shades(anaPage, "10:00"));
        assertEquals(List.of("3", "3", "3", "3", "2", "", ""), counts(anaPage, "19:00"));
        assertEquals(List.of("shade-3", "shade-3", "shade-3", "shade-3", "shade-2", "shade-0", "shade-0"), shades(anaPage, "19:00"));
        assertEquals(List.of("2", "2", "2", "2", "2", "", ""), counts(anaPage, "21:00"));
        assertThat(anaPage, not(containsString("<th scope=\"row\">22:00</th>")));

        // Cai sees the same week four hours later: Monday 18:00 in Abidjan is Monday 22:00 in Dubai, 20:00 is Tuesday 00:00
        String caiPage = cai.browser().get(page).asString();
        assertThat(caiPage, containsString(MessageFormat.format(Html.en("overlap.group-caption"), DUBAI)));
        assertEquals("00:00", firstRow(caiPage));
        assertEquals(List.of("3", "3", "3", "3", "2", "", ""), counts(caiPage, "22:00"));
        assertEquals(List.of("", "2", "2", "2", "2", "2", ""), counts(caiPage, "00:00"));
        assertEquals(List.of("", "", "", "", "", "1", ""), counts(caiPage, "14:00"));

        String benInFrench = ben.browser().acceptLanguage("fr").get(page).asString();
        assertThat(benInFrench, containsString(MessageFormat.format(Html.fr("overlap.group-caption"), ABIDJAN)));
        assertThat(benInFrench, containsString("<abbr title=\"samedi\">sam.</abbr>"));
    }

    @Test
    void aTimeZoneIdThisJavaNoLongerKnowsFallsBackToUtcInsteadOfBreakingPages() {
        TestCourse course = Groups.course("TANDEM", 3);
        Learner uma = member(course, "TANDEM", "Uma", ABIDJAN, Groups.evenings());
        Learner vic = member(course, "TANDEM", "Vic", ABIDJAN, Groups.evenings());
        long groupId = Groups.formGroup(course, "TANDEM", List.of(uma, vic));
        Db.run(() -> Enrolment.find(course.id(), vic.personId()).orElseThrow().timeZone = "Mars/Olympus_Mons");

        assertNull(Db.tx(() -> Enrolment.find(course.id(), vic.personId()).orElseThrow().zone()));
        assertEquals(List.of("2", "2", "2", "2", "2", "", ""), counts(uma.browser().get("/groups/" + groupId).asString(), "18:00"),
                "Vic's hours are read as UTC, which is Abidjan's time");
        assertEquals(200, vic.browser().get("/groups/" + groupId).statusCode());
        assertEquals(200, vic.browser().get("/courses/" + course.id() + "/matches").statusCode());
    }

    private static Learner member(TestCourse course, String format, String name, String zone, WeekMask week) {
        Learner learner = Groups.learner(course, name, format, week);
        Db.run(() -> Enrolment.find(course.id(), learner.personId()).orElseThrow().timeZone = zone);
        return learner;
    }

    private static String firstRow(String html) {
        Matcher row = Pattern.compile("<table class=\"week overlap\">.*?<th scope=\"row\">([0-9:]+)</th>", Pattern.DOTALL).matcher(html);
        return row.find() ? row.group(1) : null;
    }

    private static List<String> counts(String html, String hour) {
        return cells(html, hour, 2);
    }

    private static List<String> shades(String html, String hour) {
        return cells(html, hour, 1);
    }

    /** The seven cells of the overlap grid's row for the hour: group 1 is the shade, group 2 the number. */
    private static List<String> cells(String html, String hour, int part) {
        Matcher row = Pattern.compile("<th scope=\"row\">" + hour + "</th>(.*?)</tr>").matcher(html.substring(html.indexOf("week overlap")));
        if (!row.find()) {
            throw new AssertionError("no row " + hour + " in the overlap grid");
        }
        List<String> values = new ArrayList<>();
        Matcher cell = Pattern.compile("<td class=\"(shade-[0-3])\">([0-9]*)</td>").matcher(row.group(1));
        while (cell.find()) {
            values.add(cell.group(part));
        }
        assertEquals(7, values.size(), row.group(1));
        return values;
    }
}
