package org.entraide.account;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.entraide.course.Course;
import org.entraide.testing.Db;
import org.entraide.testing.Form;
import org.entraide.testing.Groups;
import org.entraide.testing.Groups.Learner;
import org.entraide.testing.Groups.TestCourse;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** "Download my data": one JSON file with what Entraide keeps about the person, and nobody else's contacts. */
@QuarkusTest
class MyDataExportTest {

    @Test
    void theFileHoldsTheAccountProfilesProposalsGroupsReportsAndNotificationsOfThePersonOnly() {
        TestCourse course = Groups.course("TANDEM", 3);
        Learner ana = Groups.learner(course, "Ana", "TANDEM");
        Learner ben = Groups.learner(course, "Ben", "TANDEM");
        long groupId = Groups.formGroup(course, "TANDEM", List.of(ana, ben));
        String title = Db.tx(() -> Course.<Course>findById(course.id()).title);
        ana.browser().post("/groups/" + groupId + "/report", Form.of("reported", Long.toString(ben.personId()), "reason", "Never answers"))
                .then().statusCode(303);
        ana.browser().post("/courses/" + course.id() + "/partners", Form.of("relationKind", "COLLEAGUE")).then().statusCode(303);
        assertThat(ana.browser().get("/account").asString(), containsString("href=\"/account/export.json\""));

        Response download = ana.browser().get("/account/export.json");

        assertEquals(200, download.statusCode());
        assertThat(download.contentType(), startsWith("application/json"));
        assertThat(download.header("Content-Disposition"), containsString("attachment"));
        JsonPath json = download.jsonPath();
        assertEquals(ana.email(), json.getString("account.email"));
        assertEquals("password", json.getString("account.signIn"));
        assertEquals("ALL", json.getString("account.emailNotifications"));
        assertEquals("NOTICE", json.getString("account.messageMail"));
        assertEquals(title, json.getString("courseProfiles[0].course"));
        assertEquals("Intro of Ana, private to partners", json.getString("courseProfiles[0].introduction"));
        assertEquals("Mon–Fri 18:00–22:00", json.getString("courseProfiles[0].weeklyAvailability"));
        assertEquals("COLLEAGUE", json.getString("partnerLinks[0].relationKind"));
        assertEquals(true, json.getBoolean("partnerLinks[0].madeByMe"));
        assertEquals("ACCEPTED", json.getString("proposals[0].myAnswer"));
        assertEquals(groupId, json.getLong("groups[0].groupId"));
        assertEquals("Ben", json.getString("reportsSent[0].reportedFirstName"));
        assertThat(json.getList("notifications.kind"), hasItem("GROUP_FORMED"));
        assertThat(json.getList("notifications.text"), hasItem("Everyone accepted: your group in “" + title + "” is formed. Say hello in its workspace!"));
        String body = download.asString();
        assertThat("no one else's contact", body, not(containsString(ben.email())));
        assertThat("no password hash", body, not(containsString("$2a$")));

        JsonPath bens = ben.browser().get("/account/export.json").jsonPath();
        assertEquals(List.of(), bens.getList("reportsSent"), "the report Ana sent is not in Ben's file");
        assertEquals(List.of(), bens.getList("partnerLinks"));

        JsonPath french = ana.browser().acceptLanguage("fr").get("/account/export.json").jsonPath();
        assertThat(french.getList("notifications.text"),
                hasItem("Tout le monde a accepté : votre groupe dans « " + title + " » est formé. Dites bonjour dans son espace de travail !"));
    }
}
