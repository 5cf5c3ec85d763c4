package org.entraide.course;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.entraide.group.LearningGroup;
import org.entraide.matching.MatchingService;
import org.entraide.matching.Proposal;
import org.entraide.notify.Notification;
import org.entraide.notify.NotificationKind;
import org.entraide.profile.Enrolment;
import org.entraide.profile.PartnerInvite;
import org.entraide.testing.Browser;
import org.entraide.testing.Courses;
import org.entraide.testing.Db;
import org.entraide.testing.Form;
import org.entraide.testing.Groups;
import org.entraide.testing.Groups.Learner;
import org.entraide.testing.Groups.TestCourse;
import org.entraide.testing.Html;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** A learner takes a break from matching, or leaves the course altogether. */
@QuarkusTest
class PauseAndLeaveTest {

    @Inject
    MatchingService matching;

    @Test
    void aWaitingLearnerPausesMatchingAndResumesIt() {
        TestCourse course = Groups.course("TANDEM", 3);
        Learner ana = Groups.learner(course, "Ana", "TANDEM");
        Groups.learner(course, "Ben", "TANDEM");
        String page = "/courses/" + course.id();
        assertThat(ana.browser().get(page).asString(), containsString("action=\"" + page + "/pause\""));

        Response paused = ana.browser().post(page + "/pause", new Form());
        assertEquals(303, paused.statusCode());
        assertThat(ana.browser().follow(paused).asString(), containsString(Html.en("flash.matching-paused")));
        assertEquals(Enrolment.Status.PAUSED, status(course, ana));
        assertThat(ana.browser().get(page).asString(), containsString("action=\"" + page + "/resume\""));

        // left out of the next run: Ben alone makes no tandem
        long runId = Groups.run(course, "TANDEM");
        assertEquals(0L, (long) Db.tx(() -> Proposal.count("run.id", runId)));
        course.team().post(page + "/manage/matching/runs/" + runId + "/discard").then().statusCode(303);

        ana.browser().post(page + "/resume", new Form()).then().statusCode(303);
        assertEquals(Enrolment.Status.WAITING, status(course, ana));
    }

    @Test
    void leavingNeedsTheConfirmationThenDeclinesOpenProposalsAndDeletesTheProfile() {
        TestCourse course = Groups.course("TANDEM", 3);
        Learner cai = Groups.learner(course, "Cai", "TANDEM");
        Learner dee = Groups.learner(course, "Dee", "TANDEM");
        long proposalId = Groups.publishedProposal(course, "TANDEM", cai);
        String page = "/courses/" + course.id();

        Response unconfirmed = cai.browser().post(page + "/leave", new Form());
        assertEquals(400, unconfirmed.statusCode());
        assertThat(unconfirmed.asString(), containsString("<p class=\"error\" id=\"f-confirm-error\">" + Html.en("error.confirm-leave") + "</p>"));
        assertEquals(Enrolment.Status.WAITING, status(course, cai), "nothing changed");
        assertEquals(Proposal.Status.PENDING, Db.tx(() -> Proposal.<Proposal>findById(proposalId).status));

        Response left = cai.browser().post(page + "/leave", Form.of("confirm", "yes"));
        assertEquals(303, left.statusCode());
        assertEquals("/courses", Browser.locationPath(left));
        String courses = cai.browser().follow(left).asString();
        assertThat(courses, containsString(Html.en("flash.course-left")));
        assertThat(courses, not(containsString("href=\"" + page + "\"")));
        assertTrue(Db.tx(() -> Enrolment.find(course.id(), cai.personId()).isEmpty()), "the profile is deleted");
        assertEquals(404, cai.browser().get(page).statusCode());
        assertEquals(Proposal.Status.DECLINED, Db.tx(() -> Proposal.<Proposal>findById(proposalId).status));
        assertEquals(1L, notices(dee, NotificationKind.MEMBER_DECLINED), "Dee is told and waits again");
        assertEquals(Enrolment.Status.WAITING, status(course, dee));

        // the invite link brings them back, starting afresh
        assertEquals(303, cai.browser().post("/join/" + Courses.inviteCode(course.id()), new Form()).statusCode());
        assertEquals(Enrolment.Status.DRAFT, status(course, cai));
    }

    @Test
    void leavingTheCourseLeavesTheTandemAndEndsPartnerLinksNotYetAgreed() {
        TestCourse course = Groups.course("TANDEM", 3);
        Learner eda = Groups.learner(course, "Eda", "TANDEM");
        Learner fin = Groups.learner(course, "Fin", "TANDEM");
        long groupId = Groups.formGroup(course, "TANDEM", List.of(eda, fin));
        eda.browser().post("/courses/" + course.id() + "/partners", Form.of("relationKind", "FRIEND")).then().statusCode(303);

        eda.browser().post("/courses/" + course.id() + "/leave", Form.of("confirm", "yes")).then().statusCode(303);

        assertEquals(LearningGroup.Status.DISSOLVED, Db.tx(() -> LearningGroup.<LearningGroup>findById(groupId).status));
        assertEquals(1L, notices(fin, NotificationKind.GROUP_DISSOLVED));
        assertEquals(Enrolment.Status.WAITING, status(course, fin), "Fin is matched again");
        assertEquals(PartnerInvite.Status.DECLINED, Db.tx(() -> PartnerInvite.<PartnerInvite>find("inviter.id", eda.personId())
                .firstResult().status), "nobody can join through Eda's link any more");
    }

    @Test
    void leavingWhileTheTeamPublishesWaitsForThePublicationAndDeclinesTheProposalSent() throws Exception {
        TestCourse course = Groups.course("TANDEM", 3);
        Learner gus = Groups.learner(course, "Gus", "TANDEM");
        Learner hal = Groups.learner(course, "Hal", "TANDEM");
        long runId = Groups.run(course, "TANDEM");
        long proposalId = Db.tx(() -> Proposal.<Proposal>find("run.id", runId).firstResult().id);
        long teamId = Db.tx(() -> CourseRole.<CourseRole>find("course.id = ?1 and role = ?2", course.id(), CourseRole.Kind.TEAM)
                .firstResult().person.id);
        String page = "/courses/" + course.id();
        gus.browser().get(page);

        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> left = QuarkusTransaction.requiringNew().call(() -> {
                matching.publish(course.id(), teamId, runId); // holds the run until this transaction commits
                Future<Integer> leaving = pool.submit(() -> gus.browser().post(page + "/leave", Form.of("confirm", "yes")).statusCode());
                Thread.sleep(300); // Gus leaves meanwhile
                return leaving;
            });
            assertEquals(303, left.get());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(Proposal.Status.DECLINED, Db.tx(() -> Proposal.<Proposal>findById(proposalId).status),
                "the proposal was sent, then declined by the leaver; not left pending with someone who left");
        assertEquals(1L, notices(hal, NotificationKind.MEMBER_DECLINED));
    }

    private static Enrolment.Status status(TestCourse course, Learner learner) {
        return Db.tx(() -> Enrolment.find(course.id(), learner.personId()).orElseThrow().status);
    }

    private static long notices(Learner learner, NotificationKind kind) {
        return Db.tx(() -> Notification.count("person.id = ?1 and kind = ?2", learner.personId(), kind));
    }
}
