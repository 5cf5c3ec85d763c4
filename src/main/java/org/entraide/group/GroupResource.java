package org.entraide.group;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.entraide.account.CurrentPerson;
import org.entraide.web.FormErrors;
import org.entraide.web.InvalidInputException;
import org.entraide.web.Redirects;
import org.entraide.web.RequestContext;
import org.jboss.resteasy.reactive.RestForm;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;

/** The group page, first piece of the workspace: members and their contacts, common times, leave, report. */
@Path("/groups/{id}")
@Produces(MediaType.TEXT_HTML)
@Authenticated
public class GroupResource {

    /** What was typed in the page's forms, shown again with a validation error so nothing is lost. */
    public record Typed(String reported, String reportReason, String leaveReason) {
        static final Typed NONE = new Typed(null, null, null);

        public boolean reports(long personId) {
            return Long.toString(personId).equals(reported);
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance group(GroupService.GroupView view, FormErrors errors, Typed typed);
    }

    private final GroupService groups;
    private final CurrentPerson currentPerson;
    private final RequestContext context;

    GroupResource(GroupService groups, CurrentPerson currentPerson, RequestContext context) {
        this.groups = groups;
        this.currentPerson = currentPerson;
        this.context = context;
    }

    @GET
    public String show(@PathParam("id") long groupId) {
        return Templates.group(groups.view(groupId, currentPerson.id(), context.locale()), FormErrors.none(), Typed.NONE).render();
    }

    @POST
    @Path("leave")
    public Response leave(@PathParam("id") long groupId, @RestForm String reason) {
        long me = currentPerson.id();
        try {
            long courseId = groups.requireMember(groupId, me).course.id;
            groups.leave(groupId, me, reason);
            return Redirects.seeOther("/courses/" + courseId, "group-left");
        } catch (InvalidInputException e) {
            return Response.status(400).entity(Templates.group(groups.view(groupId, me, context.locale()), e.errors,
                    new Typed(null, null, reason))).build();
        }
    }

    @POST
    @Path("report")
    public Response report(@PathParam("id") long groupId, @RestForm String reported, @RestForm String reason) {
        long me = currentPerson.id();
        try {
            long reportedId;
            try {
                reportedId = Long.parseLong(reported == null ? "" : reported);
            } catch (NumberFormatException e) {
                throw InvalidInputException.of("reported", "error.invalid-choice");
            }
            groups.report(groupId, me, reportedId, reason);
            return Redirects.seeOther("/groups/" + groupId, "report-sent");
        } catch (InvalidInputException e) {
            return Response.status(400).entity(Templates.group(groups.view(groupId, me, context.locale()), e.errors,
                    new Typed(reported, reason, null))).build();
        }
    }
}
