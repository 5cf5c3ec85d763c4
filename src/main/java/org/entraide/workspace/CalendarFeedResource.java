package org.entraide.workspace;

import java.time.Instant;

import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;

import org.entraide.account.CalendarLink;
import org.entraide.account.Person;
import org.entraide.web.I18n;

/**
 * A person's calendar feed, polled by calendar apps that cannot sign in: the secret address is the key (see
 * {@link CalendarLink}). It holds the sessions of their groups and the meetups they go to, cancelled ones marked so.
 */
@Path("/calendar")
public class CalendarFeedResource {

    private static final String CALENDAR = "text/calendar;charset=UTF-8";

    private final CalendarLink calendarLink;
    private final Event<CalendarFeed> gathering;

    CalendarFeedResource(CalendarLink calendarLink, Event<CalendarFeed> gathering) {
        this.calendarLink = calendarLink;
        this.gathering = gathering;
    }

    @GET
    @Path("{token}.ics")
    @Produces(CALENDAR)
    @Transactional
    public Response feed(@PathParam("token") String token) {
        Person person = calendarLink.holder(token).orElseThrow(NotFoundException::new);
        Instant now = Instant.now();
        CalendarFeed feed = new CalendarFeed(person.id, person.mailLocale(), now);
        gathering.fire(feed);
        CalendarFile file = new CalendarFile(I18n.message(feed.locale(), "calendar.name"), now);
        feed.events().forEach(file::add);
        return Response.ok(file.build(), CALENDAR).build();
    }
}
