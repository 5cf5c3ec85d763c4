package org.entraide.meetup;

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

/** A learner who offered to help organise meetups answers an organizer's invitation to become one. */
@Path("/courses/{id}/organize")
@Produces(MediaType.TEXT_HTML)
@Authenticated
public class OrganizeResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance invite(OrganizerInvite invite);
    }

    private final OrganizerInvites invites;
    private final CurrentPerson currentPerson;

    OrganizeResource(OrganizerInvites invites, CurrentPerson currentPerson) {
        this.invites = invites;
        this.currentPerson = currentPerson;
    }

    @GET
    public String page(@PathParam("id") long courseId) {
        return Templates.invite(invites.invite(courseId, currentPerson.id())).render();
    }

    @POST
    public Response answer(@PathParam("id") long courseId, @RestForm String answer) {
        boolean accepted = invites.answer(courseId, currentPerson.id(), answer);
        return accepted ? Redirects.seeOther("/courses/" + courseId + "/manage/meetups", "organizer-accepted")
                : Redirects.seeOther("/courses/" + courseId + "/organize", "organizer-declined");
    }
}
