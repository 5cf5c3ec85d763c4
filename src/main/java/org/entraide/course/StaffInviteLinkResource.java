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
import org.jboss.resteasy.reactive.RestForm;

import io.quarkus.security.Authenticated;

/**
 * The link an address with no account was sent to join a course's staff: anyone holding it reads the invitation, and
 * answers once signed in; 404 once answered or withdrawn.
 */
@Path(StaffInvites.LINK_PATH + "{token}")
@Produces(MediaType.TEXT_HTML)
public class StaffInviteLinkResource {

    private final StaffInvites invites;
    private final CurrentPerson currentPerson;

    StaffInviteLinkResource(StaffInvites invites, CurrentPerson currentPerson) {
        this.invites = invites;
        this.currentPerson = currentPerson;
    }

    @GET
    public String page(@PathParam("token") String token) {
        StaffInvite invite = invites.requireByLink(token);
        return StaffInviteResource.Templates.invite(invite.course, List.of(invite), StaffInvites.LINK_PATH + token,
                currentPerson.get().isPresent()).render();
    }

    @POST
    @Authenticated
    public Response answer(@PathParam("token") String token, @RestForm String answer) {
        Course course = invites.answerByLink(token, currentPerson.id(), answer);
        return course != null ? StaffInviteResource.accepted(course.id) : StaffInviteResource.declined();
    }
}
