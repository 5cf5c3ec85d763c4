package org.entraide.group;

import java.util.Locale;
import java.util.function.Supplier;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.entraide.account.CurrentPerson;
import org.entraide.workspace.CheckinService;
import org.entraide.workspace.CheckinService.CheckinForm;
import org.entraide.workspace.GroupPost;
import org.entraide.workspace.NoteService;
import org.entraide.workspace.NoteService.NoteForm;
import org.entraide.workspace.PostService;
import org.entraide.workspace.SessionService;
import org.entraide.workspace.SessionService.SessionForm;
import org.entraide.workspace.TaskService;
import org.entraide.workspace.TaskService.CommentForm;
import org.entraide.workspace.TaskService.TaskForm;
import org.entraide.web.FormErrors;
import org.entraide.web.InvalidInputException;
import org.entraide.web.PageNumbers;
import org.entraide.web.Redirects;
import org.entraide.web.RequestContext;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;

/** The group page, the workspace: members and contacts, common times, study sessions, messages, tasks, check-ins, notes, leave, report. */
@Path("/groups/{id}")
@Produces(MediaType.TEXT_HTML)
@Authenticated
public class GroupResource {

    private static final String CALENDAR = "text/calendar;charset=UTF-8";

    /** What was typed in the page's forms, shown again with a validation error so nothing is lost. */
    public record Typed(String reported, String reportReason, String leaveReason, String postBody, boolean question, String replyTo,
            String replyBody, SessionForm session, TaskForm task, CommentForm comment, CheckinForm checkin, NoteForm note) {
        static final Typed NONE = new Typed(null, null, null, null, false, null, null, null, null, null, null, null);

        static Typed report(String reported, String reason) {
            return new Typed(reported, reason, null, null, false, null, null, null, null, null, null, null);
        }

        static Typed leave(String reason) {
            return new Typed(null, null, reason, null, false, null, null, null, null, null, null, null);
        }

        static Typed post(String body, boolean question, String replyTo) {
            boolean reply = replyTo != null && !replyTo.isBlank();
            return new Typed(null, null, null, reply ? null : body, question, reply ? replyTo : null, reply ? body : null, null, null, null,
                    null, null);
        }

        static Typed session(SessionForm form) {
            return new Typed(null, null, null, null, false, null, null, form, null, null, null, null);
        }

        static Typed task(TaskForm form) {
            return new Typed(null, null, null, null, false, null, null, null, form, null, null, null);
        }

        static Typed comment(CommentForm form) {
            return new Typed(null, null, null, null, false, null, null, null, null, form, null, null);
        }

        static Typed checkin(CheckinForm form) {
            return new Typed(null, null, null, null, false, null, null, null, null, null, form, null);
        }

        static Typed note(NoteForm form) {
            return new Typed(null, null, null, null, false, null, null, null, null, null, null, form);
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
                TaskService.Tasks tasks, CheckinService.Checkins checkins, NoteService.Notes notes, FormErrors errors, Typed typed);

        static native TemplateInstance changeSession(SessionService.Change change, FormErrors errors);

        static native TemplateInstance changeTask(TaskService.Change change, FormErrors errors);
    }

    private final GroupService groups;
    private final SessionService sessions;
    private final PostService posts;
    private final TaskService tasks;
    private final CheckinService checkins;
    private final NoteService notes;
    private final CurrentPerson currentPerson;
    private final RequestContext context;

    GroupResource(GroupService groups, SessionService sessions, PostService posts, TaskService tasks, CheckinService checkins,
            NoteService notes, CurrentPerson currentPerson, RequestContext context) {
        this.groups = groups;
        this.sessions = sessions;
        this.posts = posts;
        this.tasks = tasks;
        this.checkins = checkins;
        this.notes = notes;
        this.currentPerson = currentPerson;
        this.context = context;
    }

    /** The page; {@code page} picks older messages (1, the default, is the most recent; anything unreadable is 1). */
    @GET
    public String show(@PathParam("id") long groupId, @RestQuery String page) {
        return page(groupId, FormErrors.none(), Typed.NONE, PageNumbers.parse(page)).render();
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
            return Response.status(400).entity(page(groupId, e.errors, Typed.post(body, asks, replyTo), 1)).build();
        }
    }

    @POST
    @Path("posts/{postId}/delete")
    public Response deletePost(@PathParam("id") long groupId, @PathParam("postId") long postId) {
        posts.delete(groupId, postId, currentPerson.id());
        return Redirects.seeOther("/groups/" + groupId + "#messages", "post-deleted");
    }

    @POST
    @Path("posts/{postId}/answer")
    public Response chooseAnswer(@PathParam("id") long groupId, @PathParam("postId") long postId, @RestForm String reply) {
        posts.chooseAnswer(groupId, postId, currentPerson.id(), reply);
        boolean cleared = reply == null || reply.isBlank();
        return Redirects.seeOther("/groups/" + groupId + "#post-" + postId, cleared ? "answer-cleared" : "answer-chosen");
    }

    @POST
    @Path("sessions")
    public Response planSession(@PathParam("id") long groupId, @RestForm String date, @RestForm String time, @RestForm String minutes,
            @RestForm String topic, @RestForm String place, @RestForm String weeks) {
        SessionForm form = new SessionForm(date, time, minutes, topic, place, weeks);
        try {
            boolean series = sessions.plan(groupId, currentPerson.id(), form).size() > 1;
            return Redirects.seeOther("/groups/" + groupId + "#sessions", series ? "sessions-planned" : "session-planned");
        } catch (InvalidInputException e) {
            return Response.status(400).entity(page(groupId, e.errors, Typed.session(form), 1)).build();
        }
    }

    @POST
    @Path("sessions/{sessionId}/cancel")
    public Response cancelSession(@PathParam("id") long groupId, @PathParam("sessionId") long sessionId, @RestForm String which) {
        if (which != null && !"this".equals(which) && !"later".equals(which)) {
            throw new BadRequestException("which is this or later: " + which); // two buttons send it; nobody types it
        }
        boolean laterOnesToo = "later".equals(which);
        boolean cancelled = sessions.cancel(groupId, sessionId, currentPerson.id(), laterOnesToo);
        return Redirects.seeOther("/groups/" + groupId + "#sessions",
                !cancelled ? "session-over" : laterOnesToo ? "sessions-cancelled" : "session-cancelled");
    }

    /** The form to change a session to come (its planner, or anyone once the planner has gone). */
    @GET
    @Path("sessions/{sessionId}/edit")
    public Object changeSessionForm(@PathParam("id") long groupId, @PathParam("sessionId") long sessionId) {
        try {
            return Templates.changeSession(sessions.changeForm(groupId, sessionId, currentPerson.id(), null), FormErrors.none());
        } catch (InvalidInputException e) {
            return Redirects.seeOther("/groups/" + groupId + "#sessions", "session-closed");
        }
    }

    @POST
    @Path("sessions/{sessionId}/edit")
    public Response changeSession(@PathParam("id") long groupId, @PathParam("sessionId") long sessionId, @RestForm String date,
            @RestForm String time, @RestForm String minutes, @RestForm String topic, @RestForm String place) {
        SessionForm form = new SessionForm(date, time, minutes, topic, place);
        try {
            sessions.change(groupId, sessionId, currentPerson.id(), form);
            return Redirects.seeOther("/groups/" + groupId + "#session-" + sessionId, "session-changed");
        } catch (InvalidInputException e) {
            return refusedChange(() -> Templates.changeSession(sessions.changeForm(groupId, sessionId, currentPerson.id(), form), e.errors),
                    "/groups/" + groupId + "#sessions", "session-closed");
        }
    }

    @POST
    @Path("sessions/{sessionId}/answer")
    public Response answerSession(@PathParam("id") long groupId, @PathParam("sessionId") long sessionId, @RestForm String coming) {
        try {
            sessions.answer(groupId, sessionId, currentPerson.id(), coming);
            return Redirects.seeOther("/groups/" + groupId + "#session-" + sessionId, "session-answered");
        } catch (InvalidInputException e) {
            return Response.status(409).entity(page(groupId, e.errors, Typed.NONE, 1)).build();
        }
    }

    /** Takes the facilitator role ({@code member} is oneself) or, as the facilitator, passes it to another member. */
    @POST
    @Path("facilitator")
    public Response facilitate(@PathParam("id") long groupId, @RestForm String member) {
        try {
            groups.facilitate(groupId, currentPerson.id(), member);
            return Redirects.seeOther("/groups/" + groupId + "#facilitator", "facilitator-changed");
        } catch (InvalidInputException e) {
            return Response.status(400).entity(page(groupId, e.errors, Typed.NONE, 1)).build();
        }
    }

    @POST
    @Path("facilitator/stop")
    public Response stopFacilitating(@PathParam("id") long groupId) {
        groups.stopFacilitating(groupId, currentPerson.id());
        return Redirects.seeOther("/groups/" + groupId + "#facilitator", "facilitator-stopped");
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

    /** The page, with the forms as typed (when refused), else prefilled (the next common time, one's own check-in). */
    private TemplateInstance page(long groupId, FormErrors errors, Typed typed, int postsPage) {
        long me = currentPerson.id();
        Locale locale = context.locale();
        GroupService.GroupView view = groups.view(groupId, me, locale);
        return Templates.group(view, sessions.view(view, me, locale, typed.session()), posts.view(view, me, locale, postsPage),
                tasks.view(view, me, locale, typed.task(), typed.comment()), checkins.view(view, me, locale, typed.checkin()),
                notes.view(view, locale, typed.note()),
                errors, typed);
    }

    @POST
    @Path("tasks")
    public Response addTask(@PathParam("id") long groupId, @RestForm String title, @RestForm String dueOn, @RestForm String assignee) {
        TaskForm form = new TaskForm(title, dueOn, assignee);
        try {
            tasks.add(groupId, currentPerson.id(), form);
            return Redirects.seeOther("/groups/" + groupId + "#tasks", "task-added");
        } catch (InvalidInputException e) {
            return Response.status(400).entity(page(groupId, e.errors, Typed.task(form), 1)).build();
        }
    }

    @POST
    @Path("tasks/{taskId}/comments")
    public Response commentOnTask(@PathParam("id") long groupId, @PathParam("taskId") long taskId, @RestForm String comment) {
        try {
            tasks.comment(groupId, taskId, currentPerson.id(), comment);
            return Redirects.seeOther("/groups/" + groupId + "#task-" + taskId, "comment-added");
        } catch (InvalidInputException e) {
            Typed typed = Typed.comment(new CommentForm(Long.toString(taskId), comment));
            return Response.status(400).entity(page(groupId, e.errors, typed, 1)).build();
        }
    }

    /** The form to change an open task (any member: the list is shared). */
    @GET
    @Path("tasks/{taskId}/edit")
    public Object changeTaskForm(@PathParam("id") long groupId, @PathParam("taskId") long taskId) {
        try {
            return Templates.changeTask(tasks.changeForm(groupId, taskId, currentPerson.id(), null), FormErrors.none());
        } catch (InvalidInputException e) {
            return Redirects.seeOther("/groups/" + groupId + "#tasks", "task-closed");
        }
    }

    @POST
    @Path("tasks/{taskId}/edit")
    public Response changeTask(@PathParam("id") long groupId, @PathParam("taskId") long taskId, @RestForm String title,
            @RestForm String dueOn, @RestForm String assignee) {
        TaskForm form = new TaskForm(title, dueOn, assignee);
        try {
            tasks.change(groupId, taskId, currentPerson.id(), form);
            return Redirects.seeOther("/groups/" + groupId + "#task-" + taskId, "task-updated");
        } catch (InvalidInputException e) {
            return refusedChange(() -> Templates.changeTask(tasks.changeForm(groupId, taskId, currentPerson.id(), form), e.errors),
                    "/groups/" + groupId + "#tasks", "task-closed");
        }
    }

    /**
     * A refused change of a session or task: its form again, with what was typed and the errors; or, when it was closed
     * meanwhile (cancelled, started, done), back to the group page with a notice.
     */
    private static Response refusedChange(Supplier<TemplateInstance> form, String closedTo, String closedFlash) {
        try {
            return Response.status(400).entity(form.get()).build();
        } catch (InvalidInputException closed) {
            return Redirects.seeOther(closedTo, closedFlash);
        }
    }

    @POST
    @Path("tasks/{taskId}/toggle")
    public Response toggleTask(@PathParam("id") long groupId, @PathParam("taskId") long taskId) {
        tasks.toggle(groupId, taskId, currentPerson.id());
        return Redirects.seeOther("/groups/" + groupId + "#tasks", "task-updated");
    }

    @POST
    @Path("tasks/{taskId}/delete")
    public Response deleteTask(@PathParam("id") long groupId, @PathParam("taskId") long taskId) {
        tasks.delete(groupId, taskId, currentPerson.id());
        return Redirects.seeOther("/groups/" + groupId + "#tasks", "task-deleted");
    }

    @POST
    @Path("checkins")
    public Response checkIn(@PathParam("id") long groupId, @RestForm String progress, @RestForm String done, @RestForm String help) {
        CheckinForm form = new CheckinForm(progress, done, help);
        try {
            checkins.save(groupId, currentPerson.id(), form);
            return Redirects.seeOther("/groups/" + groupId + "#checkins", "checkin-saved");
        } catch (InvalidInputException e) {
            return Response.status(400).entity(page(groupId, e.errors, Typed.checkin(form), 1)).build();
        }
    }

    @POST
    @Path("note")
    public Response saveNote(@PathParam("id") long groupId, @RestForm String body, @RestForm String version) {
        NoteForm form = new NoteForm(body, version);
        try {
            notes.save(groupId, currentPerson.id(), form);
            return Redirects.seeOther("/groups/" + groupId + "#notes", "note-saved");
        } catch (InvalidInputException e) {
            return Response.status(e.errors.get("note").equals("error.note-conflict") ? 409 : 400)
                    .entity(page(groupId, e.errors, Typed.note(form), 1)).build();
        }
    }

    @POST
    @Path("note/versions/{versionId}/restore")
    public Response restoreNote(@PathParam("id") long groupId, @PathParam("versionId") long versionId) {
        notes.restore(groupId, versionId, currentPerson.id());
        return Redirects.seeOther("/groups/" + groupId + "#notes", "note-restored");
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
            return Response.status(400).entity(page(groupId, e.errors, Typed.leave(reason), 1)).build();
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
            return Response.status(400).entity(page(groupId, e.errors, Typed.report(reported, reason), 1)).build();
        }
    }
}
