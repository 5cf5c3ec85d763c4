package org.entraide.workspace;

import java.time.Instant;
import java.util.Optional;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToOne;
import jakarta.persistence.Table;

import org.entraide.account.Person;
import org.entraide.group.LearningGroup;

/** The group's shared notes: one text every member edits; {@code version} counts the saves. */
@Entity
@Table(name = "group_note")
public class GroupNote extends PanacheEntityBase {

    public static final int BODY_MAX = 20_000;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @OneToOne(optional = false)
    @JoinColumn(name = "group_id")
    public LearningGroup group;

    @Column(nullable = false)
    public String body;

    @Column(nullable = false)
    public int version;

    /** Null once the last editor deleted their account. */
    @ManyToOne
    @JoinColumn(name = "updated_by_id")
    public Person updatedBy;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public static Optional<GroupNote> of(long groupId) {
        return GroupNote.find("group.id", groupId).firstResultOptional();
    }
}
