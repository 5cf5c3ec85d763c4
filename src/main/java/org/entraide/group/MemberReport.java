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

/**
 * A member's report about another member, addressed to the course team. It outlives the accounts of both: either
 * side is null once that person has deleted the account, and the team's page says "A former member".
 */
@Entity
@Table(name = "member_report")
public class MemberReport extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "group_id")
    public LearningGroup group;

    @ManyToOne
    @JoinColumn(name = "reporter_id")
    public Person reporter;

    @ManyToOne
    @JoinColumn(name = "reported_id")
    public Person reported;

    @Column(nullable = false)
    public String reason;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "handled_at")
    public Instant handledAt;

    public static List<MemberReport> ofCourse(long courseId) {
        return list("group.course.id = ?1 order by createdAt desc", courseId);
    }
}
