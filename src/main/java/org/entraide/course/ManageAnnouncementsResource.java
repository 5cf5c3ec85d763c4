package org.entraide.course;

import java.time.Instant;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.entraide.account.CurrentPerson;
import org.entraide.web.FormErrors;
import org.entraide.web.InvalidInputException;
import org.entraide.web.Redirects;
import org.jboss.resteasy.reactive.RestForm;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;

/** The course team writes announcements to the course's learners, or to a part of them. */
@Path("/courses/{id}/manage/announcements")
@Produces(MediaType.TEXT_HTML)
@Authenticated
public class ManageAnnouncementsResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance manage(AnnouncementService.ManagePage page, String audience, String body, FormErrors errors);
    }

    private final AnnouncementService announcements;
    private final CurrentPerson currentPerson;

    ManageAnnouncementsResource(AnnouncementService announcements, CurrentPerson currentPerson) {
        this.announcements = announcements;
        this.currentPerson = currentPerson;
    }

    @GET
    public String page(@PathParam("id") long courseId) {
        return Templates.manage(announcements.managePage(courseId, currentPerson.id()), null, "", FormErrors.none()).render();
    }

    @POST
    public Response send(@PathParam("id") long courseId, @RestForm String audience, @RestForm String body) {
        long me = currentPerson.id();
        try {
            CourseAnnouncement sent = announcements.send(courseId, me, audience, body, Instant.now());
            return Redirects.seeOther("/courses/" + courseId + "/manage/announcements", sent.sending() ? "announcement-sending" : "announcement-sent");
        } catch (InvalidInputException e) {
            return Response.status(400).entity(Templates.manage(announcements.managePage(courseId, me), audience, body, e.errors)).build();
        }
    }

    @POST
    @Path("{announcementId}/try-again")
    public Response tryAgain(@PathParam("id") long courseId, @PathParam("announcementId") long announcementId) {
        announcements.tryAgain(courseId, currentPerson.id(), announcementId);
        return Redirects.seeOther("/courses/" + courseId + "/manage/announcements", "announcement-retrying");
    }
}
