package org.entraide.course;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.entraide.account.CurrentPerson;
import org.entraide.web.Redirects;
import org.jboss.resteasy.reactive.RestForm;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;

/** Someone the course team invited to its staff accepts or declines; 404 for anyone without an open invitation. */
@Path("/courses/{id}/staff-invite")
@Produces(MediaType.TEXT_HTML)
@Authenticated
public class StaffInviteResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance invite(Course course, List<StaffInvite> invites);
    }

    private final StaffInvites invites;
    private final CurrentPerson currentPerson;

    StaffInviteResource(StaffInvites invites, CurrentPerson currentPerson) {
        this.invites = invites;
        this.currentPerson = currentPerson;
    }

    @GET
    public String page(@PathParam("id") long courseId) {
        List<StaffInvite> open = invites.requireOpen(courseId, currentPerson.id());
        return Templates.invite(open.get(0).course, open).render();
    }

    @POST
    public Response answer(@PathParam("id") long courseId, @RestForm String answer) {
        return invites.answer(courseId, currentPerson.id(), answer) ? Redirects.seeOther("/courses/" + courseId, "staff-invite-accepted")
                : Redirects.seeOther("/courses", "staff-invite-declined");
    }
}
