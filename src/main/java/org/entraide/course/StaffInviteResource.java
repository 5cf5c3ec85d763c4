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

/**
 * Someone the course team invited to its staff accepts or declines on the course's invitation page; 404 for anyone
 * without an open invitation. (An address with no account answers through its link: {@link StaffInviteLinkResource}.)
 */
@Path("/courses/{id}/staff-invite")
@Produces(MediaType.TEXT_HTML)
@Authenticated
public class StaffInviteResource {

    @CheckedTemplate
    static class Templates {
        /** {@code action} is where the answer goes; a visitor ({@code signedIn} false) is asked to sign in first. */
        static native TemplateInstance invite(Course course, List<StaffInvite> invites, String action, boolean signedIn);
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
        return Templates.invite(open.get(0).course, open, "/courses/" + courseId + "/staff-invite", true).render();
    }

    @POST
    public Response answer(@PathParam("id") long courseId, @RestForm String answer) {
        return invites.answer(courseId, currentPerson.id(), answer) ? accepted(courseId) : declined();
    }

    static Response accepted(long courseId) {
        return Redirects.seeOther("/courses/" + courseId, "staff-invite-accepted");
    }

    static Response declined() {
        return Redirects.seeOther("/courses", "staff-invite-declined");
    }
}
