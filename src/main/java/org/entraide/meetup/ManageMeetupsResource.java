package org.entraide.meetup;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.entraide.account.CurrentPerson;
import org.entraide.meetup.MeetupService.MeetupForm;
import org.entraide.web.FormErrors;
import org.entraide.web.InvalidInputException;
import org.entraide.web.Redirects;
import org.entraide.web.RequestContext;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;

/** The organizers' tools: where learners want meetups, scheduling one, the meetups to come and past. */
@Path("/courses/{id}/manage/meetups")
@Produces(MediaType.TEXT_HTML)
@Authenticated
public class ManageMeetupsResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance manage(MeetupService.ManagePage page, FormErrors errors);

        static native TemplateInstance create(MeetupService.NewPage page, FormErrors errors);
    }

    private final MeetupService meetups;
    private final OrganizerInvites organizerInvites;
    private final CurrentPerson currentPerson;
    private final RequestContext context;

    ManageMeetupsResource(MeetupService meetups, OrganizerInvites organizerInvites, CurrentPerson currentPerson, RequestContext context) {
        this.meetups = meetups;
        this.organizerInvites = organizerInvites;
        this.currentPerson = currentPerson;
        this.context = context;
    }

    @GET
    public String manage(@PathParam("id") long courseId) {
        return Templates.manage(meetups.managePage(courseId, currentPerson.id(), context.locale()), FormErrors.none()).render();
    }

    /** The scheduling form; {@code placeId} picks the city (from a demand cluster or a search), {@code q} searches one. */
    @GET
    @Path("new")
    public String createForm(@PathParam("id") long courseId, @RestQuery String placeId, @RestQuery String q) {
        return Templates.create(meetups.newPage(courseId, currentPerson.id(), placeId, q, context.locale()), FormErrors.none()).render();
    }

    @POST
    public Response create(@PathParam("id") long courseId, @RestForm String placeId, @RestForm String date, @RestForm String time,
            @RestForm String minutes, @RestForm String capacity, @RestForm String venue, @RestForm String address,
            @RestForm String description, @RestForm String weeks) {
        MeetupForm form = new MeetupForm(placeId, date, time, minutes, capacity, venue, address, description, weeks);
        try {
            Meetup meetup = meetups.create(courseId, currentPerson.id(), form);
            return Redirects.seeOther("/meetups/" + meetup.id, "meetup-scheduled");
        } catch (InvalidInputException e) {
            return Response.status(400)
                    .entity(Templates.create(meetups.newPage(courseId, currentPerson.id(), form, null, context.locale()), e.errors)).build();
        }
    }

    /** Asks the learners around a place who offered to help organise meetups to become organizers of the course. */
    @POST
    @Path("volunteers")
    public Response askVolunteers(@PathParam("id") long courseId, @RestForm String placeId) {
        int asked = organizerInvites.ask(courseId, currentPerson.id(), placeId, context.locale());
        return Redirects.seeOther("/courses/" + courseId + "/manage/meetups#demand", asked > 0 ? "volunteers-asked" : "volunteers-none");
    }

    /** An organizer stops organizing meetups for the course, after ticking the confirmation next to the button. */
    @POST
    @Path("stop")
    public Response stopOrganizing(@PathParam("id") long courseId, @RestForm String confirm) {
        try {
            organizerInvites.stopOrganizing(courseId, currentPerson.id(), confirm);
            return Redirects.seeOther("/courses", "organizer-stopped");
        } catch (InvalidInputException e) {
            return Response.status(400).entity(Templates.manage(meetups.managePage(courseId, currentPerson.id(), context.locale()), e.errors))
                    .build();
        }
    }
}
