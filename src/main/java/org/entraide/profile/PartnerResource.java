package org.entraide.profile;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.entraide.account.CurrentPerson;
import org.entraide.course.Course;
import org.entraide.web.FormErrors;
import org.entraide.web.InvalidInputException;
import org.entraide.web.Redirects;
import org.jboss.resteasy.reactive.RestForm;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;

/** Bring a partner: a learner's personal links, and both sides' answer to "study together?". */
@Path("/courses/{id}/partners")
@Produces(MediaType.TEXT_HTML)
@Authenticated
public class PartnerResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance invite(Course course, List<PartnerService.PartnerView> partners, FormErrors errors,
                RelationKind[] relationKinds);

        static native TemplateInstance choiceRefused(Course course, String errorKey);

    }

    private final PartnerService partners;
    private final EnrolmentService enrolments;
    private final CurrentPerson currentPerson;

    PartnerResource(PartnerService partners, EnrolmentService enrolments, CurrentPerson currentPerson) {
        this.partners = partners;
        this.enrolments = enrolments;
        this.currentPerson = currentPerson;
    }

    @GET
    public String inviteForm(@PathParam("id") long courseId) {
        Enrolment enrolment = myEnrolment(courseId);
        return Templates.invite(enrolment.course, partners.partnersOf(courseId, currentPerson.id()), FormErrors.none(), RelationKind.values()).render();
    }

    @POST
    public Response createInvite(@PathParam("id") long courseId, @RestForm String relationKind) {
        Enrolment enrolment = myEnrolment(courseId);
        try {
            partners.create(courseId, currentPerson.id(), relationKind);
            return Redirects.seeOther("/courses/" + courseId + "/partners", "partner-invite-created");
        } catch (InvalidInputException e) {
            return Response.status(400).entity(Templates.invite(enrolment.course, partners.partnersOf(courseId, currentPerson.id()),
                    e.errors, RelationKind.values())).build();
        }
    }

    @POST
    @Path("{inviteId}/choice")
    public Response choose(@PathParam("id") long courseId, @PathParam("inviteId") long inviteId, @RestForm String choice) {
        try {
            if (partners.choose(courseId, inviteId, currentPerson.id(), choice) == PartnerService.ChoiceOutcome.DIFFERED) {
                return Redirects.seeOther("/courses/" + courseId, "partner-choices-differed");
            }
            return Redirects.seeOther("/courses/" + courseId, "partner-choice");
        } catch (InvalidInputException e) {
            // a repeated answer conflicts with what is stored (409); an unknown or unoffered choice is a bad request (400)
            int status = e.errors.has(PartnerService.ALREADY_ANSWERED) ? 409 : 400;
            String key = e.errors.all().values().iterator().next();
            return Response.status(status).entity(Templates.choiceRefused(myEnrolment(courseId).course, key)).build();
        }
    }

    private Enrolment myEnrolment(long courseId) {
        return enrolments.of(courseId, currentPerson.id()).orElseThrow(NotFoundException::new);
    }

}
