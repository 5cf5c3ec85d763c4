package org.entraide.group;

import java.io.StringWriter;
import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.entraide.account.CurrentPerson;
import org.entraide.course.Course;
import org.entraide.course.CourseService;
import org.entraide.web.FormErrors;
import org.entraide.web.InvalidInputException;
import org.entraide.web.PageNumbers;
import org.entraide.web.Redirects;
import org.jboss.resteasy.reactive.RestForm;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;

/** The course team's view of the course's groups (health, reports) and their CSV exports. */
@Path("/courses/{id}/manage/groups")
@Produces(MediaType.TEXT_HTML)
@Authenticated
public class GroupsResource {

    static final String CSV = "text/csv; charset=UTF-8";

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance groups(GroupHealthService.HealthPage health, List<MemberReport> reports);

        static native TemplateInstance removal(GroupHealthService.Removal removal);

        static native TemplateInstance teamMessage(GroupHealthService.TeamMessagePage page, String body, FormErrors errors);
    }

    private final GroupHealthService health;
    private final CourseService courses;
    private final CurrentPerson currentPerson;

    GroupsResource(GroupHealthService health, CourseService courses, CurrentPerson currentPerson) {
        this.health = health;
        this.courses = courses;
        this.currentPerson = currentPerson;
    }

    @GET
    public String page(@PathParam("id") long courseId, @QueryParam("page") String page, @QueryParam("quiet") String quiet) {
        long me = currentPerson.id();
        GroupHealthService.HealthPage rows = health.page(courseId, me, PageNumbers.parse(page), "1".equals(quiet));
        return Templates.groups(rows, health.reports(courseId, me)).render();
    }

    @POST
    @Path("reports/{reportId}/handled")
    public Response markHandled(@PathParam("id") long courseId, @PathParam("reportId") long reportId) {
        health.markHandled(courseId, currentPerson.id(), reportId);
        return Redirects.seeOther("/courses/" + courseId + "/manage/groups#reports", "report-handled");
    }

    /** Asks the course team to confirm before a member is taken out of a group. */
    @GET
    @Path("{groupId}/remove")
    public String removal(@PathParam("id") long courseId, @PathParam("groupId") long groupId, @QueryParam("member") long memberId) {
        return Templates.removal(health.removal(courseId, currentPerson.id(), groupId, memberId)).render();
    }

    @POST
    @Path("{groupId}/remove")
    public Response remove(@PathParam("id") long courseId, @PathParam("groupId") long groupId, @RestForm String member) {
        health.remove(courseId, currentPerson.id(), groupId, member);
        return Redirects.seeOther("/courses/" + courseId + "/manage/groups#groups", "member-removed-from-group");
    }

    /** The course team writes to one group (the members read it on their page); earlier messages are listed. */
    @GET
    @Path("{groupId}/message")
    public String teamMessageForm(@PathParam("id") long courseId, @PathParam("groupId") long groupId) {
        return Templates.teamMessage(health.teamMessagePage(courseId, currentPerson.id(), groupId), "", FormErrors.none()).render();
    }

    @POST
    @Path("{groupId}/message")
    public Response writeToGroup(@PathParam("id") long courseId, @PathParam("groupId") long groupId, @RestForm String body) {
        long me = currentPerson.id();
        try {
            health.writeToGroup(courseId, me, groupId, body);
            return Redirects.seeOther("/courses/" + courseId + "/manage/groups/" + groupId + "/message", "team-message-sent");
        } catch (InvalidInputException e) {
            return Response.status(400).entity(Templates.teamMessage(health.teamMessagePage(courseId, me, groupId), body, e.errors))
                    .build();
        }
    }

    @GET
    @Path("export.csv")
    @Produces(CSV)
    public Response exportCsv(@PathParam("id") long courseId) {
        List<GroupHealthService.GroupMembers> groups = health.allGroups(courseId, currentPerson.id());
        StringWriter out = new StringWriter();
        GroupExports.entraide(groups, out);
        return attachment(out.toString(), "entraide-groups-course-" + courseId + ".csv");
    }

    @GET
    @Path("openedx.csv")
    @Produces(CSV)
    public Response openEdxCsv(@PathParam("id") long courseId) {
        long me = currentPerson.id();
        Course course = courses.requireTeam(courseId, me);
        StringWriter out = new StringWriter();
        GroupExports.openEdx(course, health.allGroups(courseId, me), out);
        return attachment(out.toString(), "openedx-team-membership-course-" + courseId + ".csv");
    }

    private static Response attachment(String body, String fileName) {
        return Response.ok(body, CSV).header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + fileName + "\"").build();
    }
}
