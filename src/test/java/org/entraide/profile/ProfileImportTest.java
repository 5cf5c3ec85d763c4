package org.entraide.profile;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Random;

import jakarta.inject.Inject;

import org.entraide.account.Person;
import org.entraide.course.Course;
import org.entraide.geo.GeoService;
import org.entraide.notify.Notification;
import org.entraide.notify.NotificationKind;
import org.entraide.profile.population.PopulationGenerator;
import org.entraide.testing.Browser;
import org.entraide.testing.Courses;
import org.entraide.testing.Db;
import org.entraide.testing.FirstAccount;
import org.entraide.testing.Form;
import org.entraide.testing.Groups;
import org.entraide.testing.Groups.TestCourse;
import org.entraide.testing.Html;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** Importing learner profiles from CSV: a faithful round trip, and nothing at all written when any row is wrong. */
@QuarkusTest
class ProfileImportTest {

    @Inject
    GeoService geo;

    static Response upload(Browser browser, long courseId, String fileName, String csv, boolean withCsrf) {
        String path = "/courses/" + courseId + "/manage/import";
        browser.get(path);
        var spec = given().redirects().follow(false).cookies(Map.copyOf(browser.cookies()))
                .multiPart("file", fileName, csv.getBytes(StandardCharsets.UTF_8), "text/csv");
        if (withCsrf) {
            spec = spec.multiPart(browser.csrfName(), browser.csrfToken());
        }
        return spec.post(path);
    }

    /** A course whose team a platform administrator allowed to import. */
    static TestCourse importing(TestCourse course) {
        Db.run(() -> Course.<Course>findById(course.id()).importAllowed = true);
        return course;
    }

    static String csv(List<LearnerProfile> profiles) {
        StringWriter out = new StringWriter();
        LearnerProfileCsv.write(profiles, out);
        return out.toString();
    }

    /** The enrolment read back as the profile it was imported from. */
    static LearnerProfile profileOf(Enrolment e, String externalId) {
        return new LearnerProfile(externalId, e.person.displayName, e.placeId, e.latitude, e.longitude, e.countryCode, e.travelRadiusKm,
                ZoneId.of(e.timeZone), e.week(), e.languageSet(), e.formatSet(), e.modalitySet(), e.motiveSet(), e.certificateIntent,
                e.followMode, e.objectSet(), e.situation, e.sector, e.organisation, e.moocExperience, e.introduction, e.canOrganiseMeetup);
    }

    @Test
    void generatedProfilesSurviveExportAndImport() {
        TestCourse course = importing(Groups.course("TANDEM,STUDY_GROUP,LOCAL_MEETUP", 3));
        long seed = new Random().nextInt(1_000_000_000);
        List<LearnerProfile> profiles = new PopulationGenerator(geo.gazetteer(), seed).generate(40);

        Response imported = upload(course.team(), course.id(), "survey.csv", csv(profiles), true);
        assertEquals(303, imported.statusCode(), imported.asString());
        assertEquals("/courses/" + course.id() + "/manage/import?created=40&updated=0&kept=0&notAdded=0&flash=profiles-imported", Browser.localLocation(imported));
        course.team().follow(imported).then().statusCode(200).body(containsString("40 learners added, 0 updated."));

        for (LearnerProfile profile : profiles) {
            String email = profile.externalId() + "@import.invalid";
            Db.run(() -> {
                Person person = Person.findByEmail(email).orElseThrow(() -> new AssertionError("no person " + email));
                assertEquals(null, person.passwordHash);
                Enrolment enrolment = Enrolment.find(course.id(), person.id).orElseThrow();
                assertEquals(profile, profileOf(enrolment, profile.externalId()));
                assertEquals(Enrolment.Status.WAITING, enrolment.status);
                assertTrue(enrolment.profileComplete);
                assertTrue(enrolment.waitingSince != null && enrolment.placeName != null);
            });
        }

        // the same file again updates the same enrolments
        Response again = upload(course.team(), course.id(), "survey.csv", csv(profiles), true);
        assertEquals("/courses/" + course.id() + "/manage/import?created=0&updated=40&kept=0&notAdded=0&flash=profiles-imported", Browser.localLocation(again));
        assertEquals(40L, (long) Db.tx(() -> Enrolment.count("course.id", course.id())));
    }

    @Test
    void anyBadRowImportsNothingAndEveryProblemIsListed() {
        TestCourse course = importing(Groups.course("TANDEM", 3));
        String good = "good-" + System.nanoTime();
        String file = "external_id,first_name,time_zone,availability,languages\n"
                + good + ",Zoe,Europe/Paris,Mon 18-22,fr\n"
                + "bad-" + System.nanoTime() + ",Yan,Mars/Olympus,Mon 18-22,fr\n"
                + "worse id with spaces,Xia,Europe/Paris,Tue 9-12,en\n";
        Response rejected = upload(course.team(), course.id(), "survey.csv", file, true);
        assertEquals(400, rejected.statusCode());
        rejected.then().body(containsString("Nothing was imported"), containsString("line 3"), containsString("unknown time zone: Mars/Olympus"));
        assertEquals(0L, (long) Db.tx(() -> Enrolment.count("course.id", course.id())), "nothing imported");
        assertTrue(Db.tx(() -> Person.findByEmail(good + "@import.invalid").isEmpty()));
        // a French course team reads the reader's problems in French
        String importPage = "/courses/" + course.id() + "/manage/import";
        course.team().post("/language", Form.of("lang", "fr", "back", importPage));
        upload(course.team(), course.id(), "survey.csv", file.replace("Tue 9-12", "Mardi 9h-12h30"), true).then().statusCode(400)
                .body(containsString("Rien n"),
                        containsString("fuseau horaire inconnu : Mars/Olympus"),
                        containsString("pas une heure entière : « 12h30 »"));
        course.team().post("/language", Form.of("lang", "en", "back", importPage));

        // once the CSV itself is right, identities are checked too, and still nothing is written
        String identities = "external_id,time_zone,availability,languages\n" + good + ",Europe/Paris,Mon 18-22,fr\n"
                + "worse id with spaces,Europe/Paris,Tue 9-12,en\n";
        upload(course.team(), course.id(), "survey.csv", identities, true).then().statusCode(400)
                .body(containsString("learner worse id with spaces"), containsString("must be an e-mail address"));
        assertEquals(0L, (long) Db.tx(() -> Enrolment.count("course.id", course.id())));

        // broken quoting, an empty file, no file
        upload(course.team(), course.id(), "broken.csv", "external_id,time_zone,availability\n\"unterminated,Europe/Paris,\n", true)
                .then().statusCode(400).body(containsString("Nothing was imported"));
        upload(course.team(), course.id(), "empty.csv", "external_id,time_zone,availability\n", true)
                .then().statusCode(400).body(containsString("no learner rows"));
        Browser team = course.team();
        team.get("/courses/" + course.id() + "/manage/import");
        given().redirects().follow(false).cookies(Map.copyOf(team.cookies())).multiPart(team.csrfName(), team.csrfToken())
                .post("/courses/" + course.id() + "/manage/import").then().statusCode(400)
                .body(containsString("f-file-error"));
        // bytes that are not UTF-8
        String latin1 = "external_id,time_zone,availability,languages\nlat-1,Europe/Paris,Mon 18-22,fr\n";
        byte[] bytes = (latin1 + "lat-2,Europe/Paris,Mon 18-22,fr,\u00e9\n").getBytes(StandardCharsets.ISO_8859_1);
        given().redirects().follow(false).cookies(Map.copyOf(team.cookies())).multiPart(team.csrfName(), team.csrfToken())
                .multiPart("file", "latin1.csv", bytes, "text/csv").post("/courses/" + course.id() + "/manage/import")
                .then().statusCode(400).body(containsString("Nothing was imported"));
        assertEquals(0L, (long) Db.tx(() -> Enrolment.count("course.id", course.id())));
    }

    @Test
    void anExistingLearnerIsUpdatedByEmailAndKeepsTheirAccount() {
        TestCourse course = importing(Groups.course("TANDEM", 3));
        Browser learner = new Browser();
        String email = learner.signUpNew("known");
        Courses.join(learner, course.id());
        String file = "external_id,first_name,time_zone,availability,languages,formats,modalities\n"
                + email.toUpperCase() + ",Renamed,America/Montreal,Sat 10-12,fr|en,TANDEM,VIDEO_CALL\n";
        Response imported = upload(course.team(), course.id(), "survey.csv", file, true);
        assertEquals("/courses/" + course.id() + "/manage/import?created=0&updated=1&kept=0&notAdded=0&flash=profiles-imported", Browser.localLocation(imported));
        Db.run(() -> {
            Person person = Person.findByEmail(email).orElseThrow();
            assertEquals("Test known", person.displayName, "the account's name is the person's own");
            Enrolment e = Enrolment.find(course.id(), person.id).orElseThrow();
            assertEquals("America/Toronto", e.timeZone, "a former name is kept under the zone's current id, as the forms keep it");
            assertEquals(Enrolment.Status.WAITING, e.status);
            assertTrue(e.profileComplete);
        });

        // the learner then answers in Entraide: a later file does not overwrite their own answers
        assertEquals(303, learner.post("/courses/" + course.id() + "/profile/when", "hours", "10", "hours", "11").statusCode());
        String localWeek = Db.tx(() -> Enrolment.find(course.id(), Person.findByEmail(email).orElseThrow().id).orElseThrow().localWeek);
        Response again = upload(course.team(), course.id(), "survey.csv", file.replace("America/Montreal", "Asia/Tokyo"), true);
        assertEquals("/courses/" + course.id() + "/manage/import?created=0&updated=0&kept=1&notAdded=0&flash=profiles-imported",
                Browser.localLocation(again));
        course.team().follow(again).then().statusCode(200)
                .body(containsString("0 learners added, 0 updated. 1 learner kept the answers they gave in Entraide."));
        Db.run(() -> {
            Enrolment e = Enrolment.find(course.id(), Person.findByEmail(email).orElseThrow().id).orElseThrow();
            assertEquals("America/Toronto", e.timeZone);
            assertEquals(localWeek, e.localWeek);
        });
    }

    @Test
    void someoneWithAnAccountOfTheirOwnIsNotAddedByAFileButSomeoneOnlyImportedIs() {
        Browser stranger = new Browser();
        String strangerEmail = stranger.signUpNew("stranger");
        String importedElsewhere = Browser.uniqueEmail("imported");
        String header = "external_id,first_name,time_zone,availability,languages,formats\n";
        TestCourse elsewhere = importing(Groups.course("TANDEM", 3));
        assertEquals(303, upload(elsewhere.team(), elsewhere.id(), "a.csv", header + importedElsewhere + ",Ines,Europe/Paris,Mon 18-20,fr,TANDEM\n",
                true).statusCode());
        TestCourse course = importing(Groups.course("TANDEM", 3));
        String username = "newcomer" + System.nanoTime();
        String file = header + strangerEmail + ",Eve,Europe/Paris,Mon 18-20,fr,TANDEM\n"
                + importedElsewhere + ",Ines,Europe/Paris,Tue 18-20,fr,TANDEM\n"
                + username + ",Nia,Europe/Paris,Wed 18-20,fr,TANDEM\n";

        Response imported = upload(course.team(), course.id(), "survey.csv", file, true);

        assertEquals("/courses/" + course.id() + "/manage/import?created=2&updated=0&kept=0&notAdded=1&flash=profiles-imported",
                Browser.localLocation(imported));
        long strangerId = Db.tx(() -> Person.findByEmail(strangerEmail).orElseThrow().id);
        assertTrue(Db.tx(() -> Enrolment.find(course.id(), strangerId).isEmpty()), "not enrolled by someone else's file");
        assertEquals(2L, (long) Db.tx(() -> Enrolment.count("course.id", course.id())), "the two without an account of their own are");
        course.team().follow(imported).then().statusCode(200)
                .body(containsString(Html.en("import.not-added").replaceAll("\\{0,choice,1#([^|]*)\\|.*", "$1")),
                        containsString("href=\"/courses/" + course.id() + "/manage#invite-link\""));
        course.team().get("/courses/" + course.id() + "/manage/learners").then().statusCode(200)
                .body(not(containsString(strangerEmail)), not(containsString("Test stranger")), containsString(importedElsewhere));
        assertThat(stranger.get("/courses").asString(), not(containsString("/courses/" + course.id() + "\"")));

        // once the stranger joins through the invite link, a file may fill in what they have not answered themselves
        Courses.join(stranger, course.id());
        assertEquals("/courses/" + course.id() + "/manage/import?created=0&updated=1&kept=0&notAdded=0&flash=profiles-imported",
                Browser.localLocation(upload(course.team(), course.id(), "survey.csv", header + strangerEmail + ",Eve,Europe/Paris,Mon 18-20,fr,TANDEM\n", true)));
    }

    @Test
    void onlyAPlatformAdministratorAllowsACourseToImport() {
        TestCourse course = Groups.course("TANDEM", 3);
        String path = "/courses/" + course.id() + "/manage/import";
        String email = Browser.uniqueEmail("not-yet");
        String file = "external_id,time_zone,availability,languages\n" + email + ",Europe/Paris,Mon 18-22,fr\n";
        course.team().get(path).then().statusCode(200)
                .body(containsString("id=\"import-off\""), not(containsString("multipart/form-data")), not(containsString("import-permission")));
        upload(course.team(), course.id(), "survey.csv", file, true).then().statusCode(400)
                .body(containsString(Html.en("import.problem.not-allowed")));
        assertTrue(Db.tx(() -> Person.findByEmail(email).isEmpty()), "nobody was created");
        assertEquals(403, course.team().post(path + "/permission", "allowed", "yes").statusCode(), "the team cannot allow itself");

        // the team asks; the administrators are told once, however often it asks while the notice is unread
        String askButton = Html.en("import.request");
        assertThat(course.team().get(path).asString(), containsString(askButton));
        assertEquals(path + "?flash=import-requested", Browser.localLocation(course.team().post(path + "/request", new Form())));
        assertEquals(303, course.team().post(path + "/request", new Form()).statusCode());
        long adminId = Db.tx(() -> Person.findByEmail(FirstAccount.EMAIL).orElseThrow().id);
        assertEquals(1L, Db.tx(() -> Notification.count("person.id = ?1 and kind = ?2 and link = ?3", adminId, NotificationKind.IMPORT_REQUESTED,
                path)));

        Browser admin = new Browser();
        assertEquals(303, admin.logIn(FirstAccount.EMAIL, FirstAccount.PASSWORD).statusCode());
        String adminPage = admin.get(path).asString();
        assertThat(adminPage, containsString(Html.en("import.permission-allow")));
        assertThat("an administrator allows, and does not ask", adminPage, not(containsString(askButton)));
        assertEquals(400, admin.post(path + "/permission", "allowed", "maybe").statusCode());
        assertFalse(Db.tx(() -> Course.<Course>findById(course.id()).importAllowed));
        assertEquals(303, admin.post(path + "/permission", "allowed", "yes").statusCode());
        assertEquals(1L, Db.tx(() -> Notification.count("kind = ?1 and link = ?2", NotificationKind.IMPORT_ALLOWED, path)), "the team is told");
        assertEquals(path, Browser.localLocation(course.team().post(path + "/request", new Form())), "nothing left to ask");

        assertEquals(303, upload(course.team(), course.id(), "survey.csv", file, true).statusCode());
        assertEquals(1L, (long) Db.tx(() -> Enrolment.count("course.id", course.id())));
        assertThat(admin.get(path).asString(), containsString(Html.en("import.permission-stop")));
        assertEquals(303, admin.post(path + "/permission", "allowed", "no").statusCode());
        assertFalse(Db.tx(() -> Course.<Course>findById(course.id()).importAllowed));
    }

    @Test
    void onlyThisCoursesTeamImportsAndTheCsrfTokenIsRequired() {
        TestCourse course = importing(Groups.course("TANDEM", 3));
        String file = "external_id,time_zone,availability,languages\nsomeone-" + System.nanoTime() + ",Europe/Paris,Mon 18-22,fr\n";
        assertEquals(400, upload(course.team(), course.id(), "survey.csv", file, false).statusCode());
        Browser learner = new Browser();
        learner.signUpNew("learner");
        Courses.join(learner, course.id());
        assertEquals(403, learner.get("/courses/" + course.id() + "/manage/import").statusCode());
        assertEquals(403, upload(learner, course.id(), "survey.csv", file, true).statusCode());
        TestCourse other = Groups.course("TANDEM", 3);
        assertEquals(404, other.team().get("/courses/" + course.id() + "/manage/import").statusCode());
        assertEquals(404, upload(other.team(), course.id(), "survey.csv", file, true).statusCode());
        assertEquals(0L, (long) Db.tx(() -> Enrolment.count("course.id = ?1 and person.email like '%import.invalid'", course.id())));

        course.team().get("/courses/" + course.id() + "/manage/import").then().statusCode(200)
                .body(containsString("enctype=\"multipart/form-data\""), containsString("<label for=\"f-file\""));
        Response template = course.team().get("/courses/" + course.id() + "/manage/import/template.csv");
        template.then().statusCode(200).contentType(containsString("text/csv"));
        assertEquals(String.join(",", LearnerProfileCsv.COLUMNS), template.asString().strip());
        course.team().get("/courses/" + course.id() + "/manage").then().body(containsString("/courses/" + course.id() + "/manage/import"));
    }
}
