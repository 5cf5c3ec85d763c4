package org.entraide.workspace;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;

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
import org.entraide.web.FormErrors;
import org.entraide.web.Texts;

import io.quarkus.security.ForbiddenException;

/** The group's shared task list: any member adds a task (optionally due by a date, optionally for someone), ticks it off. */
@ApplicationScoped
public class TaskService {

    /** Open tasks a group may have at once: a bound on what one member can add, far above a real list. */
    static final int OPEN_MAX = 100;
    static final int DONE_SHOWN = 10;

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

    /** A task as one member sees it. */
    public record TaskView(long id, String title, String due, boolean overdue, String assignee, boolean mine, boolean done, String doneBy,
            boolean canDelete) {
    }

    public record Tasks(List<TaskView> open, List<TaskView> done, TaskForm form) {
    }

    public Tasks view(GroupService.GroupView group, long personId, Locale locale, TaskForm typed) {
        long groupId = group.group().id;
        LocalDate today = LocalDate.now(ZoneId.of(group.viewerZone()));
        List<Long> memberIds = group.members().stream().map(GroupService.MemberView::personId).toList();
        DateTimeFormatter dates = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale);
        return new Tasks(GroupTask.open(groupId).stream().map(t -> view(t, personId, memberIds, today, dates)).toList(),
                GroupTask.recentlyDone(groupId, DONE_SHOWN).stream().map(t -> view(t, personId, memberIds, today, dates)).toList(),
                typed == null ? TaskForm.EMPTY : typed);
    }

    private static TaskView view(GroupTask task, long personId, List<Long> memberIds, LocalDate today, DateTimeFormatter dates) {
        return new TaskView(task.id, task.title, task.dueOn == null ? null : dates.format(task.dueOn),
                !task.done() && task.dueOn != null && task.dueOn.isBefore(today), task.assignee == null ? null : task.assignee.firstName(),
                task.assignee != null && task.assignee.id == personId, task.done(), task.doneBy == null ? null : task.doneBy.firstName(),
                mayDelete(task, personId, memberIds));
    }

    /** Adds a task; someone it is given to (other than its author) is told. */
    @Transactional
    public GroupTask add(long groupId, long personId, TaskForm form) {
        LearningGroup group = groups.requireMember(groupId, personId);
        FormErrors errors = new FormErrors();
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
            assignee = GroupMember.current(groupId).stream().map(m -> m.person)
                    .filter(p -> Long.toString(p.id).equals(form.assignee().strip())).findFirst().orElse(null);
            if (assignee == null) {
                errors.add("assignee", "error.invalid-choice");
            }
        }
        if (GroupTask.countOpen(groupId) >= OPEN_MAX) {
            errors.add("title", "error.task-limit");
        }
        errors.throwIfAny();

        GroupTask task = new GroupTask();
        task.group = group;
        task.title = title;
        task.dueOn = due;
        task.assignee = assignee;
        task.createdBy = Person.findById(personId);
        task.createdAt = Instant.now();
        task.persist();
        group.lastActivityAt = task.createdAt;
        if (assignee != null && assignee.id != personId) {
            notifications.notify(assignee, NotificationKind.TASK_ASSIGNED, "/groups/" + groupId + "#tasks", group.course.title,
                    task.createdBy.firstName(), title);
        }
        return task;
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

    void exportTasks(@Observes AccountExport export) {
        export.add("groupTasks", GroupTask.<GroupTask>list("createdBy.id = ?1 order by createdAt, id", export.personId()).stream()
                .map(t -> new TaskData(t.group.id, t.title, t.dueOn, t.createdAt, t.doneAt)).toList());
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
