package org.entraide.group;

import java.time.Instant;
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

/** What a course-team member wrote to one group; the group's members read it on their page. */
@Entity
@Table(name = "team_message")
public class TeamMessage extends PanacheEntityBase {

    public static final int BODY_MAX = 2000;

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

    @Column(nullable = false, length = BODY_MAX)
    public String body;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** The group's latest messages from the course team, newest first, with their authors in the same statement. */
    public static List<TeamMessage> latest(long groupId, int count) {
        return TeamMessage.<TeamMessage>find("from TeamMessage m left join fetch m.author where m.group.id = ?1 "
                + "order by m.createdAt desc, m.id desc", groupId).range(0, count - 1).list();
    }
}
