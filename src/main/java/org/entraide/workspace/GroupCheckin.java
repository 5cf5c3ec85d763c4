package org.entraide.workspace;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import org.entraide.account.Person;
import org.entraide.group.LearningGroup;

/** A member's check-in for one week: how it goes, what they did, what they would like help with. */
@Entity
@Table(name = "group_checkin")
public class GroupCheckin extends PanacheEntityBase {

    public static final int TEXT_MAX = 500;

    public enum Progress {
        ON_TRACK, BEHIND, STUCK
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "group_id")
    public LearningGroup group;

    @ManyToOne(optional = false)
    @JoinColumn(name = "person_id")
    public Person person;

    /** The Monday of the week, in the person's zone. */
    @Column(name = "week_start", nullable = false)
    public LocalDate weekStart;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Progress progress;

    @Column(name = "done_text")
    public String doneText;

    @Column(name = "help_text")
    public String helpText;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public static Optional<GroupCheckin> of(long groupId, long personId, LocalDate weekStart) {
        return GroupCheckin.find("group.id = ?1 and person.id = ?2 and weekStart = ?3", groupId, personId, weekStart).firstResultOptional();
    }

    /** The group's check-ins from this week on (members in zones ahead may already be in the next week). */
    public static List<GroupCheckin> since(long groupId, LocalDate weekStart) {
        return GroupCheckin.list("group.id = ?1 and weekStart >= ?2 order by weekStart desc, updatedAt desc", groupId, weekStart);
    }
}
