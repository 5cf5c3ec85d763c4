package org.entraide.notify;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;

import org.entraide.matching.Proposal;
import org.entraide.testing.Browser;
import org.entraide.testing.Db;
import org.entraide.testing.Form;
import org.entraide.testing.Groups;
import org.entraide.testing.Groups.Learner;
import org.entraide.testing.Groups.TestCourse;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** The notifications others received about what someone did lose that person's name when they delete their account. */
@QuarkusTest
class NotificationActorTest {

    @Test
    void aDeletedAccountsNameLeavesTheNotificationsOthersReceivedAndTheEventsStay() {
        TestCourse course = Groups.course("STUDY_GROUP", 3);
        List<Learner> members = Groups.learners(course, "STUDY_GROUP", "Kai", "Lou", "Max");
        long groupId = Groups.formGroup(course, "STUDY_GROUP", members);
        Learner kai = members.get(0);
        Learner lou = members.get(1);
        Learner max = members.get(2);
        String group = "/groups/" + groupId;
        assertEquals(303, kai.browser().post(group + "/sessions", Form.of("date", LocalDate.now().plusDays(3).toString(),
                "time", "18:00", "minutes", "60", "topic", "", "place", "")).statusCode());
        assertEquals(303, lou.browser().post(group + "/posts", Form.of("body", "Hello all")).statusCode());
        assertThat(max.browser().get("/notifications").asString(), containsString("Kai planned a study session"));

        assertEquals(303, kai.browser().post("/account/delete", Form.of("deletePassword", Browser.DEFAULT_PASSWORD, "confirm", "yes"))
                .statusCode());

        String list = max.browser().get("/notifications").asString();
        assertThat(list, containsString("A former member planned a study session"));
        assertThat("Kai leaving with the account is told the same way", list, containsString("A former member left"));
        assertThat(list, containsString("Lou wrote"));
        assertThat(list, not(containsString("Kai")));
        List<Notification> stored = Db.tx(() -> Notification.<Notification>list("person.id", max.personId()));
        assertTrue(stored.stream().noneMatch(n -> n.args != null && n.args.contains("Kai")), "the name is not kept in the database");
        assertTrue(stored.stream().anyMatch(n -> n.actorGone && n.kind == NotificationKind.SESSION_PLANNED));
        assertFalse(stored.stream().anyMatch(n -> n.kind == NotificationKind.GROUP_POST && n.actorGone), "Lou is still here");
        assertNull(Db.tx(() -> Notification.<Notification>find("person.id = ?1 and kind = ?2", max.personId(),
                NotificationKind.SESSION_PLANNED).singleResult().actor));

        assertThat(max.browser().get("/account/export.json").asString(), containsString("A former member planned"));
        max.browser().post("/account", Form.of("displayName", "Max Example", "language", "fr"));
        assertThat(max.browser().get("/notifications").asString(), containsString("Un ancien membre a prévu une séance de travail"));
    }

    @Test
    void eachNewcomerOfARefilledGroupIsNamedInANoticeOfTheirOwnThatForgetsThemWithTheAccount() {
        TestCourse course = Groups.course("STUDY_GROUP", 4);
        List<Learner> members = Groups.learners(course, "STUDY_GROUP", "Ada", "Bob", "Cal", "Dot");
        long groupId = Groups.formGroup(course, "STUDY_GROUP", members);
        for (Learner leaver : members.subList(0, 2)) {
            assertEquals(303, leaver.browser().post("/groups/" + groupId + "/leave").statusCode());
        }
        Learner cal = members.get(2);
        List<Learner> newcomers = Groups.learners(course, "STUDY_GROUP", "Yara", "Fay");
        long refill = Groups.publishedProposal(course, "STUDY_GROUP", newcomers.get(0));
        assertEquals(groupId, (long) Db.tx(() -> Proposal.<Proposal>findById(refill).targetGroup.id), "the newcomers refill the group");
        for (Learner newcomer : newcomers) {
            assertEquals(303, newcomer.browser().post("/courses/" + course.id() + "/matches/" + refill + "/accept").statusCode());
        }

        String told = cal.browser().get("/notifications").asString();
        assertThat(told, containsString("Yara joined your group"));
        assertThat(told, containsString("Fay joined your group"));
        assertEquals(2L, Db.tx(() -> Notification.count("person.id = ?1 and kind = ?2", cal.personId(), NotificationKind.GROUP_REFILLED)));

        assertEquals(303, newcomers.get(0).browser().post("/account/delete", Form.of("deletePassword", Browser.DEFAULT_PASSWORD,
                "confirm", "yes")).statusCode());

        String list = cal.browser().get("/notifications").asString();
        assertThat(list, containsString("A former member joined your group"));
        assertThat(list, containsString("Fay joined your group"));
        assertThat(list, not(containsString("Yara")));
        assertTrue(Db.tx(() -> Notification.<Notification>list("person.id", cal.personId())).stream()
                .noneMatch(n -> n.args != null && n.args.contains("Yara")), "the name is not kept in the database");
        String french = cal.browser().acceptLanguage("fr").get("/notifications").asString();
        assertThat(french, containsString("Un ancien membre a rejoint votre groupe"));
        assertThat(french, containsString("Fay a rejoint votre groupe"));
    }
}
