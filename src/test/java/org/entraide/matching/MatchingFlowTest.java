package org.entraide.matching;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.entraide.availability.WeekMask;
import org.entraide.course.Course;
import org.entraide.group.GroupMember;
import org.entraide.group.LearningGroup;
import org.entraide.notify.Notification;
import org.entraide.notify.NotificationKind;
import org.entraide.profile.Enrolment;
import org.entraide.profile.Format;
import org.entraide.profile.PartnerInvite;
import org.entraide.testing.Browser;
import org.entraide.testing.Db;
import org.entraide.testing.Form;
import org.entraide.testing.Groups;
import org.entraide.testing.Groups.Learner;
import org.entraide.testing.Groups.TestCourse;
import org.entraide.testing.Html;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** The loop learners and course teams live in: run, preview, adjust, publish, consent, group page, leave, refill, expiry. */
@QuarkusTest
class MatchingFlowTest {

    @Inject
    RollingMatching rolling;

    static long proposalOf(long personId, long runId) {
        return Db.tx(() -> ProposalMember.<ProposalMember>find("person.id = ?1 and proposal.run.id = ?2", personId, runId)
                .firstResult().proposal.id);
    }

    /** A lone learner forms no tandem: the preview offers nothing to publish, says why, and can be discarded. */
    @Test
    void aPreviewWithoutProposalsOffersOnlyToDiscardIt() {
        TestCourse course = Groups.course("TANDEM", 3);
        Groups.storedLearners(course, "TANDEM", 1);
        long runId = Groups.run(course, "TANDEM");
        String runPath = "/courses/" + course.id() + "/manage/matching/runs/" + runId;

        String preview = course.team().get(runPath).then().statusCode(200).extract().asString();
        assertThat(preview, containsString(Html.en("preview.nothing-to-publish")));
        assertThat(preview, not(containsString(runPath + "/publish")));
        assertThat(preview, containsString(runPath + "/discard"));
        // with the city, as proposals name their members: two learners of the same first name are told apart
        assertThat(preview, containsString("Stored0 · Paris, France — " + Html.en("unmatched.TOO_FEW_WAITING")));

        course.team().post(runPath + "/discard", new Form()).then().statusCode(303);
        assertEquals(MatchingRun.Status.DISCARDED, Db.tx(() -> MatchingRun.<MatchingRun>findById(runId).status));
    }

    @Test
    void tandemIsPreviewedPublishedAcceptedAndGetsAGroupPage() {
        TestCourse course = Groups.course("TANDEM", 3);
        Learner ada = Groups.learner(course, "Ada", "TANDEM");
        Learner bea = Groups.learner(course, "Bea", "TANDEM");

        course.team().get("/courses/" + course.id() + "/manage/matching").then().statusCode(200)
                .body(containsString("2 learners waiting"));
        long runId = Groups.run(course, "TANDEM");
        String preview = "/courses/" + course.id() + "/manage/matching/runs/" + runId;
        course.team().get(preview).then().statusCode(200).body(containsString("Ada"), containsString("Bea"),
                containsString("2 of 2 waiting learners placed"), containsString("They are both free on"), not(containsString("You are both")));

        // nothing is sent before publishing
        ada.browser().get("/courses/" + course.id() + "/matches").then().statusCode(200).body(not(containsString("Bea")));
        String proposed = "We found partners for you: tell them yes or no on “My matches”.";
        assertThat(ada.browser().get("/courses/" + course.id()).asString(), not(containsString(proposed)));
        assertEquals(303, course.team().post(preview + "/publish").statusCode());
        ada.browser().get("/courses/" + course.id()).then().statusCode(200)
                .body(containsString(proposed), not(containsString(Html.en("enrolment.status.WAITING"))), containsString("1 waiting for your answer"));

        ada.browser().get("/courses/" + course.id() + "/matches").then().statusCode(200)
                .body(containsString("Bea"), containsString("Paris, France"), not(containsString(bea.email())),
                        containsString("You are both free on"),
                        // the deadline in her own zone, to the minute, as other times on her pages
                        matchesPattern("(?s).*Please answer before [A-Z][a-z]+day, [A-Z][a-z]+ \\d{1,2}, \\d{4}, \\d{1,2}:\\d{2}\\W?[AP]M \\(Europe/Paris\\)\\..*"));
        // the partner's city is named in the reader's language
        Db.run(() -> {
            Enrolment beaInLondon = Enrolment.find(course.id(), bea.personId()).orElseThrow();
            beaInLondon.placeId = 2643743L;
            beaInLondon.placeName = "London, United Kingdom";
        });
        assertThat(ada.browser().acceptLanguage("fr").get("/courses/" + course.id() + "/matches").asString(),
                containsString("London, Royaume-Uni"));
        assertThat(ada.browser().acceptLanguage(null).get("/courses/" + course.id() + "/matches").asString(),
                containsString("London, United Kingdom"));
        long proposalId = proposalOf(ada.personId(), runId);
        Response first = ada.browser().post("/courses/" + course.id() + "/matches/" + proposalId + "/accept");
        assertEquals("/courses/" + course.id() + "/matches", Browser.locationPath(first));
        Response second = bea.browser().post("/courses/" + course.id() + "/matches/" + proposalId + "/accept");
        assertTrue(Browser.locationPath(second).startsWith("/groups/"), Browser.localLocation(second));
        String groupPath = Browser.locationPath(second);

        // contacts are revealed to members once everyone accepted
        ada.browser().get(groupPath).then().statusCode(200).body(containsString(bea.email()), containsString("Europe/Paris"));
        assertEquals(Enrolment.Status.MATCHED, Db.tx(() -> Enrolment.find(course.id(), ada.personId()).orElseThrow().status));
        // the group page is private: strangers and the course team get a 404
        Browser stranger = new Browser();
        stranger.signUpNew("stranger");
        stranger.get(groupPath).then().statusCode(404);
        course.team().get(groupPath).then().statusCode(404);
        // a proposal not addressed to you cannot be answered
        stranger.post("/courses/" + course.id() + "/matches/" + proposalId + "/accept").then().statusCode(404);
    }

    @Test
    void aDeclineSendsTheOthersBackAndNeverProposesTheSamePeopleAgain() {
        TestCourse course = Groups.course("TANDEM", 3);
        Learner cleo = Groups.learner(course, "Cleo", "TANDEM");
        Learner dan = Groups.learner(course, "Dan", "TANDEM");
        long proposalId = Groups.publishedProposal(course, "TANDEM", cleo);

        Response declined = dan.browser().post("/courses/" + course.id() + "/matches/" + proposalId + "/decline", "reason", "Different goals");
        assertEquals(303, declined.statusCode());
        assertEquals(Proposal.Status.DECLINED, Db.tx(() -> Proposal.<Proposal>findById(proposalId).status));
        assertEquals("Different goals", Db.tx(() -> ProposalMember.<ProposalMember>find("proposal.id = ?1 and person.id = ?2",
                proposalId, dan.personId()).firstResult().declineReason));

        // both wait again, but are not proposed to each other
        long second = Groups.run(course, "TANDEM");
        assertEquals(0L, (long) Db.tx(() -> Proposal.count("run.id = ?1 and status <> ?2", second, Proposal.Status.WITHDRAWN)));
        course.team().get("/courses/" + course.id() + "/manage/matching/runs/" + second).then()
                .body(containsString("people who must not be matched together"));
    }

    @Test
    void silenceUntilTheConsentWindowEndsCountsAsADecline() {
        TestCourse course = Groups.course("TANDEM", 3);
        Learner eve = Groups.learner(course, "Eve", "TANDEM");
        Learner fay = Groups.learner(course, "Fay", "TANDEM");
        long proposalId = Groups.publishedProposal(course, "TANDEM", eve);
        eve.browser().post("/courses/" + course.id() + "/matches/" + proposalId + "/accept");
        Db.run(() -> Proposal.<Proposal>findById(proposalId).expiresAt = Instant.now().minusSeconds(60));

        assertTrue(rolling.expireProposals() >= 1);
        assertEquals(Proposal.Status.EXPIRED, Db.tx(() -> Proposal.<Proposal>findById(proposalId).status));
        assertEquals(Enrolment.Status.PAUSED, Db.tx(() -> Enrolment.find(course.id(), fay.personId()).orElseThrow().status));
        assertEquals(Enrolment.Status.WAITING, Db.tx(() -> Enrolment.find(course.id(), eve.personId()).orElseThrow().status));
        fay.browser().post("/courses/" + course.id() + "/matches/" + proposalId + "/accept").then().statusCode(409);
    }

    @Test
    void expiryPausesOnlyTheSilentMembersStillWaiting() {
        TestCourse course = Groups.course("TANDEM", 3);
        Learner gil = Groups.learner(course, "Gil", "TANDEM");
        Learner hana = Groups.learner(course, "Hana", "TANDEM");
        long proposalId = Groups.publishedProposal(course, "TANDEM", gil);
        // neither answers; meanwhile Hana joined a group by another way (e.g. with a partner)
        Db.run(() -> {
            Proposal.<Proposal>findById(proposalId).expiresAt = Instant.now().minusSeconds(60);
            Enrolment.find(course.id(), hana.personId()).orElseThrow().status = Enrolment.Status.MATCHED;
        });

        assertTrue(rolling.expireProposals() >= 1);
        assertEquals(Proposal.Status.EXPIRED, Db.tx(() -> Proposal.<Proposal>findById(proposalId).status));
        assertEquals(Enrolment.Status.PAUSED, Db.tx(() -> Enrolment.find(course.id(), gil.personId()).orElseThrow().status));
        assertEquals(Enrolment.Status.MATCHED, Db.tx(() -> Enrolment.find(course.id(), hana.personId()).orElseThrow().status),
                "someone already in a group is not paused");
    }

    @Test
    void aGroupBelowItsMinimumIsRefilledByALateJoiner() {
        TestCourse course = Groups.course("STUDY_GROUP", 3);
        List<Learner> members = Groups.learners(course, "STUDY_GROUP", "Gus", "Hal", "Ivy", "Jan");
        long groupId = Groups.formGroup(course, "STUDY_GROUP", members);
        assertEquals(4, Db.tx(() -> GroupMember.current(groupId).size()));

        // two leave: the group falls below 3 and waits for new members
        members.get(0).browser().post("/groups/" + groupId + "/leave", "reason", "No time").then().statusCode(303);
        members.get(1).browser().post("/groups/" + groupId + "/leave").then().statusCode(303);
        assertEquals(LearningGroup.Status.REFILLING, Db.tx(() -> LearningGroup.<LearningGroup>findById(groupId).status));
        members.get(2).browser().get("/groups/" + groupId).then().body(containsString("below its minimum"));
        members.get(0).browser().get("/groups/" + groupId).then().statusCode(404);

        Learner late = Groups.learner(course, "Kim", "STUDY_GROUP");
        long refill = publishedRefill(course, late, groupId);
        Response accepted = late.browser().post("/courses/" + course.id() + "/matches/" + refill + "/accept");
        assertEquals("/groups/" + groupId, Browser.locationPath(accepted));
        assertEquals(LearningGroup.Status.ACTIVE, Db.tx(() -> LearningGroup.<LearningGroup>findById(groupId).status));
        assertEquals(3, Db.tx(() -> GroupMember.current(groupId).size()));
    }

    @Test
    void aMemberWhoLeavesWhileARefillIsAskedIsNotToldOfItAndTheGroupWaitsForMore() {
        TestCourse course = Groups.course("STUDY_GROUP", 4);
        List<Learner> members = Groups.learners(course, "STUDY_GROUP", "Lou", "Mia", "Ned", "Oda", "Pia");
        long groupId = Groups.formGroup(course, "STUDY_GROUP", members);
        assertEquals(5, Db.tx(() -> GroupMember.current(groupId).size()));
        members.get(0).browser().post("/groups/" + groupId + "/leave").then().statusCode(303);
        members.get(1).browser().post("/groups/" + groupId + "/leave").then().statusCode(303);
        assertEquals(LearningGroup.Status.REFILLING, Db.tx(() -> LearningGroup.<LearningGroup>findById(groupId).status));

        Learner late = Groups.learner(course, "Quy", "STUDY_GROUP");
        long refill = publishedRefill(course, late, groupId);
        // Ned leaves while Quy is being asked: 2 members and Quy make 3, still below the minimum of 4
        Learner leaver = members.get(2);
        leaver.browser().post("/groups/" + groupId + "/leave").then().statusCode(303);
        late.browser().post("/courses/" + course.id() + "/matches/" + refill + "/accept").then().statusCode(303);

        assertEquals(3, Db.tx(() -> GroupMember.current(groupId).size()));
        assertEquals(LearningGroup.Status.REFILLING, Db.tx(() -> LearningGroup.<LearningGroup>findById(groupId).status),
                "still looking for a fourth member");
        assertEquals(0L, refilledNotices(leaver), "the leaver is not told the group was refilled");
        assertEquals(1L, refilledNotices(members.get(3)));
        assertEquals(1L, refilledNotices(members.get(4)));
    }

    @Test
    void aRefillProposalLeftOpenOnADissolvedGroupCannotReviveIt() {
        TestCourse course = Groups.course("STUDY_GROUP", 3);
        List<Learner> members = Groups.learners(course, "STUDY_GROUP", "Rae", "Sol", "Tia");
        long groupId = Groups.formGroup(course, "STUDY_GROUP", members);
        members.get(0).browser().post("/groups/" + groupId + "/leave").then().statusCode(303);
        Learner late = Groups.learner(course, "Uma", "STUDY_GROUP");
        long refill = publishedRefill(course, late, groupId);
        // dissolving withdraws its refill proposals; this one was missed (as by a write that did not reach it)
        Db.run(() -> LearningGroup.<LearningGroup>findById(groupId).status = LearningGroup.Status.DISSOLVED);

        Response refused = late.browser().post("/courses/" + course.id() + "/matches/" + refill + "/accept");
        assertEquals(409, refused.statusCode());
        assertEquals(LearningGroup.Status.DISSOLVED, Db.tx(() -> LearningGroup.<LearningGroup>findById(groupId).status));
        assertFalse(Db.tx(() -> GroupMember.currentMembership(groupId, late.personId()).isPresent()), "Uma is not seated");
    }

    @Test
    void partnersFormingTheirTandemWithdrawTheirProposalsWithOthers() {
        TestCourse course = Groups.course("TANDEM", 3);
        Learner vic = Groups.learner(course, "Vic", "TANDEM");
        Learner wen = Groups.learner(course, "Wen", "TANDEM");
        long proposalId = Groups.publishedProposal(course, "TANDEM", vic);

        // Vic brings a partner; both choose a tandem together while Wen has not answered yet
        String partners = "/courses/" + course.id() + "/partners";
        vic.browser().post(partners, "relationKind", "FRIEND").then().statusCode(303);
        PartnerInvite invite = Db.tx(() -> PartnerInvite.<PartnerInvite>find("inviter.id = ?1", vic.personId()).firstResult());
        Browser xia = new Browser();
        xia.signUpNew("xia");
        xia.post("/partner/" + invite.code).then().statusCode(303);
        vic.browser().post(partners + "/" + invite.id + "/choice", "choice", "TANDEM").then().statusCode(303);
        xia.post(partners + "/" + invite.id + "/choice", "choice", "TANDEM").then().statusCode(303);

        assertEquals(Proposal.Status.WITHDRAWN, Db.tx(() -> Proposal.<Proposal>findById(proposalId).status));
        assertEquals(1L, (long) Db.tx(() -> Notification.count("person.id = ?1 and kind = ?2", wen.personId(),
                NotificationKind.PROPOSAL_WITHDRAWN)), "Wen is told");
        assertEquals(0L, (long) Db.tx(() -> Notification.count("person.id = ?1 and kind = ?2", vic.personId(),
                NotificationKind.PROPOSAL_WITHDRAWN)), "Vic knows");
        assertEquals(Enrolment.Status.WAITING, Db.tx(() -> Enrolment.find(course.id(), wen.personId()).orElseThrow().status));
        assertEquals(404, vic.browser().post("/courses/" + course.id() + "/matches/" + proposalId + "/accept").statusCode(),
                "Vic cannot join a second tandem");
        assertEquals(1L, (long) Db.tx(() -> GroupMember.count("person.id = ?1 and leftAt is null", vic.personId())));
    }

    /** Runs the matching, which proposes the late learner to the group, and publishes it; returns that proposal. */
    private static long publishedRefill(TestCourse course, Learner late, long groupId) {
        long refillRun = Groups.run(course, "STUDY_GROUP");
        long refill = proposalOf(late.personId(), refillRun);
        assertEquals(groupId, (long) Db.tx(() -> Proposal.<Proposal>findById(refill).targetGroup.id));
        course.team().post("/courses/" + course.id() + "/manage/matching/runs/" + refillRun + "/publish").then().statusCode(303);
        return refill;
    }

    private static long refilledNotices(Learner learner) {
        return Db.tx(() -> Notification.count("person.id = ?1 and kind = ?2", learner.personId(), NotificationKind.GROUP_REFILLED));
    }

    @Test
    void previewAdjustmentsAreRecheckedAndBlockPublishingWhileARuleIsBroken() {
        TestCourse course = Groups.course("TANDEM", 3);
        Learner lea = Groups.learner(course, "Lea", "TANDEM");
        Groups.learner(course, "Max", "TANDEM");
        long runId = Groups.run(course, "TANDEM");
        String preview = "/courses/" + course.id() + "/manage/matching/runs/" + runId;
        long proposalId = proposalOf(lea.personId(), runId);
        long memberId = Db.tx(() -> ProposalMember.<ProposalMember>find("proposal.id = ?1 and person.id = ?2", proposalId, lea.personId())
                .firstResult().id);

        assertEquals(303, course.team().post(preview + "/split", "proposal", String.valueOf(proposalId)).statusCode());
        course.team().get(preview).then().body(containsString("does not fit the format"));
        Response refused = course.team().post(preview + "/publish");
        assertEquals(400, refused.statusCode());
        assertEquals(Proposal.Status.DRAFT, Db.tx(() -> Proposal.<Proposal>findById(proposalId).status));

        long other = Db.tx(() -> Proposal.<Proposal>list("run.id = ?1 and status = ?2 and id <> ?3", runId, Proposal.Status.DRAFT, proposalId)
                .get(0).id);
        assertEquals(303, course.team().post(preview + "/merge", "proposal", String.valueOf(proposalId), "other", String.valueOf(other))
                .statusCode());
        assertEquals(303, course.team().post(preview + "/publish").statusCode());
        assertEquals(Proposal.Status.PENDING, Db.tx(() -> Proposal.<Proposal>findById(proposalId).status));
        assertNotNull(memberId);
    }

    @Test
    void learnersAndOtherCourseTeamsCannotOpenTheMatchingPages() {
        TestCourse course = Groups.course("TANDEM", 3);
        Learner learner = Groups.learner(course, "Ned", "TANDEM");
        learner.browser().get("/courses/" + course.id() + "/manage/matching").then().statusCode(403);
        learner.browser().post("/courses/" + course.id() + "/manage/matching/runs", "format", "TANDEM").then().statusCode(403);
        TestCourse other = Groups.course("TANDEM", 3);
        other.team().get("/courses/" + course.id() + "/manage/matching").then().statusCode(404);
        other.team().get("/courses/" + course.id() + "/manage/rules").then().statusCode(404);
        assertEquals(0L, (long) Db.tx(() -> MatchingRun.count("course.id", course.id())));
    }

    @Test
    void learnersWhoWaitedTooLongGetRelaxedRulesAndAreToldSo() {
        TestCourse course = Groups.course("TANDEM", 3);
        // one common hour only, where the course asks for two
        WeekMask oneHour = WeekMask.of(WeekMask.index(1, 19));
        Learner oli = Groups.learner(course, "Oli", "TANDEM", oneHour.with(WeekMask.index(2, 8)));
        Learner pia = Groups.learner(course, "Pia", "TANDEM", oneHour.with(WeekMask.index(3, 8)));
        Db.run(() -> Enrolment.<Enrolment>list("course.id", course.id())
                .forEach(e -> e.waitingSince = Instant.now().minus(Duration.ofDays(10))));

        long runId = Groups.run(course, "TANDEM");
        long proposalId = proposalOf(oli.personId(), runId);
        assertEquals("hours:1,radius:150", Db.tx(() -> Proposal.<Proposal>findById(proposalId).relaxation));
        course.team().get("/courses/" + course.id() + "/manage/matching/runs/" + runId).then().body(containsString("They waited a long time"));
        course.team().post("/courses/" + course.id() + "/manage/matching/runs/" + runId + "/publish").then().statusCode(303);
        pia.browser().get("/courses/" + course.id() + "/matches").then().body(containsString("You waited a long time"));
    }

    @Test
    void oneFormatFailingDoesNotKeepRollingMatchingFromTheCoursesOtherFormats() {
        TestCourse course = Groups.course("TANDEM,STUDY_GROUP", 3);
        Learner wes = Groups.learner(course, "Wes", "TANDEM");
        Groups.learner(course, "Xan", "TANDEM");
        for (String name : List.of("Yul", "Zed", "Abe")) {
            Groups.learner(course, name, "STUDY_GROUP");
        }
        Db.run(() -> {
            // a week that cannot be read (damaged by hand in the database): the tandem pool cannot be read
            Enrolment.find(course.id(), wes.personId()).orElseThrow().localWeek = "g".repeat(42);
            Course.<Course>findById(course.id()).rollingEnabled = true;
        });

        rolling.runDue();
        assertEquals(0L, (long) Db.tx(() -> MatchingRun.count("course.id = ?1 and format = ?2", course.id(), Format.TANDEM)),
                "the failed tandem run left nothing behind");
        assertEquals(1L, (long) Db.tx(() -> Proposal.count("course.id = ?1 and format = ?2 and status = ?3", course.id(),
                Format.STUDY_GROUP, Proposal.Status.PENDING)), "the study group was still proposed");
    }

    @Test
    void rollingMatchingRecordsNoRunForAFormatNobodyWaitsFor() {
        TestCourse course = Groups.course("TANDEM,STUDY_GROUP", 3);
        Groups.learner(course, "Ida", "TANDEM");
        Groups.learner(course, "Jon", "TANDEM");
        Db.run(() -> Course.<Course>findById(course.id()).rollingEnabled = true);

        rolling.runDue();
        assertEquals(1L, (long) Db.tx(() -> MatchingRun.count("course.id = ?1 and format = ?2", course.id(), Format.TANDEM)));
        assertEquals(0L, (long) Db.tx(() -> MatchingRun.count("course.id = ?1 and format = ?2", course.id(), Format.STUDY_GROUP)),
                "nobody waits for a study group: no empty run in the team's history");
    }

    @Test
    void rollingMatchingRunsOnceEvenWhenTwoInstancesStartItTogether() throws Exception {
        TestCourse course = Groups.course("TANDEM", 3);
        Groups.learner(course, "Quin", "TANDEM");
        Groups.learner(course, "Rae", "TANDEM");
        Db.run(() -> Course.<Course>findById(course.id()).rollingEnabled = true);

        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<Integer> instance = rolling::runDue;
            List<Future<Integer>> results = pool.invokeAll(List.of(instance, instance));
            for (Future<Integer> result : results) {
                result.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1L, (long) Db.tx(() -> MatchingRun.count("course.id = ?1 and rolling = true", course.id())));
        assertEquals(1L, (long) Db.tx(() -> Proposal.count("course.id = ?1 and status = ?2", course.id(), Proposal.Status.PENDING)));
        // a second pass before the cadence has elapsed does nothing
        rolling.runDue();
        assertEquals(1L, (long) Db.tx(() -> MatchingRun.count("course.id = ?1 and rolling = true", course.id())));
    }
}
