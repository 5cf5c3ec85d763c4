package org.entraide.group;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.entraide.account.CurrentPerson;
import org.entraide.workspace.GroupPost;
import org.entraide.workspace.PostService;
import org.entraide.workspace.SessionService;
import org.entraide.workspace.SessionService.SessionForm;
import org.entraide.web.FormErrors;
import org.entraide.web.InvalidInputException;
import org.entraide.web.Redirects;
import org.entraide.web.RequestContext;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;

/** The group page, the workspace: members and their contacts, common times, study sessions, messages, leave, report. */
@Path("/groups/{id}")
@Produces(MediaType.TEXT_HTML)
@Authenticated
public class GroupResource {

    private static final String CALENDAR = "text/calendar;charset=UTF-8";

    /** What was typed in the page's forms, shown again with a validation error so nothing is lost. */
    public record Typed(String reported, String reportReason, String leaveReason, String postBody, boolean question, String replyTo,
            String replyBody) {
        static final Typed NONE = new Typed(null, null, null, null, false, null, null);

        static Typed report(String reported, String reason) {
            return new Typed(reported, reason, null, null, false, null, null);
        }

        static Typed leave(String reason) {
            return new Typed(null, null, reason, null, false, null, null);
        }

        static Typed post(String body, boolean question, String replyTo) {
            boolean reply = replyTo != null && !replyTo.isBlank();
            return new Typed(null, null, null, reply ? null : body, question, reply ? replyTo : null, reply ? body : null);
        }

        public boolean reports(long personId) {
            return Long.toString(personId).equals(reported);
        }

        /** Whether the reply form of this thread was the one sent. */
        public boolean repliesTo(long threadId) {
            return Long.toString(threadId).equals(replyTo);
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance group(GroupService.GroupView view, SessionService.Sessions sessions, PostService.Posts posts,
                FormErrors errors, Typed typed);
    }

    private final GroupService groups;
    private final SessionService sessions;
    private final PostService posts;
    private final CurrentPerson currentPerson;
    private final RequestContext context;

    GroupResource(GroupService groups, SessionService sessions, PostService posts, CurrentPerson currentPerson, RequestContext context) {
        this.groups = groups;
        this.sessions = sessions;
        this.posts = posts;
        this.currentPerson = currentPerson;
        this.context = context;
    }

    /** The page; {@code page} picks older messages (1, the default, is the most recent; anything unreadable is 1). */
    @GET
    public String show(@PathParam("id") long groupId, @RestQuery String page) {
        return page(groupId, FormErrors.none(), Typed.NONE, null, pageNumber(page)).render();
    }

    @POST
    @Path("posts")
    public Response writePost(@PathParam("id") long groupId, @RestForm String body, @RestForm String question,
            @RestForm String replyTo) {
        boolean asks = "on".equals(question);
        try {
            GroupPost post = posts.write(groupId, currentPerson.id(), body, asks, replyTo);
            return Redirects.seeOther("/groups/" + groupId + "#post-" + post.id, "post-sent");
        } catch (InvalidInputException e) {
            return Response.status(400).entity(page(groupId, e.errors, Typed.post(body, asks, replyTo), null, 1)).build();
        }
    }

    @POST
    @Path("posts/{postId}/delete")
    public Response deletePost(@PathParam("id") long groupId, @PathParam("postId") long postId) {
        posts.delete(groupId, postId, currentPerson.id());
        return Redirects.seeOther("/groups/" + groupId + "#messages", "post-deleted");
    }

    @POST
    @Path("sessions")
    public Response planSession(@PathParam("id") long groupId, @RestForm String date, @RestForm String time, @RestForm String minutes,
            @RestForm String topic, @RestForm String place) {
        SessionForm form = new SessionForm(date, time, minutes, topic, place);
        try {
            sessions.plan(groupId, currentPerson.id(), form);
            return Redirects.seeOther("/groups/" + groupId + "#sessions", "session-planned");
        } catch (InvalidInputException e) {
            return Response.status(400).entity(page(groupId, e.errors, Typed.NONE, form, 1)).build();
        }
    }

    @POST
    @Path("sessions/{sessionId}/cancel")
    public Response cancelSession(@PathParam("id") long groupId, @PathParam("sessionId") long sessionId) {
        boolean cancelled = sessions.cancel(groupId, sessionId, currentPerson.id());
        return Redirects.seeOther("/groups/" + groupId + "#sessions", cancelled ? "session-cancelled" : "session-over");
    }

    /** One session as a calendar file, for "Add to my calendar". */
    @GET
    @Path("sessions/{sessionId}/calendar.ics")
    @Produces(CALENDAR)
    public Response sessionCalendar(@PathParam("id") long groupId, @PathParam("sessionId") long sessionId) {
        return calendarFile(sessions.calendar(groupId, sessionId, currentPerson.id(), context.locale()), "session-" + sessionId);
    }

    /** All the group's sessions (cancelled ones marked so), to import at once. */
    @GET
    @Path("calendar.ics")
    @Produces(CALENDAR)
    public Response groupCalendar(@PathParam("id") long groupId) {
        return calendarFile(sessions.calendar(groupId, null, currentPerson.id(), context.locale()), "group-" + groupId);
    }

    private static Response calendarFile(String body, String name) {
        return Response.ok(body, CALENDAR).header("Content-Disposition", "attachment; filename=\"entraide-" + name + ".ics\"").build();
    }

    /** The page, with the planning form as typed (when refused) or prefilled with the next common time. */
    private TemplateInstance page(long groupId, FormErrors errors, Typed typed, SessionForm sessionForm, int postsPage) {
        long me = currentPerson.id();
        GroupService.GroupView view = groups.view(groupId, me, context.locale());
        return Templates.group(view, sessions.view(view, me, context.locale(), sessionForm), posts.view(view, me, context.locale(), postsPage),
                errors, typed);
    }

    private static int pageNumber(String page) {
        try {
            return page == null ? 1 : Integer.parseInt(page.strip());
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    @POST
    @Path("leave")
    public Response leave(@PathParam("id") long groupId, @RestForm String reason) {
        long me = currentPerson.id();
        try {
            long courseId = groups.requireMember(groupId, me).course.id;
            groups.leave(groupId, me, reason);
            return Redirects.seeOther("/courses/" + courseId, "group-left");
        } catch (InvalidInputException e) {
            return Response.status(400).entity(page(groupId, e.errors, Typed.leave(reason), null, 1)).build();
        }
    }

    @POST
    @Path("report")
    public Response report(@PathParam("id") long groupId, @RestForm String reported, @RestForm String reason) {
        long me = currentPerson.id();
        try {
            long reportedId;
            try {
                reportedId = Long.parseLong(reported == null ? "" : reported);
            } catch (NumberFormatException e) {
                throw InvalidInputException.of("reported", "error.invalid-choice");
            }
            groups.report(groupId, me, reportedId, reason);
            return Redirects.seeOther("/groups/" + groupId, "report-sent");
        } catch (InvalidInputException e) {
            return Response.status(400).entity(page(groupId, e.errors, Typed.report(reported, reason), null, 1)).build();
        }
    }
}
