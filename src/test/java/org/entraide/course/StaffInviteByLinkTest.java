package org.entraide.course;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.entraide.account.Person;
import org.entraide.notify.MailOutbox;
import org.entraide.notify.Notification;
import org.entraide.notify.NotificationKind;
import org.entraide.testing.Browser;
import org.entraide.testing.Courses;
import org.entraide.testing.Db;
import org.entraide.testing.Form;
import org.entraide.testing.LinkedSignUps;
import org.entraide.testing.Html;
import org.entraide.web.SecretLinks;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** Staff invitations to an address with no account of its own: a link by e-mail, answered once signed in. */
@QuarkusTest
class StaffInviteByLinkTest {

    private static final Pattern LINK = Pattern.compile("/staff-invite/([A-Za-z0-9_-]+)");

    @Inject
    StaffInvites staffInvites;

    @Test
    void anAddressWithoutAnAccountGetsALinkOnlyWhenTheCourseMayWriteToNewAddresses() {
        Browser team = new Browser();
        String teamEmail = team.signUpNew("link-team");
        String title = Courses.uniqueTitle("Invited by link");
        long id = Courses.create(team, title);
        String colleague = Browser.uniqueEmail("link-colleague");

        Response refused = team.post("/courses/" + id + "/manage/staff", Form.of("email", colleague, "role", "ORGANIZER"));
        assertEquals(400, refused.statusCode(), "a course nobody allowed to write to new addresses");
        assertThat(refused.asString(), containsString(Html.en("error.no-such-account")));
        assertEquals(0L, Db.tx(() -> StaffInvite.count("course.id", id) + MailOutbox.count("recipient", colleague)), "nothing stored or sent");

        Db.run(() -> Course.<Course>findById(id).importAllowed = true);
        assertThat(team.get("/courses/" + id + "/manage").asString(), containsString(Html.en("manage.staff-hint-by-link")));
        Response invited = team.post("/courses/" + id + "/manage/staff", Form.of("email", " " + colleague.toUpperCase() + " ", "role", "ORGANIZER"));
        assertEquals(303, invited.statusCode());
        assertThat(team.follow(invited).asString(), containsString(colleague + " <span class=\"muted\">" + Html.en("staff.invited")));
        assertEquals(400, team.post("/courses/" + id + "/manage/staff", Form.of("email", colleague, "role", "ORGANIZER")).statusCode(),
                "invited once");

        String token = tokenMailedTo(colleague);
        StaffInvite stored = Db.tx(() -> StaffInvite.<StaffInvite>find("course.id", id).singleResult());
        assertNull(stored.person);
        assertEquals(SecretLinks.hash(token), stored.tokenHash, "only the hash is kept");
        String mail = Db.tx(() -> MailOutbox.<MailOutbox>find("recipient", colleague).singleResult().body);
        assertThat(mail, containsString(title));
        assertThat("says why it came", mail, containsString("(" + colleague + ")"));

        String link = "/staff-invite/" + token;
        Browser visitor = new Browser();
        Response page = visitor.get(link);
        assertEquals(200, page.statusCode());
        assertThat(page.asString(), containsString(Html.en("staff-invite.what.ORGANIZER")));
        assertThat(page.asString(), containsString("href=\"/login?next=%2Fstaff-invite%2F" + token + "\""));
        assertThat("a visitor signs in before answering", page.asString(), not(containsString("name=\"answer\"")));
        assertThat(Browser.localLocation(visitor.post(link, Form.of("answer", "yes"))), containsString("/login"));

        // she signs up from the page, with an address of her own choosing, and comes back to it
        String herAccount = Browser.uniqueEmail("link-colleague-account");
        Response signedUp = visitor.post("/signup", Form.of("email", herAccount, "displayName", "Cleo Linked", "password",
                Browser.DEFAULT_PASSWORD, "passwordConfirmation", Browser.DEFAULT_PASSWORD, "next", link));
        assertThat(Browser.localLocation(signedUp), containsString(link));
        assertThat(visitor.get(link).asString(), containsString("name=\"answer\" value=\"yes\""));
        assertEquals(400, visitor.post(link, Form.of("answer", "maybe")).statusCode());
        assertFalse(Db.tx(() -> CourseRole.has(id, personId(herAccount), CourseRole.Kind.ORGANIZER)), "nothing before the answer");

        Response accepted = visitor.post(link, Form.of("answer", "yes"));
        assertEquals("/courses/" + id + "?flash=staff-invite-accepted", Browser.localLocation(accepted));
        assertTrue(Db.tx(() -> CourseRole.has(id, personId(herAccount), CourseRole.Kind.ORGANIZER)));
        assertEquals(0L, Db.tx(() -> StaffInvite.count("course.id", id)));
        assertEquals(1L, Db.tx(() -> Notification.count("person.id = ?1 and kind = ?2", personId(teamEmail), NotificationKind.STAFF_ACCEPTED)));
        assertThat(team.get("/courses/" + id + "/manage").asString(), containsString("Cleo Linked"));
        assertEquals(404, visitor.get(link).statusCode(), "the link works once");
        assertEquals(404, visitor.post(link, Form.of("answer", "yes")).statusCode());
    }

    @Test
    void aLinkIsDeclinedOrWithdrawnAndAnImportedAddressGetsOneToo() {
        Browser team = new Browser();
        team.signUpNew("link-team");
        long id = Courses.create(team, Courses.uniqueTitle("Declined by link"));
        Db.run(() -> Course.<Course>findById(id).importAllowed = true);

        String declining = Browser.uniqueEmail("link-declining");
        assertEquals(303, team.post("/courses/" + id + "/manage/staff", Form.of("email", declining, "role", "TEAM")).statusCode());
        String link = "/staff-invite/" + tokenMailedTo(declining);
        Browser someone = new Browser();
        String someoneEmail = someone.signUpNew("link-someone");
        assertEquals("/courses?flash=staff-invite-declined", Browser.localLocation(someone.post(link, Form.of("answer", "no"))));
        assertFalse(Db.tx(() -> CourseRole.has(id, personId(someoneEmail), CourseRole.Kind.TEAM)));
        assertEquals(404, someone.get(link).statusCode());

        String withdrawn = Browser.uniqueEmail("link-withdrawn");
        assertEquals(303, team.post("/courses/" + id + "/manage/staff", Form.of("email", withdrawn, "role", "TEAM")).statusCode());
        String withdrawnLink = "/staff-invite/" + tokenMailedTo(withdrawn);
        long inviteId = Db.tx(() -> StaffInvite.<StaffInvite>find("email", withdrawn).singleResult().id);
        assertEquals(303, team.post("/courses/" + id + "/manage/staff-invites/" + inviteId + "/delete", new Form()).statusCode());
        assertEquals(404, new Browser().get(withdrawnLink).statusCode());

        // someone a team imported has a person here but no sign-in of their own: the link proves the mailbox is theirs
        String imported = Browser.uniqueEmail("link-imported");
        long importedId = LinkedSignUps.importedPerson(imported);
        assertEquals(303, team.post("/courses/" + id + "/manage/staff", Form.of("email", imported, "role", "ORGANIZER")).statusCode());
        assertNotEquals("", tokenMailedTo(imported));
        assertNull(Db.tx(() -> StaffInvite.<StaffInvite>find("email", imported).singleResult().person));
        assertEquals(0L, Db.tx(() -> Notification.count("person.id", importedId)), "no notice the person could read without signing in");

        // an account that has not confirmed its address may be held by someone else: the address gets the link instead
        Browser early = new Browser();
        String earlyEmail = early.signUpNew("link-unconfirmed");
        assertEquals(303, team.post("/courses/" + id + "/manage/staff", Form.of("email", earlyEmail, "role", "TEAM")).statusCode());
        assertNotEquals("", tokenMailedTo(earlyEmail));
        assertNull(Db.tx(() -> StaffInvite.<StaffInvite>find("email", earlyEmail).singleResult().person));
        assertEquals(0L, Db.tx(() -> Notification.count("person.id = ?1 and kind = ?2", personId(earlyEmail), NotificationKind.STAFF_INVITED)));
        assertThat(early.get("/courses").asString(), not(containsString("/staff-invite")));
    }

    @Test
    void acceptingALinkTwiceAtOnceGivesTheRoleOnceAndTheSecondFindsNoInvitation() throws Exception {
        Browser team = new Browser();
        team.signUpNew("link-team");
        long id = Courses.create(team, Courses.uniqueTitle("Link double click"));
        Db.run(() -> Course.<Course>findById(id).importAllowed = true);
        String address = Browser.uniqueEmail("link-double");
        assertEquals(303, team.post("/courses/" + id + "/manage/staff", Form.of("email", address, "role", "TEAM")).statusCode());
        String token = tokenMailedTo(address);
        Browser colleague = new Browser();
        long colleagueId = personId(colleague.signUpNew("link-double-account"));

        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> second = QuarkusTransaction.requiringNew().call(() -> {
                assertEquals(id, staffInvites.answerByLink(token, colleagueId, "yes").id); // the first click, not committed yet
                Future<Integer> click = pool.submit(() -> colleague.post("/staff-invite/" + token, Form.of("answer", "yes")).statusCode());
                Thread.sleep(300); // the second click arrives meanwhile
                return click;
            });
            assertEquals(404, second.get(), "the link was answered by the first");
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1L, Db.tx(() -> CourseRole.count("course.id = ?1 and person.id = ?2", id, colleagueId)));
    }

    /** The token of the one invitation link mailed to the address. */
    private static String tokenMailedTo(String address) {
        List<String> bodies = Db.tx(() -> MailOutbox.<MailOutbox>list("recipient", address).stream().map(m -> m.body)
                .filter(body -> body.contains("/staff-invite/")).toList());
        assertEquals(1, bodies.size(), "one invitation to " + address);
        Matcher link = LINK.matcher(bodies.get(0));
        assertTrue(link.find(), bodies.get(0));
        return link.group(1);
    }

    private static long personId(String email) {
        return Db.tx(() -> Person.findByEmail(email).orElseThrow().id);
    }
}
