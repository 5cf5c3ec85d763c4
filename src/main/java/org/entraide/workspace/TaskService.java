package org.entraide.workspace;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;

import org.entraide.account.AccountExport;
import org.entraide.account.Person;
import org.entraide.group.GroupMember;
import org.entraide.group.GroupService;
import org.entraide.group.LearningGroup;
import org.entraide.notify.NotificationKind;
import org.entraide.notify.NotificationService;
import org.entraide.profile.Enrolment;
import org.entraide.web.Dates;
import org.entraide.web.FormErrors;
import org.entraide.web.InvalidInputException;
import org.entraide.web.Texts;

import io.quarkus.security.ForbiddenException;

/** The group's shared task list: any member adds a task (optionally due by a date, optionally for someone), ticks it off. */
@ApplicationScoped
public class TaskService {

    /** Open tasks a group may have at once: a bound on what one member can add, far above a real list. */
    static final int OPEN_MAX = 100;
    static final int DONE_SHOWN = 10;
    static final int COMMENTS_MAX = 50;

    private final GroupService groups;
    private final NotificationService notifications;

    TaskService(GroupService groups, NotificationService notifications) {
        this.groups = groups;
        this.notifications = notifications;
    }

    /** The form's fields as typed: title, due date yyyy-mm-dd (optional), assignee's person id (optional). */
    public record TaskForm(String title, String dueOn, String assignee) {
        static final TaskForm EMPTY = new TaskForm(null, null, null);

        public boolean assigns(long personId) {
            return Long.toString(personId).equals(assignee);
        }
    }

    /** The comment form as typed under one task (its id as sent). */
    public record CommentForm(String taskId, String body) {
        static final CommentForm EMPTY = new CommentForm(null, null);

        /** Whether this is the form of that task (to show it open, with what was typed and its error). */
        public boolean under(long taskId) {
            return Long.toString(taskId).equals(this.taskId);
        }
    }

    /** A comment as one member sees it, its time in their zone. */
    public record CommentView(String author, boolean mine, String body, String when) {
    }

    /** A task as one member sees it. */
    public record TaskView(long id, String title, String due, boolean overdue, String assignee, boolean mine, boolean done, String doneBy,
            boolean canDelete, List<CommentView> comments) {
    }

    public record Tasks(List<TaskView> open, List<TaskView> done, TaskForm form, CommentForm comment) {
    }

    public Tasks view(GroupService.GroupView group, long personId, Locale locale, TaskForm typed, CommentForm typedComment) {
        long groupId = group.group().id;
        ZoneId zone = ZoneId.of(group.viewerZone());
        LocalDate today = LocalDate.now(zone);
        List<Long> memberIds = group.members().stream().map(GroupService.MemberView::personId).toList();
        DateTimeFormatter dates = Dates.date(FormatStyle.MEDIUM, locale);
        DateTimeFormatter times = Dates.dateTime(FormatStyle.MEDIUM, FormatStyle.SHORT, locale)
                .withZone(zone);
        List<GroupTask> open = GroupTask.open(groupId);
        List<GroupTask> done = GroupTask.recentlyDone(groupId, DONE_SHOWN);
        Map<Long, List<CommentView>> comments = TaskComment.under(Stream.concat(open.stream(), done.stream()).map(t -> t.id).toList())
                .stream().collect(Collectors.groupingBy(c -> c.task.id, Collectors.mapping(
                        c -> new CommentView(c.author.firstName(), c.author.id == personId, c.body, times.format(c.createdAt)),
                        Collectors.toList())));
        return new Tasks(open.stream().map(t -> view(t, personId, memberIds, today, dates, comments.getOrDefault(t.id, List.of()))).toList(),
                done.stream().map(t -> view(t, personId, memberIds, today, dates, comments.getOrDefault(t.id, List.of()))).toList(),
                typed == null ? TaskForm.EMPTY : typed, typedComment == null ? CommentForm.EMPTY : typedComment);
    }

    private static TaskView view(GroupTask task, long personId, List<Long> memberIds, LocalDate today, DateTimeFormatter dates,
            List<CommentView> comments) {
        return new TaskView(task.id, task.title, task.dueOn == null ? null : dates.format(task.dueOn),
                !task.done() && task.dueOn != null && task.dueOn.isBefore(today), task.assignee == null ? null : task.assignee.firstName(),
                task.assignee != null && task.assignee.id == personId, task.done(), task.doneBy == null ? null : task.doneBy.firstName(),
                mayDelete(task, personId, memberIds), comments);
    }

    /** Adds a task; someone it is given to (other than its author) is told. */
    @Transactional
    public GroupTask add(long groupId, long personId, TaskForm form) {
        LearningGroup group = groups.requireMember(groupId, personId);
        FormErrors errors = new FormErrors();
        Checked checked = validated(group, personId, form, errors);
        if (GroupTask.countOpen(groupId) >= OPEN_MAX) {
            errors.add("title", "error.task-limit");
        }
        errors.throwIfAny();

        GroupTask task = new GroupTask();
        task.group = group;
        task.createdBy = Person.findById(personId);
        task.createdAt = Instant.now();
        checked.applyTo(task);
        task.persist();
        group.lastActivityAt = task.createdAt;
        tellAssignee(task, personId);
        return task;
    }

    /** What the change form of a task needs: the group, its current members to give it to, the task as its form shows it. */
    public record Change(LearningGroup group, long taskId, List<Assignable> members, TaskForm form) {
    }

    /** A member a task can be given to. */
    public record Assignable(long personId, String firstName, boolean me) {
    }

    /** The change form of an open task, filled with what was typed, or else with the task as it is. */
    public Change changeForm(long groupId, long taskId, long personId, TaskForm typed) {
        GroupTask task = openTaskOf(groups.requireMember(groupId, personId), taskId);
        TaskForm current = new TaskForm(task.title, task.dueOn == null ? "" : task.dueOn.toString(),
                task.assignee == null ? "" : Long.toString(task.assignee.id));
        List<Assignable> members = GroupMember.current(groupId).stream()
                .map(m -> new Assignable(m.person.id, m.person.firstName(), m.person.id == personId)).toList();
        return new Change(task.group, taskId, members, typed == null ? current : typed);
    }

    /**
     * Changes an open task's title, date or who takes it: any member may, as the list is shared. Someone it is newly
     * given to (other than who changed it) is told.
     */
    @Transactional
    public void change(long groupId, long taskId, long personId, TaskForm form) {
        LearningGroup group = groups.requireMember(groupId, personId);
        GroupTask task = openTaskOf(group, taskId);
        FormErrors errors = new FormErrors();
        Checked checked = validated(group, personId, form, errors);
        errors.throwIfAny();
        Long before = task.assignee == null ? null : task.assignee.id;
        Long after = checked.assignee() == null ? null : checked.assignee().id;
        if (checked.title().equals(task.title) && Objects.equals(checked.dueOn(), task.dueOn) && Objects.equals(before, after)) {
            return; // saved unchanged: no activity to count (a quiet group stays quiet for the course team)
        }
        checked.applyTo(task);
        group.lastActivityAt = Instant.now();
        if (task.assignee != null && !task.assignee.id.equals(before)) {
            tellAssignee(task, personId);
        }
    }

    /** A task's fields as the form sent them, checked. */
    private record Checked(String title, LocalDate dueOn, Person assignee) {
        void applyTo(GroupTask task) {
            task.title = title;
            task.dueOn = dueOn;
            task.assignee = assignee;
        }
    }

    private static Checked validated(LearningGroup group, long personId, TaskForm form, FormErrors errors) {
        String title = Texts.check(errors, "title", form.title(), true, GroupTask.TITLE_MAX);
        LocalDate due = null;
        if (Texts.trimToNull(form.dueOn()) != null) {
            due = Texts.parsed(errors, "dueOn", form.dueOn(), LocalDate::parse, "error.date");
            LocalDate today = LocalDate.now(Enrolment.zoneOf(group.course.id, personId));
            if (due != null && (due.isBefore(today) || due.isAfter(today.plusYears(1)))) {
                errors.add("dueOn", "error.task-due");
            }
        }
        Person assignee = null;
        if (Texts.trimToNull(form.assignee()) != null) {
            assignee = GroupMember.current(group.id).stream().map(m -> m.person)
                    .filter(p -> Long.toString(p.id).equals(form.assignee().strip())).findFirst().orElse(null);
            if (assignee == null) {
                errors.add("assignee", "error.invalid-choice");
            }
        }
        return new Checked(title, due, assignee);
    }

    private void tellAssignee(GroupTask task, long actorId) {
        if (task.assignee != null && task.assignee.id != actorId) {
            Person actor = Person.findById(actorId);
            notifications.notify(task.assignee, NotificationKind.TASK_ASSIGNED, actor, "/groups/" + task.group.id + "#task-" + task.id,
                    task.group.course.title, actor.firstName(), task.title);
        }
    }

    /** An open task of this group; a done one is closed to changes. */
    private static GroupTask openTaskOf(LearningGroup group, long taskId) {
        GroupTask task = taskOf(group, taskId);
        if (task.done()) {
            throw InvalidInputException.of("title", "error.task-done");
        }
        return task;
    }

    /**
     * Comments on a task (open or done); its author and whoever it is for hear of it, if they are still in the group.
     * A task holds at most {@value #COMMENTS_MAX} comments: a bound on one member, far above a real discussion.
     */
    @Transactional
    public TaskComment comment(long groupId, long taskId, long personId, String body) {
        GroupTask task = taskOf(groups.requireMember(groupId, personId), taskId);
        FormErrors errors = new FormErrors();
        String text = Texts.check(errors, "comment", body, true, TaskComment.BODY_MAX);
        if (TaskComment.countUnder(taskId) >= COMMENTS_MAX) {
            errors.add("comment", "error.comment-limit");
        }
        errors.throwIfAny();

        TaskComment comment = new TaskComment();
        comment.task = task;
        comment.author = Person.findById(personId);
        comment.body = text;
        comment.createdAt = Instant.now();
        comment.persist();
        task.group.lastActivityAt = comment.createdAt;
        Stream.of(task.createdBy, task.assignee).filter(p -> p != null && p.id != personId).map(p -> p.id).distinct()
                .filter(id -> GroupMember.currentMembership(groupId, id).isPresent())
                .forEach(id -> notifications.notify(Person.findById(id), NotificationKind.TASK_COMMENT, comment.author,
                        "/groups/" + groupId + "#task-" + taskId, task.group.course.title, comment.author.firstName(), task.title));
        return comment;
    }

    /** Ticks a task off, or opens it again: any member may (the list is shared). */
    @Transactional
    public void toggle(long groupId, long taskId, long personId) {
        GroupTask task = taskOf(groups.requireMember(groupId, personId), taskId);
        if (task.done()) {
            task.doneAt = null;
            task.doneBy = null;
        } else {
            task.doneAt = Instant.now();
            task.doneBy = Person.findById(personId);
            task.group.lastActivityAt = task.doneAt;
        }
    }

    /** Deletes a task: its author may, and every member once the author has gone. */
    @Transactional
    public void delete(long groupId, long taskId, long personId) {
        GroupTask task = taskOf(groups.requireMember(groupId, personId), taskId);
        if (!mayDelete(task, personId, GroupMember.current(groupId).stream().map(m -> m.person.id).toList())) {
            throw new ForbiddenException();
        }
        task.delete();
    }

    /** A task the person added, as "Download my data" lists it. */
    public record TaskData(long groupId, String title, LocalDate dueOn, Instant createdAt, Instant doneAt) {
    }

    /** A comment the person wrote, as "Download my data" lists it. */
    public record CommentData(long groupId, String task, String body, Instant createdAt) {
    }

    void exportTasks(@Observes AccountExport export) {
        export.add("groupTasks", GroupTask.<GroupTask>list("createdBy.id = ?1 order by createdAt, id", export.personId()).stream()
                .map(t -> new TaskData(t.group.id, t.title, t.dueOn, t.createdAt, t.doneAt)).toList());
        export.add("taskComments", TaskComment.<TaskComment>list("author.id = ?1 order by createdAt, id", export.personId()).stream()
                .map(c -> new CommentData(c.task.group.id, c.task.title, c.body, c.createdAt)).toList());
    }

    private static boolean mayDelete(GroupTask task, long personId, List<Long> currentMemberIds) {
        return task.createdBy == null || task.createdBy.id == personId || !currentMemberIds.contains(task.createdBy.id);
    }

    /** A task of this group; one of another group, or an unknown id, is a 404. */
    private static GroupTask taskOf(LearningGroup group, long taskId) {
        GroupTask task = GroupTask.findById(taskId);
        if (task == null || !task.group.id.equals(group.id)) {
            throw new NotFoundException();
        }
        return task;
    }
}
