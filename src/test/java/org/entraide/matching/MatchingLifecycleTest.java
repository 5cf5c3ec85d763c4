package org.entraide.matching;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.entraide.availability.WeekMask;
import org.entraide.availability.WeeklyAvailability;
import org.entraide.course.Course;
import org.entraide.group.GroupMember;
import org.entraide.group.LearningGroup;
import org.entraide.matching.engine.Explanation;
import org.entraide.matching.engine.Reason;
import org.entraide.notify.Notification;
import org.entraide.notify.NotificationKind;
import org.entraide.profile.Enrolment;
import org.entraide.profile.Format;
import org.entraide.testing.Db;
import org.entraide.testing.Groups;
import org.entraide.testing.Groups.Learner;
import org.entraide.testing.Groups.TestCourse;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * States that move on over time or under concurrent clicks: simultaneous answers, double clicks, runs cut short by
 * a stopped instance, previews left open, groups that end while newcomers are being asked to join them.
 */
@QuarkusTest
class MatchingLifecycleTest {

    @Inject
    RollingMatching rolling;

    @Inject
    MatchingService matching;

    @Test
    void theLastTwoMembersAcceptingAtTheSameMomentFormExactlyOneGroup() throws Exception {
        TestCourse course = Groups.course("TANDEM", 3);
        Learner ana = Groups.learner(course, "Ana", "TANDEM");
        Learner ben = Groups.learner(course, "Ben", "TANDEM");
        long proposalId = publishedProposal(course, "TANDEM", ana);

        List<Integer> statuses = together(List.of(() -> accept(course, ana, proposalId), () -> accept(course, ben, proposalId),
                () -> accept(course, ben, proposalId)));

        assertEquals(List.of(303, 303, 303), statuses, "every click lands on a page, the repeated one too");
        assertEquals(Proposal.Status.ACCEPTED, Db.tx(() -> Proposal.<Proposal>findById(proposalId).status));
        assertEquals(1L, (long) Db.tx(() -> LearningGroup.count("course.id", course.id())));
        assertEquals(2L, (long) Db.tx(() -> GroupMember.count("group.course.id", course.id())));
        assertEquals(1L, (long) Db.tx(() -> Notification.count("person.id = ?1 and kind = ?2", ben.personId(), NotificationKind.GROUP_FORMED)));
        // and once more after the group exists: still the one group
        assertEquals(303, accept(course, ana, proposalId));
        assertEquals(1L, (long) Db.tx(() -> LearningGroup.count("course.id", course.id())));
    }

    @Test
    void sharedHoursStayInTheLearnersLocalTimeWhenTheProposalIsReadAfterAClockChange() {
        TestCourse course = Groups.course("TANDEM", 3);
        Learner gil = Groups.learner(course, "Gil", "TANDEM");
        Groups.learner(course, "Hana", "TANDEM");
        long proposalId = publishedProposal(course, "TANDEM", gil);
        // as if the run had happened in summer: Paris at UTC+2, so 18:00-22:00 there was stored as 16:00-20:00 UTC
        LocalDate summer = LocalDate.of(2026, 7, 6);
        Db.run(() -> {
            Proposal proposal = Proposal.findById(proposalId);
            Explanation explanation = ExplanationJson.read(proposal.explanation);
            WeekMask summerUtc = WeeklyAvailability.toUtc(Groups.evenings(), ZoneId.of("Europe/Paris"), summer);
            proposal.explanation = ExplanationJson.write(new Explanation(explanation.group(), explanation.reasons().stream()
                    .map(reason -> reason instanceof Reason.SharedHours ? new Reason.SharedHours(summerUtc) : reason).toList()));
            proposal.createdAt = summer.atTime(12, 0).toInstant(ZoneOffset.UTC);
        });

        // read now, in winter (UTC+1): still their 18:00-22:00, not an hour early
        gil.browser().get("/courses/" + course.id() + "/matches").then().statusCode(200)
                .body(containsString("18:00–22:00"), not(containsString("17:00")));
    }

    @Test
    void runNowPressedTwiceAtOnceStartsOneRun() throws Exception {
        TestCourse course = Groups.course("TANDEM", 3);
        Groups.learner(course, "Cal", "TANDEM");
        Groups.learner(course, "Dee", "TANDEM");
        Callable<Integer> press = () -> course.team().post("/courses/" + course.id() + "/manage/matching/runs", "format", "TANDEM")
                .statusCode();

        List<Integer> statuses = together(List.of(press, press));

        assertTrue(statuses.contains(303) && statuses.contains(400), statuses.toString());
        assertEquals(1L, (long) Db.tx(() -> MatchingRun.count("course.id", course.id())));
    }

    @Test
    void aRunInterruptedByAStoppedInstanceIsMarkedFailedAndNoLongerBlocksANewRun() {
        TestCourse course = Groups.course("TANDEM", 3);
        Groups.learner(course, "Sam", "TANDEM");
        Groups.learner(course, "Tia", "TANDEM");
        long interrupted = runLeftRunning(course, Duration.ofMinutes(1));
        String matching = "/courses/" + course.id() + "/manage/matching";

        // within the run timeout it may still be computing elsewhere: it blocks a second run of the format
        course.team().post(matching + "/runs", "format", "TANDEM").then().statusCode(400)
                .body(containsString("A preview of this format is already open"));
        assertEquals(MatchingRun.Status.RUNNING, Db.tx(() -> MatchingRun.<MatchingRun>findById(interrupted).status));

        // past the timeout (15 minutes) it is marked failed, says so, and a new run starts
        Db.run(() -> MatchingRun.<MatchingRun>findById(interrupted).startedAt = Instant.now().minus(Duration.ofMinutes(16)));
        long fresh = Groups.run(course, "TANDEM");
        assertEquals(MatchingRun.Status.FAILED, Db.tx(() -> MatchingRun.<MatchingRun>findById(interrupted).status));
        assertNotNull(Db.tx(() -> MatchingRun.<MatchingRun>findById(interrupted).finishedAt));
        course.team().get(matching + "/runs/" + interrupted).then().statusCode(200)
                .body(containsString("the run did not finish and nothing was sent"), not(containsString("data-poll")));
        course.team().get(matching + "/runs/" + fresh).then().statusCode(200).body(containsString("2 of 2 waiting learners placed"));
    }

    @Test
    void theRollingJobMarksInterruptedRunsFailedSoTheirPagesStopPolling() {
        TestCourse course = Groups.course("TANDEM", 3);
        long stale = runLeftRunning(course, Duration.ofHours(2));
        rolling.tick();
        assertEquals(MatchingRun.Status.FAILED, Db.tx(() -> MatchingRun.<MatchingRun>findById(stale).status));
        course.team().get("/courses/" + course.id() + "/manage/matching/runs/" + stale).then().statusCode(200)
                .body(not(containsString("data-poll")));
    }

    @Test
    void aRunMarkedFailedWhileWaitingInTheQueueIsNotComputedWhenItsTurnComes() {
        TestCourse course = Groups.course("TANDEM", 3);
        Groups.learner(course, "Uli", "TANDEM");
        Groups.learner(course, "Vea", "TANDEM");
        long queued = runLeftRunning(course, Duration.ofHours(2));
        rolling.tick(); // past the run timeout: marked failed before a matching thread took it

        matching.compute(queued); // its turn in the queue comes
        assertEquals(MatchingRun.Status.FAILED, Db.tx(() -> MatchingRun.<MatchingRun>findById(queued).status));
        assertEquals(0L, (long) Db.tx(() -> Proposal.count("run.id", queued)), "nothing proposed to the waiting learners");
    }

    @Test
    void aPreviewLeftOpenPastItsTimeoutIsDiscardedAndItsLearnersAreMatchedAgain() {
        TestCourse course = Groups.course("TANDEM", 3);
        Learner eli = Groups.learner(course, "Eli", "TANDEM");
        Groups.learner(course, "Fox", "TANDEM");
        long runId = Groups.run(course, "TANDEM");
        String preview = "/courses/" + course.id() + "/manage/matching/runs/" + runId;
        course.team().get(preview).then().body(containsString("are left out of other runs"), containsString(" UTC"));
        assertEquals(List.of(), waiting(course), "held out of other runs while the preview is open");

        Db.run(() -> MatchingRun.<MatchingRun>findById(runId).finishedAt = Instant.now().minus(Duration.ofDays(4)));
        rolling.tick();

        assertEquals(MatchingRun.Status.DISCARDED, Db.tx(() -> MatchingRun.<MatchingRun>findById(runId).status));
        assertEquals(0L, (long) Db.tx(() -> Proposal.count("run.id = ?1 and status = ?2", runId, Proposal.Status.DRAFT)));
        assertTrue(waiting(course).contains(eli.personId()), "back in the pool");
        course.team().post(preview + "/publish").then().statusCode(400);
    }

    @Test
    void publishingWhileTheAbandonedPreviewIsBeingDiscardedWaitsAndIsRefused() throws Exception {
        TestCourse course = Groups.course("TANDEM", 3);
        Learner gia = Groups.learner(course, "Gia", "TANDEM");
        Groups.learner(course, "Hux", "TANDEM");
        long runId = Groups.run(course, "TANDEM");
        String publish = "/courses/" + course.id() + "/manage/matching/runs/" + runId + "/publish";
        course.team().get("/courses/" + course.id() + "/manage/matching/runs/" + runId);
        Db.run(() -> MatchingRun.<MatchingRun>findById(runId).finishedAt = Instant.now().minus(Duration.ofDays(4)));

        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> published = QuarkusTransaction.requiringNew().call(() -> {
                assertEquals(1, matching.discardAbandonedPreviews()); // holds the run's lock until this transaction ends
                Future<Integer> pressed = pool.submit(() -> course.team().post(publish).statusCode());
                Thread.sleep(300); // the team presses "Publish" meanwhile
                return pressed;
            });
            assertEquals(400, published.get(), "refused once the discard is committed");
        } finally {
            pool.shutdownNow();
        }
        assertEquals(MatchingRun.Status.DISCARDED, Db.tx(() -> MatchingRun.<MatchingRun>findById(runId).status));
        assertEquals(0L, (long) Db.tx(() -> Proposal.count("run.id = ?1 and status <> ?2", runId, Proposal.Status.WITHDRAWN)));
        assertEquals(0L, (long) Db.tx(() -> Notification.count("person.id = ?1 and kind = ?2", gia.personId(),
                NotificationKind.PROPOSAL_NEW)), "nobody was asked");
    }

    @Test
    void aGroupThatEndsWithdrawsTheProposalToRefillItAndIsNotRefilledTwice() {
        TestCourse course = Groups.course("STUDY_GROUP", 3);
        List<Learner> members = Groups.learners(course, "STUDY_GROUP", "Gia", "Hugo", "Ines", "Jo");
        long groupId = Groups.formGroup(course, "STUDY_GROUP", members);
        members.get(0).browser().post("/groups/" + groupId + "/leave").then().statusCode(303);
        members.get(1).browser().post("/groups/" + groupId + "/leave").then().statusCode(303);
        assertEquals(LearningGroup.Status.REFILLING, Db.tx(() -> LearningGroup.<LearningGroup>findById(groupId).status));

        Learner kai = Groups.learner(course, "Kai", "STUDY_GROUP");
        long refill = publishedProposal(course, "STUDY_GROUP", kai);
        assertEquals(groupId, (long) Db.tx(() -> Proposal.<Proposal>findById(refill).targetGroup.id));

        // a second late joiner is not sent to the same seats while Kai is being asked
        Learner lou = Groups.learner(course, "Lou", "STUDY_GROUP");
        long secondRun = Groups.run(course, "STUDY_GROUP");
        assertEquals(0L, (long) Db.tx(() -> Proposal.count("run.id = ?1 and targetGroup.id = ?2", secondRun, groupId)));
        assertEquals(0L, (long) Db.tx(() -> ProposalMember.count("proposal.run.id = ?1 and person.id = ?2", secondRun, lou.personId())));
        course.team().post("/courses/" + course.id() + "/manage/matching/runs/" + secondRun + "/discard").then().statusCode(303);

        // the group ends before Kai answers: the proposal is withdrawn, Kai is told and stays in the queue
        members.get(2).browser().post("/groups/" + groupId + "/leave").then().statusCode(303);
        assertEquals(LearningGroup.Status.DISSOLVED, Db.tx(() -> LearningGroup.<LearningGroup>findById(groupId).status));
        assertEquals(Proposal.Status.WITHDRAWN, Db.tx(() -> Proposal.<Proposal>findById(refill).status));
        assertEquals(1L, (long) Db.tx(() -> Notification.count("person.id = ?1 and kind = ?2", kai.personId(),
                NotificationKind.PROPOSAL_WITHDRAWN)));
        assertEquals(404, accept(course, kai, refill));
        assertEquals(LearningGroup.Status.DISSOLVED, Db.tx(() -> LearningGroup.<LearningGroup>findById(groupId).status));
        assertEquals(Enrolment.Status.WAITING, Db.tx(() -> Enrolment.find(course.id(), kai.personId()).orElseThrow().status));
    }

    @Test
    void smallGroupsOfCoursesWithoutRollingMatchingAreDissolvedAfterTheMaximumWait() {
        TestCourse course = Groups.course("STUDY_GROUP", 3);
        List<Learner> members = Groups.learners(course, "STUDY_GROUP", "Mia", "Noe", "Oli");
        long groupId = Groups.formGroup(course, "STUDY_GROUP", members);
        members.get(0).browser().post("/groups/" + groupId + "/leave").then().statusCode(303);
        assertEquals(LearningGroup.Status.REFILLING, Db.tx(() -> LearningGroup.<LearningGroup>findById(groupId).status));

        rolling.tick(); // within the maximum wait (7 days): kept
        assertEquals(LearningGroup.Status.REFILLING, Db.tx(() -> LearningGroup.<LearningGroup>findById(groupId).status));

        Db.run(() -> LearningGroup.<LearningGroup>findById(groupId).lastActivityAt = Instant.now().minus(Duration.ofDays(8)));
        rolling.tick();
        assertEquals(LearningGroup.Status.DISSOLVED, Db.tx(() -> LearningGroup.<LearningGroup>findById(groupId).status));
        assertEquals(Enrolment.Status.WAITING, Db.tx(() -> Enrolment.find(course.id(), members.get(1).personId()).orElseThrow().status));
    }

    /** Runs the calls at the same moment (as far as threads allow) and returns their results in order. */
    private static <T> List<T> together(List<Callable<T>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> call : calls) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static int accept(TestCourse course, Learner learner, long proposalId) {
        return learner.browser().post("/courses/" + course.id() + "/matches/" + proposalId + "/accept").statusCode();
    }

    /** Runs the format, publishes the preview and returns the proposal sent to the learner. */
    private static long publishedProposal(TestCourse course, String format, Learner learner) {
        long runId = Groups.run(course, format);
        course.team().post("/courses/" + course.id() + "/manage/matching/runs/" + runId + "/publish").then().statusCode(303);
        return MatchingFlowTest.proposalOf(learner.personId(), runId);
    }

    private List<Long> waiting(TestCourse course) {
        return Db.tx(() -> matching.pool(course.id(), Format.TANDEM).stream().map(e -> e.person.id).toList());
    }

    /** A tandem run started {@code ago} and never finished: committed as running, then its instance stopped. */
    private static long runLeftRunning(TestCourse course, Duration ago) {
        return Db.tx(() -> {
            MatchingRun run = new MatchingRun();
            run.course = Course.findById(course.id());
            run.format = Format.TANDEM;
            run.status = MatchingRun.Status.RUNNING;
            run.startedAt = Instant.now().minus(ago);
            run.persist();
            return run.id;
        });
    }
}
