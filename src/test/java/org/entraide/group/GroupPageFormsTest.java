package org.entraide.group;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.entraide.testing.Db;
import org.entraide.testing.Groups;
import org.entraide.testing.Groups.Learner;
import org.entraide.testing.Groups.TestCourse;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** The group page's two forms: an error shows next to the field that caused it, and what was typed is kept. */
@QuarkusTest
class GroupPageFormsTest {

    @Test
    void aRefusedFormShowsItsErrorUnderItsOwnFieldAndKeepsWhatWasTyped() {
        TestCourse course = Groups.course("TANDEM", 3);
        Learner uma = Groups.learner(course, "Uma", "TANDEM");
        Learner vic = Groups.learner(course, "Vic", "TANDEM");
        long groupId = Groups.formGroup(course, "TANDEM", List.of(uma, vic));
        String tooLong = "Moving <abroad> " + "x".repeat(GroupService.REASON_MAX);

        uma.browser().post("/groups/" + groupId + "/leave", "reason", tooLong).then().statusCode(400)
                .body(containsString("aria-describedby=\"f-leaveReason-error\">Moving &lt;abroad&gt; xxx"),
                        containsString("id=\"f-leaveReason-error\""), not(containsString("id=\"f-reason-error\"")));
        assertTrue(Db.tx(() -> GroupMember.currentMembership(groupId, uma.personId()).isPresent()), "still a member");

        uma.browser().post("/groups/" + groupId + "/report", "reported", Long.toString(vic.personId()), "reason", " ").then()
                .statusCode(400)
                .body(containsString("id=\"f-reason-error\""), not(containsString("id=\"f-leaveReason-error\"")),
                        containsString("<option value=\"" + vic.personId() + "\" selected>"));
        assertEquals(0L, (long) Db.tx(() -> MemberReport.count("group.id", groupId)));
    }
}
