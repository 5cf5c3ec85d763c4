package org.entraide.course;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.entraide.account.CurrentPerson;
import org.entraide.profile.Enrolment;
import org.entraide.profile.EnrolmentService;
import org.entraide.web.InvalidInputException;
import org.entraide.web.Redirects;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;

/** The course invite link: a presentation for anyone holding it, then joining as a learner. */
@Path("/join/{code}")
@Produces(MediaType.TEXT_HTML)
public class JoinResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance join(Course course, String code, boolean signedIn, boolean alreadyIn, String errorKey);
    }

    private final EnrolmentService enrolments;
    private final CurrentPerson currentPerson;

    JoinResource(EnrolmentService enrolments, CurrentPerson currentPerson) {
        this.enrolments = enrolments;
        this.currentPerson = currentPerson;
    }

    @GET
    public String presentation(@PathParam("code") String code) {
        Course course = course(code);
        boolean alreadyIn = currentPerson.get().map(p -> Enrolment.find(course.id, p.id).isPresent()).orElse(false);
        return Templates.join(course, code, currentPerson.get().isPresent(), alreadyIn, course.joinRefusal()).render();
    }

    @POST
    @Authenticated
    public Response join(@PathParam("code") String code) {
        try {
            EnrolmentService.Joined joined = enrolments.joinByInvite(code, currentPerson.id());
            Enrolment enrolment = joined.enrolment();
            String course = "/courses/" + enrolment.course.id;
            if (joined.prefilled()) { // from the first step, so that the learner checks what was carried over
                return Redirects.seeOther(course + "/profile/where", "joined-prefilled");
            }
            return Redirects.seeOther(enrolment.profileComplete ? course : course + "/profile", "joined");
        } catch (InvalidInputException e) {
            Course course = course(code);
            return Response.status(409).entity(Templates.join(course, code, true, false, e.errors.get("course"))).build();
        }
    }

    private static Course course(String code) {
        return Course.findByInviteCode(code).orElseThrow(NotFoundException::new);
    }
}
