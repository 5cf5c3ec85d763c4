package org.entraide.course;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.entraide.account.CurrentPerson;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;

/** A learner reads the announcements the course team sent them. */
@Path("/courses/{id}/announcements")
@Produces(MediaType.TEXT_HTML)
@Authenticated
public class AnnouncementsResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance received(AnnouncementService.Received page);
    }

    private final AnnouncementService announcements;
    private final CurrentPerson currentPerson;

    AnnouncementsResource(AnnouncementService announcements, CurrentPerson currentPerson) {
        this.announcements = announcements;
        this.currentPerson = currentPerson;
    }

    @GET
    public String page(@PathParam("id") long courseId) {
        return Templates.received(announcements.received(courseId, currentPerson.id())).render();
    }
}
