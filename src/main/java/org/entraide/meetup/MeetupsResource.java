package org.entraide.meetup;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.entraide.account.CurrentPerson;
import org.entraide.web.RequestContext;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;

/** A course's meetups as its learners see them: near them first, then the others. */
@Path("/courses/{id}/meetups")
@Produces(MediaType.TEXT_HTML)
@Authenticated
public class MeetupsResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(MeetupService.CoursePage page);
    }

    private final MeetupService meetups;
    private final CurrentPerson currentPerson;
    private final RequestContext context;

    MeetupsResource(MeetupService meetups, CurrentPerson currentPerson, RequestContext context) {
        this.meetups = meetups;
        this.currentPerson = currentPerson;
        this.context = context;
    }

    @GET
    public String list(@PathParam("id") long courseId) {
        return Templates.list(meetups.coursePage(courseId, currentPerson.id(), context.locale())).render();
    }
}
