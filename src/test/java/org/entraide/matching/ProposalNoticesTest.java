package org.entraide.matching;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

import jakarta.inject.Inject;

import org.entraide.account.Person;
import org.entraide.course.CourseRole;
import org.entraide.notify.Notification;
import org.entraide.notify.NotificationKind;
import org.entraide.notify.NotificationService;
import org.entraide.profile.Enrolment;
import org.entraide.testing.BatchesOfTwo;
import org.entraide.testing.Db;
import org.entraide.testing.Groups;
import org.entraide.testing.Groups.TestCourse;
import org.entraide.web.Deliveries;
import org.junit.jupiter.api.Test;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * Publishing a run proposes every draft at once and tells the members in batches: the request the first, the
 * background job the others, each member once; the proposals falling due together are reminded and expired batch
 * after batch too. Batches of two here stand for production's 500.
 */
@QuarkusTest
@TestProfile(BatchesOfTwo.class)
class ProposalNoticesTest {

    @Inject
    Deliveries deliveries;
    @Inject
    RollingMatching rolling;
    @Inject
    MatchingService matching;

    @Test
    void everyProposalIsOpenAtOnceAndItsMembersAreToldInBatches() {
        TestCourse course = Groups.course("TANDEM", 3);
        List<Long> learners = Groups.storedLearners(course, "TANDEM", 6);
        long runId = Groups.run(course, "TANDEM");

        Response published = course.team().post("/courses/" + course.id() + "/manage/matching/runs/" + runId + "/publish");

        assertEquals(303, published.statusCode(), published.asString());
        assertEquals(List.of(Proposal.Status.PENDING, Proposal.Status.PENDING, Proposal.Status.PENDING),
                Db.tx(() -> Proposal.<Proposal>list("run.id = ?1 order by id", runId).stream().map(p -> p.status).toList()),
                "every proposal is open and can be answered at once");
        assertEquals(List.of(1L, 1L, 0L, 0L, 0L, 0L), notices(learners), "the request tells the first batch");
        assertSaysByWhenToAnswer(NotificationKind.PROPOSAL_NEW, runId);
        assertNull(Db.tx(() -> MatchingRun.<MatchingRun>findById(runId).notifiedAt));

        deliveries.tick();

        assertEquals(List.of(1L, 1L, 1L, 1L, 1L, 1L), notices(learners));
        assertNotNull(Db.tx(() -> MatchingRun.<MatchingRun>findById(runId).notifiedAt));
        deliveries.tick();
        assertEquals(List.of(1L, 1L, 1L, 1L, 1L, 1L), notices(learners), "nobody is told twice");
    }

    @Test
    void aRunWhoseNoticesFailedIsToldAgainOnlyWhenItsRetryIsDue() {
        TestCourse course = Groups.course("TANDEM", 3);
        List<Long> learners = Groups.storedLearners(course, "TANDEM", 6);
        long runId = Groups.run(course, "TANDEM");
        assertEquals(303, course.team().post("/courses/" + course.id() + "/manage/matching/runs/" + runId + "/publish").statusCode());
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS); // as the database keeps it
        Db.run(() -> {
            MatchingRun run = MatchingRun.findById(runId);
            run.noticeFailures.inARow = 2; // as DeliveryFailures records two failed batches
            run.noticeFailures.retryAt = now.plus(Duration.ofMinutes(2));
        });

        tellAllDue(now.plusSeconds(60));
        assertEquals(List.of(1L, 1L, 0L, 0L, 0L, 0L), notices(learners), "not before its retry");

        tellAllDue(now.plus(Duration.ofMinutes(2)));
        assertEquals(List.of(1L, 1L, 1L, 1L, 1L, 1L), notices(learners));
        MatchingRun told = Db.tx(() -> MatchingRun.findById(runId));
        assertNotNull(told.notifiedAt);
        assertEquals(0, told.noticeFailures.inARow, "a batch that went through ends the failures in a row");
        assertNull(told.noticeFailures.retryAt);
    }

    @Test
    void noticesThatKeepFailingStopTellTheirPublisherAndCanBeTriedAgain() {
        TestCourse course = Groups.course("TANDEM", 3);
        List<Long> learners = Groups.storedLearners(course, "TANDEM", 6);
        long runId = Groups.run(course, "TANDEM");
        String runPage = "/courses/" + course.id() + "/manage/matching/runs/" + runId;
        assertEquals(303, course.team().post(runPage + "/publish").statusCode());

        Instant stoppedAt = failUntilStopped(runId, learners);

        MatchingRun stopped = Db.tx(() -> MatchingRun.findById(runId));
        assertEquals(stoppedAt, stopped.noticeFailures.stoppedAt);
        assertNull(stopped.notifiedAt);
        assertEquals(List.of(1L, 1L, 0L, 0L, 0L, 0L), notices(learners), "each failed batch was rolled back");
        tellAllDue(stoppedAt.plus(Duration.ofDays(1)));
        assertEquals(List.of(1L, 1L, 0L, 0L, 0L, 0L), notices(learners), "a stopped run waits");

        List<Notification> told = Db.tx(() -> Notification.list("person.id = ?1 and kind = ?2", stopped.startedBy.id,
                NotificationKind.PROPOSAL_NOTICES_STOPPED));
        assertEquals(1, told.size(), "whoever published the run is told once, when it stops");
        assertEquals(runPage, told.get(0).link);
        assertThat(course.team().get("/notifications").asString(), containsString("of their proposals from a matching run stopped"));
        String page = course.team().get(runPage).asString();
        assertThat(page, containsString("Telling its members of their proposals stopped after repeated errors."));
        assertThat(page, containsString("action=\"" + runPage + "/try-notices-again\""));
        assertThat(course.team().get("/courses/" + course.id() + "/manage/matching").asString(),
                containsString("Published — <strong>not all members told</strong>"));
        assertThat(course.team().acceptLanguage("fr").get(runPage).asString(), containsString("arrêté après des erreurs répétées. Ceux qui"));
        course.team().acceptLanguage("en");

        Response retried = course.team().post(runPage + "/try-notices-again");
        assertEquals(303, retried.statusCode(), retried.asString());
        assertThat(retried.header("Location"), containsString("flash=notices-retrying"));
        tellAllDue(stoppedAt.plus(Duration.ofDays(1)));

        assertEquals(List.of(1L, 1L, 1L, 1L, 1L, 1L), notices(learners), "the others are told, the first two not again");
        MatchingRun done = Db.tx(() -> MatchingRun.findById(runId));
        assertNotNull(done.notifiedAt);
        assertNull(done.noticeFailures.stoppedAt);
        assertThat(course.team().get(runPage).asString(), not(containsString("Try telling them again")));
        assertEquals(404, Groups.course("TANDEM", 3).team().post(runPage + "/try-notices-again").statusCode(), "another course's team");
    }

    @Test
    void aRollingRunWhoseNoticesStopIsToldToTheCourseTeamNotItsOrganizers() {
        TestCourse course = Groups.course("TANDEM", 3);
        List<Long> learners = Groups.storedLearners(course, "TANDEM", 6);
        long runId = Groups.run(course, "TANDEM");
        assertEquals(303, course.team().post("/courses/" + course.id() + "/manage/matching/runs/" + runId + "/publish").statusCode());
        long teamMember = Db.tx(() -> MatchingRun.<MatchingRun>findById(runId).startedBy.id);
        long organizer = Groups.storedLearners(course, "TANDEM", 1).get(0);
        Db.run(() -> {
            MatchingRun run = MatchingRun.findById(runId);
            run.rolling = true; // as the scheduler publishes it: nobody started it
            run.startedBy = null;
            CourseRole.grant(run.course, Person.findById(organizer), CourseRole.Kind.ORGANIZER);
        });

        failUntilStopped(runId, learners);

        assertEquals(1L, Db.tx(() -> Notification.count("person.id = ?1 and kind = ?2", teamMember, NotificationKind.PROPOSAL_NOTICES_STOPPED)));
        assertEquals(0L, Db.tx(() -> Notification.count("person.id = ?1 and kind = ?2", organizer, NotificationKind.PROPOSAL_NOTICES_STOPPED)));
    }

    /**
     * Has the database refuse the third member's notice, so that every batch after the first fails (on H2 as on
     * PostgreSQL), and tells the run's members until it stops, 1, 2, 4, 8 and 16 minutes after each failure; returns
     * when it stopped.
     */
    private Instant failUntilStopped(long runId, List<Long> learners) {
        long third = Db.tx(() -> ProposalMember.<ProposalMember>list("person.id in ?1 order by id", learners).get(2).person.id);
        Db.run(() -> Panache.getEntityManager().createNativeQuery("alter table notification add constraint test_refused_notice"
                + " check (not (person_id = " + third + " and kind = 'PROPOSAL_NEW'))").executeUpdate());
        try {
            Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS); // as the database keeps it
            tellAllDue(start);
            assertEquals(1, Db.tx(() -> MatchingRun.<MatchingRun>findById(runId)).noticeFailures.inARow);
            for (int minutes : List.of(1, 3, 7, 15, 31)) {
                tellAllDue(start.plus(Duration.ofMinutes(minutes)));
            }
            return start.plus(Duration.ofMinutes(31));
        } finally {
            Db.run(() -> Panache.getEntityManager().createNativeQuery("alter table notification drop constraint test_refused_notice")
                    .executeUpdate());
        }
    }

    private void tellAllDue(Instant now) {
        for (int turn = 0; turn < 200 && matching.notifyNextBatch(now); turn++) {
            // other tests' runs still being told go out too
        }
    }

    @Test
    void proposalsFallingDueTogetherAreRemindedAndExpiredBatchAfterBatch() {
        TestCourse course = Groups.course("TANDEM", 3);
        List<Long> learners = Groups.storedLearners(course, "TANDEM", 6);
        long runId = Groups.run(course, "TANDEM");
        assertEquals(303, course.team().post("/courses/" + course.id() + "/manage/matching/runs/" + runId + "/publish").statusCode());

        Db.run(() -> Proposal.update("expiresAt = ?1 where run.id = ?2", Instant.now().plus(Duration.ofHours(2)), runId));
        assertEquals(0, rolling.expireProposals(), "none is past its window yet");
        assertEquals(List.of(1L, 1L, 1L, 1L, 1L, 1L), notices(learners, NotificationKind.PROPOSAL_EXPIRING),
                "every member of the three proposals is reminded once, over two batches");
        assertSaysByWhenToAnswer(NotificationKind.PROPOSAL_EXPIRING, runId);
        rolling.expireProposals();
        assertEquals(List.of(1L, 1L, 1L, 1L, 1L, 1L), notices(learners, NotificationKind.PROPOSAL_EXPIRING), "and only once");

        Db.run(() -> Proposal.update("expiresAt = ?1 where run.id = ?2", Instant.now().minusSeconds(60), runId));
        assertEquals(3, rolling.expireProposals());
        assertEquals(List.of(Proposal.Status.EXPIRED, Proposal.Status.EXPIRED, Proposal.Status.EXPIRED),
                Db.tx(() -> Proposal.<Proposal>list("run.id = ?1 order by id", runId).stream().map(p -> p.status).toList()));
        assertEquals(6L, Db.tx(() -> Enrolment.count("course.id = ?1 and status = ?2", course.id(), Enrolment.Status.PAUSED)),
                "silence counts as a decline: the silent are paused");
    }

    @Inject
    NotificationService notificationService;

    /** The run's first member's notice (and so its e-mail) says by when to answer, in her profile's zone. */
    private void assertSaysByWhenToAnswer(NotificationKind kind, long runId) {
        ProposalMember first = Db.tx(() -> ProposalMember.<ProposalMember>find("proposal.run.id = ?1 order by id", runId).firstResult());
        Notification notice = Db.tx(() -> Notification.<Notification>find("person.id = ?1 and kind = ?2", first.person.id, kind).singleResult());
        ZonedDateTime deadline = Db.tx(() -> Proposal.<Proposal>findById(first.proposal.id).expiresAt).atZone(ZoneId.of("Europe/Paris"));
        String text = notificationService.text(notice, Locale.ENGLISH);
        assertThat(text, matchesPattern("(?s).*Please answer before [A-Z][a-z]+day, [A-Z][a-z]+ \\d{1,2}, \\d{4}, \\d{1,2}:\\d{2}\\W?[AP]M \\(Europe/Paris\\)\\."));
        assertThat(text, containsString(" " + deadline.getDayOfMonth() + ", " + deadline.getYear()));
        assertThat(notificationService.text(notice, Locale.FRENCH), containsString("Merci de répondre avant le "));
    }

    /** Each learner's notices of a new proposal, in the order their proposals' members were stored. */
    private static List<Long> notices(List<Long> learners) {
        return notices(learners, NotificationKind.PROPOSAL_NEW);
    }

    private static List<Long> notices(List<Long> learners, NotificationKind kind) {
        return Db.tx(() -> ProposalMember.<ProposalMember>list("person.id in ?1 order by id", learners).stream()
                .map(m -> Notification.count("person.id = ?1 and kind = ?2", m.person.id, kind)).toList());
    }
}
