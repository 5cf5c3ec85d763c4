package org.entraide.workspace;

import java.time.Instant;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import org.entraide.account.Person;
import org.entraide.web.Queries;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A member's comment under a task of their group's list; it goes with its author's account. */
@Entity
@Table(name = "group_task_comment")
public class TaskComment extends PanacheEntityBase {

    public static final int BODY_MAX = 1000;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** Lazy: the group page only needs its id to sort comments under their tasks. */
    @ManyToOne(optional = false, fetch = FetchType.LAZY)
    @JoinColumn(name = "task_id")
    public GroupTask task;

    @ManyToOne(optional = false)
    @JoinColumn(name = "author_id")
    public Person author;

    @Column(nullable = false, length = BODY_MAX)
    public String body;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** The comments under these tasks, oldest first, with their authors: one statement for the whole list. */
    public static List<TaskComment> under(List<Long> taskIds) {
        return taskIds.isEmpty() ? List.of()
                : TaskComment.list("from TaskComment c join fetch c.author where c.task.id in ?1 order by c.createdAt, c.id", taskIds);
    }

    public static long countUnder(long taskId) {
        return Queries.count(TaskComment.class, "task.id = ?1", taskId);
    }
}
