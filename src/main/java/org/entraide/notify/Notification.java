package org.entraide.notify;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import org.entraide.account.Person;
import org.entraide.web.Queries;

/** One in-app notification; its text is rendered in the reader's language from {@link #kind} and {@link #args}. */
@Entity
@Table(name = "notification")
public class Notification extends PanacheEntityBase {

    /** Separates the stored arguments; it is replaced inside arguments so that they split back exactly. */
    static final String SEPARATOR = "|";
    static final String SEPARATOR_STAND_IN = "¦";
    static final int ARGS_MAX = 500;
    static final int LINK_MAX = 300;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(optional = false, fetch = FetchType.LAZY)
    @JoinColumn(name = "person_id")
    public Person person;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 40)
    public NotificationKind kind;

    /** Message arguments joined with {@value #SEPARATOR} (a course title, a first name). */
    @Column(length = ARGS_MAX)
    public String args;

    /** The person the notification names as {1} ("Ana planned a session"), if any. */
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "actor_id")
    public Person actor;

    /** The named person deleted their account: their name was blanked, and the text says "a former member". */
    @Column(name = "actor_gone", nullable = false)
    public boolean actorGone;

    /** Local path the notification leads to. */
    @Column(length = LINK_MAX)
    public String link;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "read_at")
    public Instant readAt;

    public List<String> argList() {
        return args == null || args.isEmpty() ? List.of() : Arrays.asList(args.split("\\" + SEPARATOR, -1));
    }

    public boolean unread() {
        return readAt == null;
    }

    /** A person and the number of their unread notifications. */
    public record Reader(Person person, long unread) {
    }

    /** The person with their unread count, in one statement. */
    public static Optional<Reader> reader(long personId) {
        return getEntityManager().createQuery("""
                select p, (select count(n) from Notification n where n.person = p and n.readAt is null)
                from Person p where p.id = ?1""", Object[].class)
                // a list, not a stream: a stream opens a scrollable result set, which costs more for this one row
                .setParameter(1, personId).getResultList().stream().findFirst()
                .map(row -> new Reader((Person) row[0], (Long) row[1]));
    }

    public static long countUnread(long personId) {
        return Queries.count(Notification.class, "person.id = ?1 and readAt is null", personId);
    }

    public static List<Notification> recentOf(long personId, int limit) {
        return find("person.id = ?1 order by createdAt desc, id desc", personId).page(0, limit).list();
    }
}
