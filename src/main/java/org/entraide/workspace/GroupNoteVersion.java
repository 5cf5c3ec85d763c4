package org.entraide.workspace;

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
import org.entraide.group.LearningGroup;

/** A text of the group's notes that a later save replaced: its version, who saved it and when. */
@Entity
@Table(name = "group_note_version")
public class GroupNoteVersion extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "group_id")
    public LearningGroup group;

    @Column(nullable = false)
    public int version;

    @Column(nullable = false)
    public String body;

    /** Null once that editor deleted their account. */
    @ManyToOne
    @JoinColumn(name = "saved_by_id")
    public Person savedBy;

    @Column(name = "saved_at", nullable = false)
    public Instant savedAt;

    /** The group's earlier versions, newest first. */
    public static List<GroupNoteVersion> ofGroup(long groupId) {
        return list("group.id = ?1 order by version desc", groupId);
    }
}
