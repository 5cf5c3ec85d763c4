package org.entraide.workspace;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import org.entraide.account.Person;
import org.entraide.group.LearningGroup;
import org.entraide.web.Queries;

/** A task on the group's shared list: what, by when (optional), who takes it (optional), and whether it is done. */
@Entity
@Table(name = "group_task")
public class GroupTask extends PanacheEntityBase {

    public static final int TITLE_MAX = 200;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "group_id")
    public LearningGroup group;

    @Column(nullable = false)
    public String title;

    @Column(name = "due_on")
    public LocalDate dueOn;

    @ManyToOne
    @JoinColumn(name = "assignee_id")
    public Person assignee;

    /** Null once its author deleted their account. */
    @ManyToOne
    @JoinColumn(name = "created_by_id")
    public Person createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "done_at")
    public Instant doneAt;

    @ManyToOne
    @JoinColumn(name = "done_by_id")
    public Person doneBy;

    public boolean done() {
        return doneAt != null;
    }

    /** Open tasks, those due soonest first (undated ones last), then in the order they were added. */
    public static List<GroupTask> open(long groupId) {
        return GroupTask.list("group.id = ?1 and doneAt is null order by case when dueOn is null then 1 else 0 end, dueOn, id", groupId);
    }

    /** The latest tasks done, the most recent first. */
    public static List<GroupTask> recentlyDone(long groupId, int limit) {
        return GroupTask.<GroupTask>find("group.id = ?1 and doneAt is not null order by doneAt desc, id desc", groupId).page(0, limit).list();
    }

    public static long countOpen(long groupId) {
        return Queries.count(GroupTask.class, "group.id = ?1 and doneAt is null", groupId);
    }
}
