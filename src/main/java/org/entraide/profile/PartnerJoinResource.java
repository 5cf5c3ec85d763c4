package org.entraide.profile;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.entraide.account.CurrentPerson;
import org.entraide.web.InvalidInputException;
import org.entraide.web.Redirects;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;

/** A personal partner link as the invitee sees it: who invites them, then joining the course with them. */
@Path("/partner/{code}")
@Produces(MediaType.TEXT_HTML)
public class PartnerJoinResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance accept(PartnerInvite invite, String code, boolean signedIn, String errorKey);
    }

    private final PartnerService partners;
    private final EnrolmentService enrolments;
    private final CurrentPerson currentPerson;

    PartnerJoinResource(PartnerService partners, EnrolmentService enrolments, CurrentPerson currentPerson) {
        this.partners = partners;
        this.enrolments = enrolments;
        this.currentPerson = currentPerson;
    }

    @GET
    public String show(@PathParam("code") String code) {
        PartnerInvite invite = partners.requireOpen(code);
        // why a newcomer cannot join is said before they sign up for nothing; who is already in the course may still accept
        boolean alreadyIn = currentPerson.get().map(p -> Enrolment.find(invite.course.id, p.id).isPresent()).orElse(false);
        return Templates.accept(invite, code, currentPerson.get().isPresent(), alreadyIn ? null : invite.course.joinRefusal()).render();
    }

    @POST
    @Authenticated
    public Response accept(@PathParam("code") String code) {
        try {
            Enrolment enrolment = partners.accept(code, currentPerson.id(), enrolments);
            return Redirects.seeOther("/courses/" + enrolment.course.id + (enrolment.profileComplete ? "" : "/profile"), "joined");
        } catch (InvalidInputException e) {
            String key = e.errors.all().values().iterator().next();
            return Response.status(409).entity(Templates.accept(partners.requireOpen(code), code, true, key)).build();
        }
    }
}
