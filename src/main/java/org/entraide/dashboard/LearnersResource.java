package org.entraide.dashboard;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.entraide.account.CurrentPerson;
import org.entraide.course.CourseService;
import org.entraide.profile.Enrolment;
import org.entraide.web.FormErrors;
import org.entraide.web.InvalidInputException;
import org.entraide.web.PageNumbers;
import org.jboss.resteasy.reactive.RestQuery;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;

/** The course team's list of learners, searched by name or e-mail and filtered by where they stand. */
@Path("/courses/{id}/manage/learners")
@Produces(MediaType.TEXT_HTML)
@Authenticated
public class LearnersResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance learners(Roster.RosterPage roster, Enrolment.Status[] statuses, FormErrors errors);
    }

    private final Roster roster;
    private final CourseService courses;
    private final CurrentPerson currentPerson;

    LearnersResource(Roster roster, CourseService courses, CurrentPerson currentPerson) {
        this.roster = roster;
        this.courses = courses;
        this.currentPerson = currentPerson;
    }

    @GET
    public Response page(@PathParam("id") long courseId, @RestQuery String q, @RestQuery String status, @RestQuery String page) {
        try {
            return Response.ok(Templates.learners(roster.page(courseId, currentPerson.id(), q, status, PageNumbers.parse(page)),
                    Enrolment.Status.values(), FormErrors.none())).build();
        } catch (InvalidInputException e) {
            Roster.RosterPage refused = Roster.RosterPage.refused(courses.requireTeam(courseId, currentPerson.id()), q);
            return Response.status(400).entity(Templates.learners(refused, Enrolment.Status.values(), e.errors)).build();
        }
    }
}
