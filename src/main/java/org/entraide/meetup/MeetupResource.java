package org.entraide.meetup;

import java.util.List;

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

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;

/** One meetup: details, "I am going" and the waiting list, the calendar file; for organizers, change, cancel, attendance. */
@Path("/meetups/{id}")
@Produces(MediaType.TEXT_HTML)
@Authenticated
public class MeetupResource {

    private static final String CALENDAR = "text/calendar;charset=UTF-8";

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance show(MeetupService.MeetupPage page, FormErrors errors, String typedMessage);

        static native TemplateInstance edit(MeetupService.MeetupPage page, MeetupForm form, List<Integer> lengths, FormErrors errors);
    }

    private final MeetupService meetups;
    private final CurrentPerson currentPerson;
    private final RequestContext context;

    MeetupResource(MeetupService meetups, CurrentPerson currentPerson, RequestContext context) {
        this.meetups = meetups;
        this.currentPerson = currentPerson;
        this.context = context;
    }

    @GET
    public String show(@PathParam("id") long meetupId) {
        return page(meetupId, FormErrors.none()).render();
    }

    @POST
    @Path("rsvp")
    public Response attend(@PathParam("id") long meetupId) {
        try {
            MeetupRsvp.Status status = meetups.attend(meetupId, currentPerson.id());
            return Redirects.seeOther("/meetups/" + meetupId, status == MeetupRsvp.Status.GOING ? "meetup-going" : "meetup-waitlisted");
        } catch (InvalidInputException e) {
            return refused(meetupId, e);
        }
    }

    /** "I am going to every date": the dates of the weekly series still to come that the learner has not answered. */
    @POST
    @Path("rsvp/series")
    public Response attendSeries(@PathParam("id") long meetupId) {
        try {
            meetups.attendSeries(meetupId, currentPerson.id());
            return Redirects.seeOther("/meetups/" + meetupId + "#series", "meetup-series-answered");
        } catch (InvalidInputException e) {
            return refused(meetupId, e);
        }
    }

    @POST
    @Path("rsvp/withdraw")
    public Response withdraw(@PathParam("id") long meetupId) {
        try {
            meetups.withdraw(meetupId, currentPerson.id());
            return Redirects.seeOther("/meetups/" + meetupId, "meetup-withdrawn");
        } catch (InvalidInputException e) {
            return refused(meetupId, e);
        }
    }

    @POST
    @Path("cancel")
    public Response cancel(@PathParam("id") long meetupId) {
        boolean cancelled = meetups.cancel(meetupId, currentPerson.id());
        return Redirects.seeOther("/meetups/" + meetupId, cancelled ? "meetup-cancelled" : "meetup-started");
    }

    @POST
    @Path("attendance")
    public Response attendance(@PathParam("id") long meetupId, @RestForm List<String> attended) {
        try {
            meetups.recordAttendance(meetupId, currentPerson.id(), attended);
            return Redirects.seeOther("/meetups/" + meetupId + "#attendance", "attendance-saved");
        } catch (InvalidInputException e) {
            return refused(meetupId, e);
        }
    }

    /** An organizer writes to those who answered; a refused message comes back with what was typed. */
    @POST
    @Path("messages")
    public Response write(@PathParam("id") long meetupId, @RestForm String message) {
        try {
            meetups.write(meetupId, currentPerson.id(), message);
            return Redirects.seeOther("/meetups/" + meetupId + "#messages", "meetup-message-sent");
        } catch (InvalidInputException e) {
            return Response.status(400).entity(Templates.show(meetups.page(meetupId, currentPerson.id(), context.locale()), e.errors,
                    message)).build();
        }
    }

    /** The form to change the meetup (organizers; until it starts). */
    @GET
    @Path("edit")
    public String editForm(@PathParam("id") long meetupId) {
        MeetupForm form = meetups.formOf(meetupId, currentPerson.id());
        return Templates.edit(meetups.page(meetupId, currentPerson.id(), context.locale()), form, MeetupService.LENGTHS, FormErrors.none())
                .render();
    }

    @POST
    @Path("edit")
    public Response edit(@PathParam("id") long meetupId, @RestForm String date, @RestForm String time, @RestForm String minutes,
            @RestForm String capacity, @RestForm String venue, @RestForm String address, @RestForm String description) {
        MeetupForm form = new MeetupForm(null, date, time, minutes, capacity, venue, address, description, null);
        try {
            meetups.change(meetupId, currentPerson.id(), form);
            return Redirects.seeOther("/meetups/" + meetupId, "meetup-changed");
        } catch (InvalidInputException e) {
            return Response.status(400).entity(Templates.edit(meetups.page(meetupId, currentPerson.id(), context.locale()), form,
                    MeetupService.LENGTHS, e.errors)).build();
        }
    }

    @GET
    @Path("calendar.ics")
    @Produces(CALENDAR)
    public Response calendar(@PathParam("id") long meetupId) {
        return Response.ok(meetups.calendar(meetupId, currentPerson.id(), context.locale()), CALENDAR)
                .header("Content-Disposition", "attachment; filename=\"entraide-meetup-" + meetupId + ".ics\"").build();
    }

    private Response refused(long meetupId, InvalidInputException e) {
        return Response.status(400).entity(page(meetupId, e.errors)).build();
    }

    private TemplateInstance page(long meetupId, FormErrors errors) {
        return Templates.show(meetups.page(meetupId, currentPerson.id(), context.locale()), errors, null);
    }
}
