package org.entraide.course;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;

import org.entraide.account.Person;
import org.entraide.notify.MailOutbox;
import org.entraide.notify.Notification;
import org.entraide.notify.NotificationKind;
import org.entraide.profile.Enrolment;
import org.entraide.testing.Db;
import org.entraide.testing.Groups;
import org.entraide.testing.Groups.Learner;
import org.entraide.testing.Groups.TestCourse;
import org.entraide.testing.Html;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** The course team's announcements: to a chosen part of the learners, read by those it was sent to only. */
@QuarkusTest
class AnnouncementTest {

    /** Dates and times read in the reader's zone: the account's, else their course profile's, else UTC. */
    @Test
    void eachReaderSeesWhenItWasSentInTheirOwnZone() {
        TestCourse course = Groups.course("TANDEM", 3);
        Learner ana = Groups.learner(course, "Ana", "TANDEM"); // her profile is in Paris, her account has no zone
        String manage = "/courses/" + course.id() + "/manage/announcements";
        assertEquals(303, course.team().post(manage, "audience", "ALL", "body", "Welcome!").statusCode());
        Instant sent = Db.tx(() -> CourseAnnouncement.<CourseAnnouncement>find("course.id", course.id()).singleResult().createdAt);
        DateTimeFormatter english = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT).withLocale(Locale.ENGLISH);

        assertThat(ana.browser().get("/courses/" + course.id() + "/announcements").asString(),
                containsString(english.format(sent.atZone(ZoneId.of("Europe/Paris"))) + " (Europe/Paris)"));
        assertThat("the team member has neither", course.team().get(manage).asString(),
                containsString(english.format(sent.atZone(ZoneOffset.UTC)) + " UTC"));
        long teamId = Db.tx(() -> CourseRole.<CourseRole>find("course.id", course.id()).firstResult().person.id);
        Db.run(() -> Person.<Person>findById(teamId).timeZone = "America/Toronto");
        assertThat(course.team().get(manage).asString(),
                containsString(english.format(sent.atZone(ZoneId.of("America/Toronto"))) + " (America/Toronto)"));

        // Ana chooses an account zone: her pages use it, except those of the course, which keep her profile's
        Db.run(() -> Person.<Person>findById(ana.personId()).timeZone = "Asia/Tokyo");
        assertThat(ana.browser().get("/notifications").asString(), containsString(" (Asia/Tokyo)"));
        assertThat(ana.browser().get("/courses/" + course.id() + "/announcements").asString(),
                containsString(english.format(sent.atZone(ZoneId.of("Europe/Paris"))) + " (Europe/Paris)"));
        assertThat(ana.browser().get("/courses/" + course.id()).asString(),
                containsString("</a> · latest on " + english.format(sent.atZone(ZoneId.of("Europe/Paris"))) + " (Europe/Paris)</p>"));
    }

    @Test
    void theChosenLearnersAreNotifiedAndReadItTheOthersDoNot() {
        TestCourse course = Groups.course("TANDEM", 3);
        List<Learner> waiting = Groups.learners(course, "TANDEM", "Ana", "Ben");
        Learner dan = Groups.learner(course, "Dan", "TANDEM");
        unfinished(course, dan);
        String manage = "/courses/" + course.id() + "/manage/announcements";
        String form = course.team().get(manage).then().statusCode(200).extract().asString();
        assertThat(form, containsString("Learners waiting for partners (2)"));
        assertThat(form, containsString("Learners who have not finished their profile (1)"));
        assertThat(form, containsString("Every learner of the course (3)"));

        Response sent = course.team().post(manage, "audience", "WAITING", "body", "Matching runs on Monday.\n<b>Check</b> your hours.");

        assertEquals(303, sent.statusCode(), sent.asString());
        assertThat(sent.header("Location"), containsString(manage + "?flash=announcement-sent"));
        assertThat(course.team().get(manage).asString(), containsString("Learners waiting for partners: 2 learners"));
        io.restassured.path.json.JsonPath export = course.team().get("/account/export.json").jsonPath();
        assertEquals("WAITING", export.getString("courseAnnouncements[0].audience"), "the author's words are in their data");
        assertEquals(2, export.getInt("courseAnnouncements[0].recipients"));
        String received = "/courses/" + course.id() + "/announcements";
        for (Learner learner : waiting) {
            assertEquals(1, notices(learner), learner.firstName());
            String page = learner.browser().get(received).then().statusCode(200).extract().asString();
            assertThat(page, containsString("Matching runs on Monday.\n&lt;b&gt;Check&lt;/b&gt; your hours."));
            assertThat(page, not(containsString("<b>Check</b>")));
            assertThat("the course page links to it", learner.browser().get("/courses/" + course.id()).asString(),
                    containsString(Html.en("announce.link")));
        }
        MailOutbox mail = Db.tx(() -> MailOutbox.<MailOutbox>find("recipient = ?1 and subject like ?2", waiting.get(0).email(),
                "Announcement for%").singleResult());
        assertThat("the e-mail quotes it", mail.body, containsString("Matching runs on Monday."));
        assertEquals(0, notices(dan), "Dan has not finished his profile");
        assertThat(dan.browser().get(received).asString(), containsString(Html.en("announce.none-received")));
        assertThat(dan.browser().get("/courses/" + course.id()).asString(), not(containsString(Html.en("announce.link"))));

        Learner ana = waiting.get(0);
        assertEquals(303, ana.browser().post("/language", "lang", "fr", "back", received).statusCode());
        assertThat(ana.browser().get(received).asString(), containsString(Html.fr("announce.received-title")));

        assertEquals(303, ana.browser().post("/courses/" + course.id() + "/leave", "confirm", "yes").statusCode());
        assertEquals(0L, Db.tx(() -> AnnouncementRecipient.count("person.id", ana.personId())), "leaving the course forgets what it sent");
        assertEquals(1L, Db.tx(() -> AnnouncementRecipient.count("person.id", waiting.get(1).personId())));
    }

    @Test
    void refusedAnnouncementsSendNothingAndADoubleClickSendsOnce() {
        TestCourse course = Groups.course("TANDEM", 3);
        Learner ana = Groups.learner(course, "Ana", "TANDEM");
        String manage = "/courses/" + course.id() + "/manage/announcements";

        Response empty = course.team().post(manage, "audience", "ALL", "body", "   ");
        assertEquals(400, empty.statusCode());
        assertThat(empty.asString(), containsString("<p class=\"error\" id=\"f-body-error\">"));
        assertThat("the choice is kept", empty.asString(), containsString("value=\"ALL\" required checked"));
        Response unknown = course.team().post(manage, "audience", "<i>EVERYONE</i>", "body", "Hello");
        assertEquals(400, unknown.statusCode());
        assertThat(unknown.asString(), containsString("<p class=\"error\" id=\"f-audience-error\">Please choose one of the options."));
        assertThat("the text is kept", unknown.asString(), containsString(">Hello</textarea>"));
        Response nobody = course.team().post(manage, "audience", "UNFINISHED", "body", "Please finish your profile");
        assertEquals(400, nobody.statusCode());
        assertThat(nobody.asString(), containsString(Html.en("error.announcement-nobody")));
        assertEquals(0L, sentIn(course));
        assertEquals(0, notices(ana), "nothing sent while refused");

        assertEquals(303, course.team().post(manage, "audience", "ALL", "body", "Welcome!").statusCode());
        Response again = course.team().post(manage, "audience", "ALL", "body", "Welcome!");
        assertEquals(400, again.statusCode());
        assertThat(again.asString(), containsString(Html.en("error.announcement-repeated")));
        assertEquals(1, notices(ana), "a double click sends once");

        for (int i = 2; i <= AnnouncementService.PER_DAY; i++) {
            assertEquals(303, course.team().post(manage, "audience", "ALL", "body", "News " + i).statusCode());
        }
        Response tooMany = course.team().post(manage, "audience", "ALL", "body", "One more");
        assertEquals(400, tooMany.statusCode());
        assertThat(tooMany.asString(), containsString("This course sent 5 announcements in the last 24 hours"));
        assertEquals(AnnouncementService.PER_DAY, sentIn(course));
        assertEquals(AnnouncementService.PER_DAY, notices(ana));
        assertEquals(403, ana.browser().post(manage, "audience", "ALL", "body", "Hi all").statusCode(), "learners cannot announce");
    }

    private static void unfinished(TestCourse course, Learner learner) {
        Db.run(() -> {
            Enrolment enrolment = Enrolment.find(course.id(), learner.personId()).orElseThrow();
            enrolment.profileComplete = false;
            enrolment.status = Enrolment.Status.DRAFT;
        });
    }

    private static long sentIn(TestCourse course) {
        return Db.tx(() -> CourseAnnouncement.count("course.id", course.id()));
    }

    private static long notices(Learner learner) {
        return Db.tx(() -> Notification.count("person.id = ?1 and kind = ?2", learner.personId(), NotificationKind.COURSE_ANNOUNCEMENT));
    }
}
