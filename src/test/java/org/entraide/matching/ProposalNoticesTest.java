package org.entraide.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import jakarta.inject.Inject;

import org.entraide.notify.Notification;
import org.entraide.notify.NotificationKind;
import org.entraide.testing.BatchesOfTwo;
import org.entraide.testing.Db;
import org.entraide.testing.Groups;
import org.entraide.testing.Groups.TestCourse;
import org.entraide.web.Deliveries;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * Publishing a run proposes every draft at once and tells the members in batches: the request the first, the
 * background job the others, each member once. Batches of two here stand for production's 500.
 */
@QuarkusTest
@TestProfile(BatchesOfTwo.class)
class ProposalNoticesTest {

    @Inject
    Deliveries deliveries;

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
        assertNull(Db.tx(() -> MatchingRun.<MatchingRun>findById(runId).notifiedAt));

        deliveries.tick();

        assertEquals(List.of(1L, 1L, 1L, 1L, 1L, 1L), notices(learners));
        assertNotNull(Db.tx(() -> MatchingRun.<MatchingRun>findById(runId).notifiedAt));
        deliveries.tick();
        assertEquals(List.of(1L, 1L, 1L, 1L, 1L, 1L), notices(learners), "nobody is told twice");
    }

    /** Each learner's notices of a new proposal, in the order their proposals' members were stored. */
    private static List<Long> notices(List<Long> learners) {
        return Db.tx(() -> ProposalMember.<ProposalMember>list("person.id in ?1 order by id", learners).stream()
                .map(m -> Notification.count("person.id = ?1 and kind = ?2", m.person.id, NotificationKind.PROPOSAL_NEW)).toList());
    }
}
