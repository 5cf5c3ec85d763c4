package org.entraide.profile;

import static org.entraide.testing.Browser.locationPath;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.entraide.account.Person;
import org.entraide.course.Course;
import org.entraide.group.GroupMember;
import org.entraide.group.LearningGroup;
import org.entraide.notify.MailOutbox;
import org.entraide.notify.Notification;
import org.entraide.notify.NotificationKind;
import org.entraide.testing.Browser;
import org.entraide.testing.Courses;
import org.entraide.testing.Db;
import org.entraide.testing.Form;
import org.entraide.testing.Html;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
class PartnerInviteTest {

    private static Browser team;
    private static long courseId;
    private static String courseTitle;

    @BeforeEach
    void courseOnce() {
        if (team == null) {
            team = new Browser();
            team.signUpNew("partner-team");
            courseTitle = Courses.uniqueTitle("Partners");
            courseId = Courses.create(team, courseTitle);
        }
    }

    @Test
    void unknownRelationKindIsRefusedAndNothingStored() {
        Browser inviter = enrolled("rel-invalid");
        long before = invitesOf(inviter);
        for (String kind : new String[] {"ENEMY", "friend", ""}) {
            Response response = inviter.post("/courses/" + courseId + "/partners", Form.of("relationKind", kind));
            assertEquals(400, response.statusCode(), kind);
            assertThat(response.asString(), containsString("<p class=\"error\" id=\"f-relationKind-error\">"
                    + Html.en("error.invalid-choice") + "</p>"));
        }
        assertEquals(before, invitesOf(inviter));
    }

    @Test
    void onlyLearnersOfTheCourseCreateLinks() {
        Browser outsider = new Browser();
        outsider.signUpNew("rel-outsider");
        assertEquals(404, outsider.get("/courses/" + courseId + "/partners").statusCode());
        assertEquals(404, outsider.post("/courses/" + courseId + "/partners", Form.of("relationKind", "FRIEND")).statusCode());
        assertEquals(0L, invitesOf(outsider));
    }

    @Test
    void inviteeSignsUpThroughTheLinkAndBothAgreeOnATandem() {
        Browser inviter = new Browser();
        inviter.signUpNew("inviter");
        Courses.join(inviter, courseId);
        inviter.post("/account", Form.of("displayName", "Camille Martin", "language", ""));

        Response created = inviter.post("/courses/" + courseId + "/partners", Form.of("relationKind", "COLLEAGUE"));
        assertEquals(303, created.statusCode());
        assertEquals("/courses/" + courseId + "/partners", locationPath(created));
        PartnerInvite invite = Db.tx(() -> PartnerInvite.<PartnerInvite>find("inviter.id = ?1", personId(inviter)).firstResult());
        assertEquals(PartnerInvite.Status.OPEN, invite.status);
        assertEquals(RelationKind.COLLEAGUE, invite.relationKind);
        assertThat(inviter.follow(created).asString(), containsString("/partner/" + invite.code));

        Browser invitee = new Browser();
        Response presentation = invitee.get("/partner/" + invite.code);
        assertEquals(200, presentation.statusCode());
        assertThat(presentation.asString(), containsString(courseTitle));
        assertThat(presentation.asString(), containsString("Camille"));
        assertThat(presentation.asString(), containsString("href=\"/signup?next=%2Fpartner%2F" + invite.code + "\""));

        String inviteeEmail = Browser.uniqueEmail("invitee");
        Response signUp = invitee.post("/signup", Form.of("email", inviteeEmail, "displayName", "Dominique Invitee",
                "password", Browser.DEFAULT_PASSWORD, "passwordConfirmation", Browser.DEFAULT_PASSWORD, "next", "/partner/" + invite.code));
        assertEquals(303, signUp.statusCode());
        assertEquals("/partner/" + invite.code, locationPath(signUp));
        assertThat(invitee.follow(signUp).asString(), containsString("action=\"/partner/" + invite.code + "\""));

        Response accepted = invitee.post("/partner/" + invite.code, new Form());
        assertEquals(303, accepted.statusCode());
        assertEquals("/courses/" + courseId + "/profile", locationPath(accepted));
        long inviteeId = personId(invitee);
        Enrolment enrolment = Db.tx(() -> Enrolment.find(courseId, inviteeId).orElseThrow());
        assertEquals(Enrolment.Status.DRAFT, enrolment.status);
        PartnerInvite joined = reload(invite);
        assertEquals(PartnerInvite.Status.JOINED, joined.status);
        assertEquals(inviteeId, joined.invitee.id);
        assertEquals(RelationKind.COLLEAGUE, joined.relationKind);
        assertNotNull(joined.acceptedAt);

        String inviterPage = inviter.get("/courses/" + courseId).asString();
        assertThat(inviterPage, containsString("Dominique"));
        assertThat(inviterPage, containsString("/partners/" + invite.id + "/choice"));

        assertEquals(303, choose(inviter, invite, "TANDEM").statusCode());
        assertEquals(PartnerInvite.Status.JOINED, reload(invite).status, "one answer is not an agreement");
        assertEquals(PartnerInvite.Choice.TANDEM, reload(invite).inviterChoice);
        Response second = choose(invitee, invite, "TANDEM");
        assertEquals(303, second.statusCode());
        assertEquals("/courses/" + courseId, locationPath(second));
        PartnerInvite agreed = reload(invite);
        assertEquals(PartnerInvite.Status.AGREED, agreed.status);
        assertEquals(PartnerInvite.Choice.TANDEM, agreed.inviteeChoice);
        // both consented: the tandem exists at once, without waiting for a matching run
        List<GroupMember> tandem = Db.tx(() -> GroupMember.<GroupMember>list("group.course.id = ?1 and person.id = ?2", courseId, inviteeId));
        assertEquals(1, tandem.size());
        long groupId = tandem.get(0).group.id;
        assertEquals(Format.TANDEM, Db.tx(() -> LearningGroup.<LearningGroup>findById(groupId).format));
        assertEquals(2, Db.tx(() -> GroupMember.current(groupId).size()));
        assertEquals(200, inviter.get("/groups/" + groupId).statusCode());

        assertEquals(404, new Browser().get("/partner/" + invite.code).statusCode(), "a used link is gone");
        Browser latecomer = new Browser();
        latecomer.signUpNew("latecomer");
        assertEquals(404, latecomer.post("/partner/" + invite.code, new Form()).statusCode());
        assertEquals(inviteeId, reload(invite).invitee.id);
    }

    @Test
    void differentAnswersAreClearedAndBothChooseAgain() {
        Pair pair = joinedPair("differ", "FRIEND");

        assertEquals(303, choose(pair.inviter(), pair.invite(), "TANDEM").statusCode());
        Response differing = choose(pair.invitee(), pair.invite(), "GROUP");
        assertEquals(303, differing.statusCode());
        PartnerInvite reset = reload(pair.invite());
        assertEquals(PartnerInvite.Status.JOINED, reset.status, "tandem and group do not agree");
        assertNull(reset.inviterChoice, "both answers are cleared");
        assertNull(reset.inviteeChoice);

        // the one who answered second reads why the question is back; the first one is notified
        String inviteePage = pair.invitee().follow(differing).asString();
        assertThat(inviteePage, containsString(Html.en("flash.partner-choices-differed")));
        assertThat(inviteePage, containsString("/partners/" + pair.invite().id + "/choice"));
        long inviterId = personId(pair.inviter());
        assertEquals(1L, Db.tx(() -> Notification.count("person.id = ?1 and kind = ?2", inviterId, NotificationKind.PARTNER_CHOICES_DIFFERED)));
        assertThat(pair.inviter().get("/courses/" + courseId).asString(), containsString("/partners/" + pair.invite().id + "/choice"));
        assertThat(pair.inviter().get("/notifications").asString(), containsString("chose differently"));

        // a second round: this time they agree, and exactly one group is formed
        assertEquals(303, choose(pair.invitee(), pair.invite(), "GROUP").statusCode());
        assertEquals(303, choose(pair.inviter(), pair.invite(), "GROUP").statusCode());
        assertEquals(PartnerInvite.Status.AGREED, reload(pair.invite()).status);
        assertEquals(1L, groupsOf(inviterId));
    }

    @Test
    void aDeclineEndsItAndTheOtherCannotReopenIt() {
        Pair pair = joinedPair("decline", "FRIEND");

        assertEquals(303, choose(pair.invitee(), pair.invite(), "DECLINE").statusCode());
        assertEquals(PartnerInvite.Status.DECLINED, reload(pair.invite()).status);
        assertEquals(PartnerInvite.Choice.DECLINE, reload(pair.invite()).inviteeChoice);

        Response late = choose(pair.inviter(), pair.invite(), "TANDEM");
        assertEquals(409, late.statusCode());
        assertThat(late.asString(), containsString(Html.en("error.partner-already-answered")));
        PartnerInvite declined = reload(pair.invite());
        assertEquals(PartnerInvite.Status.DECLINED, declined.status, "not set back to JOINED");
        assertNull(declined.inviterChoice);
        assertEquals(0L, groupsOf(personId(pair.inviter())));
    }

    @Test
    void aRepeatedAnswerAfterTheAgreementIsRefusedAndFormsNoSecondGroup() {
        Pair pair = joinedPair("twice", "COLLEAGUE");
        long inviterId = personId(pair.inviter());
        long inviteeId = personId(pair.invitee());

        assertEquals(303, choose(pair.inviter(), pair.invite(), "TANDEM").statusCode());
        assertEquals(303, choose(pair.invitee(), pair.invite(), "TANDEM").statusCode());
        assertEquals(PartnerInvite.Status.AGREED, reload(pair.invite()).status);
        long groupsBefore = Db.tx(() -> LearningGroup.count("course.id", courseId));
        long mailsBefore = mailsTo(inviterId) + mailsTo(inviteeId);

        // a double click or the back button re-posts the same answer; the other may post a late one
        for (Browser who : List.of(pair.invitee(), pair.inviter())) {
            Response again = choose(who, pair.invite(), "TANDEM");
            assertEquals(409, again.statusCode());
            assertThat(again.asString(), containsString(Html.en("error.partner-already-answered")));
        }
        assertEquals(409, choose(pair.invitee(), pair.invite(), "DECLINE").statusCode());

        assertEquals(groupsBefore, Db.tx(() -> LearningGroup.count("course.id", courseId)), "no second group");
        assertEquals(1L, groupsOf(inviterId));
        assertEquals(1L, groupsOf(inviteeId));
        assertEquals(mailsBefore, mailsTo(inviterId) + mailsTo(inviteeId), "no second e-mail");
        assertEquals(1L, Db.tx(() -> Notification.count("person.id = ?1 and kind = ?2", inviteeId, NotificationKind.GROUP_FORMED)));
        PartnerInvite agreed = reload(pair.invite());
        assertEquals(PartnerInvite.Status.AGREED, agreed.status);
        assertEquals(PartnerInvite.Choice.TANDEM, agreed.inviteeChoice);
    }

    @Test
    void answeringTwiceBeforeTheOtherIsRefused() {
        Pair pair = joinedPair("change", "FRIEND");

        assertEquals(303, choose(pair.inviter(), pair.invite(), "TANDEM").statusCode());
        assertEquals(409, choose(pair.inviter(), pair.invite(), "GROUP").statusCode());
        assertEquals(PartnerInvite.Choice.TANDEM, reload(pair.invite()).inviterChoice);
        assertEquals(PartnerInvite.Status.JOINED, reload(pair.invite()).status);
    }

    @Test
    void simultaneousAnswersAreBothKept() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 3; round++) {
                Pair pair = joinedPair("race", "FRIEND");
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Integer>> answers = new ArrayList<>();
                for (Browser who : List.of(pair.inviter(), pair.invitee())) {
                    who.get("/courses/" + courseId);
                    answers.add(pool.submit(() -> {
                        start.await();
                        return choose(who, pair.invite(), "TANDEM").statusCode();
                    }));
                }
                start.countDown();
                for (Future<Integer> answer : answers) {
                    assertEquals(303, answer.get(30, TimeUnit.SECONDS));
                }
                assertEquals(PartnerInvite.Status.AGREED, reload(pair.invite()).status, "round " + round + ": neither answer is lost");
                assertEquals(1L, groupsOf(personId(pair.inviter())), "round " + round);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theInviterIsToldWhenSomeoneJoinsThroughTheirLink() {
        Pair pair = joinedPair("told", "FAMILY");
        assertEquals(1L, (long) Db.tx(() -> Notification.count("person.id = ?1 and kind = ?2", personId(pair.inviter()),
                NotificationKind.PARTNER_JOINED)));
    }

    @Test
    void twoPeopleOpeningOneLinkAtTheSameMomentCannotBothUseIt() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 3; round++) {
                PartnerInvite invite = create(enrolled("shared-inviter"), "FRIEND");
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Integer>> joins = new ArrayList<>();
                List<Browser> people = List.of(new Browser(), new Browser());
                for (Browser who : people) {
                    who.signUpNew("shared-invitee");
                    joins.add(pool.submit(() -> {
                        start.await();
                        return who.post("/partner/" + invite.code, new Form()).statusCode();
                    }));
                }
                start.countDown();
                List<Integer> statuses = new ArrayList<>();
                for (Future<Integer> join : joins) {
                    statuses.add(join.get(30, TimeUnit.SECONDS));
                }
                assertTrue(statuses.contains(303) && statuses.contains(404), "round " + round + ": " + statuses);
                Browser joined = people.get(statuses.indexOf(303));
                assertEquals(personId(joined), reload(invite).invitee.id, "round " + round);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFormatTheCourseDoesNotOfferIsNeitherProposedNorAccepted() {
        Browser tandemTeam = new Browser();
        tandemTeam.signUpNew("tandem-only-team");
        long tandemCourse = Courses.create(tandemTeam, Courses.uniqueTitle("TandemOnly"));
        assertEquals(303, tandemTeam.post("/courses/" + tandemCourse + "/manage",
                Courses.validForm(Courses.course(tandemCourse).title).set("formats", "TANDEM")).statusCode());
        Browser inviter = new Browser();
        inviter.signUpNew("tandem-only-inviter");
        Courses.join(inviter, tandemCourse);
        assertEquals(303, inviter.post("/courses/" + tandemCourse + "/partners", Form.of("relationKind", "FRIEND")).statusCode());
        PartnerInvite invite = Db.tx(() -> PartnerInvite.<PartnerInvite>find("inviter.id = ?1", personId(inviter)).firstResult());
        Browser invitee = new Browser();
        invitee.signUpNew("tandem-only-invitee");
        assertEquals(303, invitee.post("/partner/" + invite.code, new Form()).statusCode());

        String page = inviter.get("/courses/" + tandemCourse).asString();
        assertThat(page, containsString("name=\"choice\" value=\"TANDEM\""));
        assertThat(page, not(containsString("name=\"choice\" value=\"GROUP\"")));

        String path = "/courses/" + tandemCourse + "/partners/" + invite.id + "/choice";
        Response refused = inviter.post(path, Form.of("choice", "GROUP"));
        assertEquals(400, refused.statusCode());
        assertThat(refused.asString(), containsString(Html.en("error.format-not-offered")));
        PartnerInvite unchanged = reload(invite);
        assertNull(unchanged.inviterChoice);
        assertNull(unchanged.inviteeChoice);
        assertEquals(PartnerInvite.Status.JOINED, unchanged.status);
        assertEquals(303, inviter.post(path, Form.of("choice", "TANDEM")).statusCode(), "the offered format still works");
    }

    @Test
    void theInviteeReadsASentenceWrittenForThem() {
        Browser inviter = new Browser();
        inviter.signUp(Browser.uniqueEmail("sentence-inviter"), "Camille Inviter", Browser.DEFAULT_PASSWORD);
        Courses.join(inviter, courseId);
        Browser invitee = new Browser();
        invitee.signUp(Browser.uniqueEmail("sentence-invitee"), "Dominique Invitee", Browser.DEFAULT_PASSWORD);
        PartnerInvite invite = createAndAccept(inviter, invitee, "COLLEAGUE");

        String inviteePage = invitee.get("/courses/" + courseId).asString();
        assertThat(inviteePage, containsString("You joined the course through the personal link of Camille (Colleague)."));
        assertThat(inviteePage, not(containsString("through your link")));
        assertThat(inviter.get("/courses/" + courseId).asString(), containsString("Dominique (Colleague) joined the course through your link."));

        choose(invitee, invite, "TANDEM");
        String waiting = invitee.get("/courses/" + courseId).asString();
        assertThat(waiting, containsString("You joined the course through the personal link of Camille."));
        assertThat(waiting, not(containsString("Camille joined the course")));

        String french = invitee.acceptLanguage("fr").get("/courses/" + courseId).asString();
        assertThat(french, containsString("Vous avez rejoint le cours par le lien personnel de Camille."));
    }

    @Test
    void bothChoosingGroupAgrees() {
        Pair pair = joinedPair("group", "FAMILY");
        choose(pair.invitee(), pair.invite(), "GROUP");
        choose(pair.inviter(), pair.invite(), "GROUP");
        assertEquals(PartnerInvite.Status.AGREED, reload(pair.invite()).status);
        // a study group of two is started and waits for late joiners from rolling matching
        long inviterId = reload(pair.invite()).inviter.id;
        List<GroupMember> memberships = Db.tx(() -> GroupMember.<GroupMember>list("person.id", inviterId));
        assertEquals(1, memberships.size());
        assertEquals(LearningGroup.Status.REFILLING, Db.tx(() -> LearningGroup.<LearningGroup>findById(memberships.get(0).group.id).status));
    }

    @Test
    void aThirdPersonCannotAnswerAndUnknownChoicesAreRefused() {
        Pair pair = joinedPair("third", "CLASSMATE");

        Browser third = enrolled("third-person");
        assertEquals(404, choose(third, pair.invite(), "DECLINE").statusCode());
        assertEquals(404, choose(team, pair.invite(), "DECLINE").statusCode(), "not even the course team");
        assertEquals(404, pair.inviter().post("/courses/" + (courseId + 100000) + "/partners/" + pair.invite().id + "/choice",
                Form.of("choice", "TANDEM")).statusCode(), "the invite belongs to another course id");
        assertEquals(400, choose(pair.inviter(), pair.invite(), "MARRY").statusCode());
        PartnerInvite unchanged = reload(pair.invite());
        assertEquals(PartnerInvite.Status.JOINED, unchanged.status);
        assertNull(unchanged.inviterChoice);
        assertNull(unchanged.inviteeChoice);
    }

    @Test
    void anOpenInviteCannotBeAnswered() {
        Browser inviter = enrolled("open-inviter");
        PartnerInvite invite = create(inviter, "FRIEND");
        assertEquals(404, choose(inviter, invite, "TANDEM").statusCode());
        assertEquals(PartnerInvite.Status.OPEN, reload(invite).status);
    }

    @Test
    void ownLinkIsRefused() {
        Browser inviter = enrolled("own-link");
        PartnerInvite invite = create(inviter, "FRIEND");
        Response response = inviter.post("/partner/" + invite.code, new Form());
        assertEquals(409, response.statusCode());
        assertThat(response.asString(), containsString(Html.en("error.own-invite")));
        assertEquals(PartnerInvite.Status.OPEN, reload(invite).status);
        assertNull(reload(invite).invitee);
    }

    @Test
    void unknownCodeIs404() {
        Browser someone = new Browser();
        someone.signUpNew("partner-404");
        assertEquals(404, new Browser().get("/partner/no-such-code").statusCode());
        assertEquals(404, someone.post("/partner/no-such-code", new Form()).statusCode());
        assertEquals(404, someone.get("/partner/" + "y".repeat(41)).statusCode());
    }

    /** A course, its team, and a learner of it who made a personal link for a friend. */
    private record OpenInvite(long course, Browser team, Browser inviter, PartnerInvite invite) {
    }

    private static OpenInvite openInvite(String name) {
        Browser team = new Browser();
        team.signUpNew(name + "-partner-team");
        long course = Courses.create(team, Courses.uniqueTitle(name));
        Browser inviter = new Browser();
        inviter.signUpNew(name + "-inviter");
        Courses.join(inviter, course);
        inviter.post("/courses/" + course + "/partners", Form.of("relationKind", "FRIEND"));
        return new OpenInvite(course, team, inviter,
                Db.tx(() -> PartnerInvite.<PartnerInvite>find("inviter.id = ?1", personId(inviter)).firstResult()));
    }

    /** A newcomer opens the link: told why at once, refused anyway, not enrolled, and the link stays open. */
    private static void newcomerIsRefused(OpenInvite open, String errorKey) {
        String visitorPage = new Browser().get("/partner/" + open.invite().code).asString();
        assertThat("before signing up for nothing", visitorPage, containsString(Html.en(errorKey)));
        assertThat(visitorPage, not(containsString("/signup?next=")));
        Browser invitee = new Browser();
        invitee.signUpNew("refused-invitee");
        String page = invitee.get("/partner/" + open.invite().code).asString();
        assertThat(page, containsString(Html.en(errorKey)));
        assertThat(page, not(containsString("action=\"/partner/")));
        Response response = invitee.post("/partner/" + open.invite().code, new Form());
        assertEquals(409, response.statusCode());
        assertThat(response.asString(), containsString(Html.en(errorKey)));
        assertTrue(Db.tx(() -> Enrolment.find(open.course(), personId(invitee)).isEmpty()));
        assertEquals(PartnerInvite.Status.OPEN, reload(open.invite()).status);
    }

    @Test
    void anEndedCourseTakesNoNewPartnerLinksAndItsOpenOnesNoLongerLetAnyoneIn() {
        OpenInvite open = openInvite("EndedPartners");
        long course = open.course();
        Browser inviter = open.inviter();
        assertThat(inviter.get("/courses/" + course).asString(), containsString("/courses/" + course + "/partners\""));
        Db.run(() -> Course.<Course>findById(course).endDate = LocalDate.now(ZoneOffset.UTC).minusDays(1));

        String coursePage = inviter.get("/courses/" + course).asString();
        assertThat("no new link offered", coursePage, not(containsString("/courses/" + course + "/partners\"")));
        assertThat("the open one is still listed, without its link", coursePage,
                containsString("Personal link (Friend), not used before the course ended: it no longer lets anyone join."));
        assertThat(coursePage, not(containsString(open.invite().code)));
        String invitePage = inviter.get("/courses/" + course + "/partners").asString();
        assertThat(invitePage, containsString(Html.en("error.course-ended")));
        assertThat(invitePage, not(containsString("action=\"/courses/" + course + "/partners\"")));
        Response refused = inviter.post("/courses/" + course + "/partners", Form.of("relationKind", "FRIEND"));
        assertEquals(400, refused.statusCode());
        assertEquals(1L, Db.tx(() -> PartnerInvite.count("inviter.id", personId(inviter))), "nothing stored");

        newcomerIsRefused(open, "error.course-ended");
    }

    @Test
    void closedCourseRefusesNewLearnersThroughPartnerLinks() {
        OpenInvite open = openInvite("ClosedPartners");
        open.team().post("/courses/" + open.course() + "/manage", Courses.validForm(Courses.course(open.course()).title).without("signupOpen"));

        newcomerIsRefused(open, "error.signup-closed");
    }

    @Test
    void atMostFiveUnusedLinks() {
        Browser inviter = enrolled("many-links");
        for (int i = 0; i < 5; i++) {
            assertEquals(303, inviter.post("/courses/" + courseId + "/partners", Form.of("relationKind", "FRIEND")).statusCode());
        }
        Response sixth = inviter.post("/courses/" + courseId + "/partners", Form.of("relationKind", "FRIEND"));
        assertEquals(400, sixth.statusCode());
        assertThat(sixth.asString(), containsString(Html.en("error.too-many-invites")));
        assertEquals(5L, invitesOf(inviter));
    }

    private static Browser enrolled(String prefix) {
        Browser browser = new Browser();
        browser.signUpNew(prefix);
        Courses.join(browser, courseId);
        return browser;
    }

    private static PartnerInvite create(Browser inviter, String kind) {
        long before = invitesOf(inviter);
        assertEquals(303, inviter.post("/courses/" + courseId + "/partners", Form.of("relationKind", kind)).statusCode());
        assertEquals(before + 1, invitesOf(inviter));
        return Db.tx(() -> PartnerInvite.<PartnerInvite>find("inviter.id = ?1 order by id desc", personId(inviter)).firstResult());
    }

    /** An inviter and an invitee who joined through the inviter's link; neither has answered yet. */
    private record Pair(Browser inviter, Browser invitee, PartnerInvite invite) {
    }

    private static Pair joinedPair(String prefix, String kind) {
        Browser inviter = enrolled(prefix + "-inviter");
        Browser invitee = new Browser();
        invitee.signUpNew(prefix + "-invitee");
        return new Pair(inviter, invitee, createAndAccept(inviter, invitee, kind));
    }

    private static PartnerInvite createAndAccept(Browser inviter, Browser invitee, String kind) {
        PartnerInvite invite = create(inviter, kind);
        assertEquals(303, invitee.post("/partner/" + invite.code, new Form()).statusCode());
        return reload(invite);
    }

    private static Response choose(Browser who, PartnerInvite invite, String choice) {
        return who.post("/courses/" + courseId + "/partners/" + invite.id + "/choice", Form.of("choice", choice));
    }

    private static PartnerInvite reload(PartnerInvite invite) {
        return Db.tx(() -> PartnerInvite.<PartnerInvite>findById(invite.id));
    }

    /** How many groups the person is a member of in the shared course. */
    private static long groupsOf(long personId) {
        return Db.tx(() -> GroupMember.count("group.course.id = ?1 and person.id = ?2", courseId, personId));
    }

    private static long mailsTo(long personId) {
        return Db.tx(() -> MailOutbox.count("recipient", Person.<Person>findById(personId).email));
    }

    private static long invitesOf(Browser person) {
        long id = personId(person);
        return Db.tx(() -> PartnerInvite.count("inviter.id", id));
    }

    private static long personId(Browser browser) {
        String session = browser.cookie(Browser.SESSION_COOKIE);
        return Long.parseLong(session.substring(0, session.indexOf(':')));
    }

    static Person person(long id) {
        return Db.tx(() -> Person.<Person>findById(id));
    }
}
