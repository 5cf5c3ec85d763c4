package org.entraide.workspace;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;

import org.entraide.account.MessageMail;
import org.entraide.account.Person;
import org.entraide.group.GroupMember;
import org.entraide.notify.MailOutbox;
import org.entraide.notify.Notification;
import org.entraide.notify.NotificationKind;
import org.entraide.testing.Db;
import org.entraide.testing.Form;
import org.entraide.testing.Groups;
import org.entraide.testing.Groups.Learner;
import org.entraide.testing.Groups.TestCourse;
import org.entraide.testing.Html;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** The daily or weekly e-mail that quotes the messages of one's groups, chosen on the account page. */
@QuarkusTest
class MessageDigestTest {

    @Inject
    MessageDigest digests;

    private record Group(long id, List<Learner> members) {
        String page() {
            return "/groups/" + id;
        }

        Learner member(int index) {
            return members.get(index);
        }
    }

    private static Group group(String... names) {
        TestCourse course = Groups.course("STUDY_GROUP", 3);
        List<Learner> members = Groups.learners(course, "STUDY_GROUP", names);
        return new Group(Groups.formGroup(course, "STUDY_GROUP", members), members);
    }

    private static void choose(Learner learner, String language, String messageMail) {
        Response saved = learner.browser().post("/account", Form.of("displayName", learner.firstName() + " Example", "language", language,
                "emailNotifications", "ALL", "messageMail", messageMail));
        assertEquals(303, saved.statusCode(), saved.asString());
    }

    private static void write(Learner author, Group g, String... fields) {
        assertEquals(303, author.browser().post(g.page() + "/posts", fields).statusCode());
    }

    /** The digests sent to the learner (forming the group sent them other mail). */
    private static List<MailOutbox> digestsTo(Learner learner) {
        return Db.tx(() -> MailOutbox.<MailOutbox>list("recipient = ?1 and (subject like 'Your groups %' or subject like 'Vos groupes %') order by id",
                learner.email()));
    }

    private static List<String> subjectsTo(Learner learner) {
        return Db.tx(() -> MailOutbox.<MailOutbox>list("recipient = ?1 order by id", learner.email()).stream().map(m -> m.subject).toList());
    }

    @Test
    void aDailyDigestQuotesWhatOthersWroteOnceAndReplacesTheNotice() {
        Group g = group("Ana", "Ben", "Cyd");
        Learner ana = g.member(0);
        Learner ben = g.member(1);
        Learner cyd = g.member(2);
        choose(ben, "", "DAILY");
        assertThat(ben.browser().get("/account").asString(),
                containsString("id=\"messages-DAILY\" name=\"messageMail\" value=\"DAILY\" checked"));
        Instant chosen = Db.tx(() -> Person.<Person>findById(ben.personId()).digestSince);
        assertNotNull(chosen);

        write(ana, g, "body", "Where is the <quiz>?", "question", "on");
        long question = Db.tx(() -> GroupPost.<GroupPost>find("author.id", ana.personId()).singleResult().id);
        write(cyd, g, "body", "Week 3, at the end.\nGood luck!", "replyTo", Long.toString(question));
        write(ben, g, "body", "My own words");
        write(ana, g, "body", "Sorry, wrong group");
        long deleted = Db.tx(() -> GroupPost.<GroupPost>find("body", "Sorry, wrong group").singleResult().id);
        assertEquals(303, ana.browser().post(g.page() + "/posts/" + deleted + "/delete").statusCode());

        assertEquals(1L, Db.tx(() -> Notification.count("person.id = ?1 and kind = ?2", ben.personId(), NotificationKind.GROUP_POST)),
                "the notice stays in Entraide");
        assertThat("but its e-mail gives way to the digest", subjectsTo(ben).toString(), not(containsString("New messages in your group")));
        assertThat("those who keep notices still get one", subjectsTo(cyd).toString(), containsString("New messages in your group"));

        Instant now = Instant.now();
        digests.sendDue(now);
        assertEquals(List.of(), digestsTo(ben), "not a day yet");

        digests.sendDue(now.plus(Duration.ofDays(1)).plusSeconds(120));

        List<MailOutbox> mails = digestsTo(ben);
        assertEquals(1, mails.size());
        MailOutbox digest = mails.get(0);
        assertEquals("Your groups today: 2 new messages", digest.subject);
        assertThat(digest.body, containsString("Hello Ben,"));
        assertThat(digest.body, containsString("Since yesterday's digest, 2 messages were written in your groups."));
        assertThat(digest.body, containsString("== Your group in “"));
        assertThat(digest.body, containsString("”: 2 new messages =="));
        assertThat(digest.body, containsString("Ana asked, "));
        assertThat(digest.body, containsString("    Where is the <quiz>?\n"));
        assertThat(digest.body, containsString("Cyd replied, "));
        assertThat("each line of a message is indented", digest.body, containsString("    Week 3, at the end.\n    Good luck!\n"));
        assertThat(digest.body.indexOf("Ana asked"), lessThan(digest.body.indexOf("Cyd replied")));
        assertThat(digest.body, not(containsString("My own words")));
        assertThat(digest.body, not(containsString("wrong group")));
        assertThat(digest.body, containsString("Read and answer: http://localhost:8080" + g.page() + "#messages"));
        assertThat(digest.body, containsString("You receive this digest once a day because you chose it on your account page."));
        assertThat(digest.body, containsString("http://localhost:8080/account#email"));

        digests.sendDue(now.plus(Duration.ofDays(1)).plusSeconds(180));
        digests.sendDue(now.plus(Duration.ofDays(2)).plusSeconds(240));
        assertEquals(1, digestsTo(ben).size(), "nothing twice, and nothing when nothing new was written");

        choose(ben, "", "NOTICE");
        assertNull(Db.tx(() -> Person.<Person>findById(ben.personId()).digestSince), "back to notices: no digest pending");
        assertEquals(MessageMail.NOTICE, Db.tx(() -> Person.<Person>findById(ben.personId()).messageMail));
    }

    @Test
    void aWeeklyDigestInFrenchLeavesOutWhatCameBeforeAndGroupsLeft() {
        Group g = group("Ana", "Ben", "Cyd", "Dee");
        Learner ana = g.member(0);
        Learner ben = g.member(1);
        Learner cyd = g.member(2);
        Learner dee = g.member(3);
        Groups.post(g.id(), ana.personId(), "Before Ben chose a digest");
        choose(ben, "fr", "WEEKLY");
        choose(cyd, "", "DAILY");
        choose(dee, "", "DAILY");
        // Dee's digest window reaches back before Dee joined: what was written then still stays out
        Instant joined = Db.tx(() -> GroupMember.currentMembership(g.id(), dee.personId()).orElseThrow().joinedAt);
        Db.run(() -> Person.<Person>findById(dee.personId()).digestSince = joined.minus(Duration.ofDays(2)));
        long early = Groups.post(g.id(), ana.personId(), "Before Dee joined");
        Db.run(() -> GroupPost.<GroupPost>findById(early).createdAt = joined.minus(Duration.ofHours(1)));
        assertEquals(303, cyd.browser().post(g.page() + "/leave", "reason", "Too busy").statusCode());

        for (int i = 1; i <= MessageDigest.PER_GROUP_MAX + 1; i++) {
            write(ana, g, "body", "Message " + i + ".");
        }
        Instant now = Instant.now();
        digests.sendDue(now.plus(Duration.ofDays(1)).plusSeconds(120));

        assertEquals(List.of(), digestsTo(ben), "a weekly digest waits for the week");
        assertEquals(List.of(), digestsTo(cyd), "Cyd left the group: nothing from it");
        MailOutbox daily = digestsTo(dee).get(0);
        assertThat(daily.body, not(containsString("Before Dee joined")));
        assertThat(daily.body, containsString("Message 1."));

        digests.sendDue(now.plus(Duration.ofDays(7)).plusSeconds(120));

        List<MailOutbox> weekly = digestsTo(ben);
        assertEquals(1, weekly.size());
        int count = MessageDigest.PER_GROUP_MAX + 1;
        assertEquals("Vos groupes cette semaine : " + count + " nouveaux messages", weekly.get(0).subject);
        String body = weekly.get(0).body;
        assertThat(body, containsString("Bonjour Ben,"));
        assertThat(body, containsString("Depuis le résumé de la semaine dernière, " + count + " messages ont été écrits dans vos groupes."));
        assertThat(body, containsString("Ana a écrit, "));
        assertThat(body, containsString("Message " + MessageDigest.PER_GROUP_MAX + "."));
        assertThat("at most " + MessageDigest.PER_GROUP_MAX + " quoted per group", body, not(containsString("Message " + count + ".")));
        assertThat(body, containsString("… et 1 autre message dans ce groupe."));
        assertThat(body, not(containsString("Before Ben chose")));
        assertThat(body, containsString("une fois par semaine"));
    }

    @Test
    void oneRunGoesThroughEveryoneDueBatchAfterBatch() {
        Instant longAgo = Instant.now().minus(Duration.ofDays(3));
        String prefix = "digest-batch-" + System.nanoTime() + "-";
        int people = MessageDigest.BATCH + 5;
        Db.run(() -> {
            for (int i = 0; i < people; i++) {
                Person person = new Person();
                person.email = prefix + i + "@example.org";
                person.displayName = "Batch " + i;
                person.createdAt = longAgo;
                person.messageMail = MessageMail.DAILY;
                person.digestSince = longAgo;
                person.persist();
            }
        });
        Instant now = Instant.now();

        digests.sendDue(now);

        assertEquals(0L, (long) Db.tx(() -> Person.count("email like ?1 and digestSince <= ?2", prefix + "%", longAgo)),
                "every one of the " + people + " was looked at, not only the first " + MessageDigest.BATCH);
        assertEquals(0L, (long) Db.tx(() -> MailOutbox.count("recipient like ?1", prefix + "%")), "nothing written, nothing sent");
    }

    @Test
    void anUnknownChoiceIsRefusedAtItsFieldAndChangesNothing() {
        Group g = group("Ana", "Ben", "Cyd");
        Learner ben = g.member(1);
        Response refused = ben.browser().post("/account", Form.of("displayName", "Renamed", "language", "", "emailNotifications", "NONE",
                "messageMail", "HOURLY"));

        assertEquals(400, refused.statusCode());
        assertThat(refused.asString(), containsString("<p class=\"error\" id=\"f-messageMail-error\">" + Html.en("error.invalid-choice")));
        Person person = Db.tx(() -> Person.<Person>findById(ben.personId()));
        assertEquals(MessageMail.NOTICE, person.messageMail);
        assertEquals("Ben Example", person.displayName, "nothing saved");
        assertThat(ben.browser().get("/account/export.json").asString(), containsString("\"messageMail\":\"NOTICE\""));
    }
}
