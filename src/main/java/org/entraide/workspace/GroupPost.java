package org.entraide.workspace;

import java.time.Instant;
import java.util.List;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
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
import org.entraide.group.LearningGroup;

/** A message or question written in a group's workspace, or a reply to one (one level deep). */
@Entity
@Table(name = "group_post")
public class GroupPost extends PanacheEntityBase {

    public static final int BODY_MAX = 4000;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "group_id")
    public LearningGroup group;

    /** Null once the author deleted their account. */
    @ManyToOne
    @JoinColumn(name = "author_id")
    public Person author;

    /** The thread's first post, for a reply; null for a thread's first post. */
    @ManyToOne
    @JoinColumn(name = "reply_to_id")
    public GroupPost replyTo;

    @Column(nullable = false)
    public boolean question;

    /** Null once deleted. */
    public String body;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "deleted_at")
    public Instant deletedAt;

    /** For a question: the reply that answers it, as its asker marked it; null while open. Lazy: pages need its id only. */
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "answer_id")
    public GroupPost answer;

    @Column(name = "answered_at")
    public Instant answeredAt;

    /** Up to {@code count} of the group's threads from the {@code skip}-th on, the most recently started first. */
    public static List<GroupPost> threads(long groupId, int skip, int count) {
        return GroupPost.<GroupPost>find("group.id = ?1 and replyTo is null order by createdAt desc, id desc", groupId)
                .range(skip, skip + count - 1).list();
    }

    /** The replies to these threads, oldest first. */
    public static List<GroupPost> repliesTo(List<Long> threadIds) {
        return threadIds.isEmpty() ? List.of() : list("replyTo.id in ?1 order by createdAt, id", threadIds);
    }
}
