package org.entraide.workspace;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import org.entraide.account.Person;
import org.entraide.group.LearningGroup;
import org.entraide.notify.NotificationService;
import org.entraide.profile.Enrolment;
import org.entraide.web.Dates;
import org.entraide.web.I18n;
import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The daily or weekly e-mail with the messages written in a person's groups, for those who chose it on their account
 * page instead of one notice per burst. It quotes the messages themselves, so one can follow without signing in; it
 * holds only what others wrote in the person's current groups after they joined, and nothing is sent when nothing was
 * written.
 */
@ApplicationScoped
public class MessageDigest {

    static final int BATCH = 200;
    /** Well inside the reminders job's lease, so another instance never starts the same digests. */
    static final Duration RUN_BUDGET = Duration.ofMinutes(2);
    /** Messages quoted per group; the digest says how many more there are (the e-mail stays readable and bounded). */
    static final int PER_GROUP_MAX = 8;
    static final int EXCERPT_MAX = 400;
    /**
     * A digest covers messages written up to a minute before it is made: a message whose transaction was still open
     * then has committed by the next digest, instead of falling between two.
     */
    static final Duration SETTLE = Duration.ofMinutes(1);

    /** Messages after {@code since} and up to {@code until}, from others, in groups the person belonged to when written. */
    private static final String NEW_FOR_READER = """
            from GroupPost p
            where p.createdAt > ?2 and p.createdAt <= ?3 and p.deletedAt is null and (p.author is null or p.author.id <> ?1)
            and exists (select 1 from GroupMember m
                        where m.group = p.group and m.person.id = ?1 and m.leftAt is null and m.joinedAt < p.createdAt)""";

    private static final Logger LOG = Logger.getLogger(MessageDigest.class);

    private final NotificationService notifications;

    MessageDigest(NotificationService notifications) {
        this.notifications = notifications;
    }

    /**
     * Queues the digests due at {@code now}, each person in a transaction of their own, batch after batch until none is
     * due or {@link #RUN_BUDGET} has passed (the rest wait for the next run); returns how many were queued.
     */
    public int sendDue(Instant now) {
        Instant stopBy = Instant.now().plus(RUN_BUDGET);
        int queued = 0;
        List<Long> due;
        do {
            due = QuarkusTransaction.requiringNew().call(() -> Person.digestsDue(now, BATCH));
            for (Long personId : due) {
                try {
                    if (QuarkusTransaction.requiringNew().call(() -> digest(personId, now))) {
                        queued++;
                    }
                } catch (RuntimeException e) {
                    // one person's failure must not hold back everyone after them, run after run
                    LOG.errorf(e, "Message digest of person %d failed; skipped until their next one", personId);
                    QuarkusTransaction.requiringNew().run(() -> Person.update("digestSince = ?1 where id = ?2", now.minus(SETTLE), personId));
                }
            }
        } while (due.size() == BATCH && Instant.now().isBefore(stopBy));
        return queued;
    }

    private boolean digest(long personId, Instant now) {
        Person person = Person.findById(personId);
        if (person == null || !person.digestDue(now)) {
            return false;
        }
        Instant since = person.digestSince;
        Instant until = now.minus(SETTLE);
        person.digestSince = until;
        List<Object[]> perGroup = GroupPost.getEntityManager()
                .createQuery("select p.group.id, count(p) " + NEW_FOR_READER + " group by p.group.id order by p.group.id", Object[].class)
                .setParameter(1, personId).setParameter(2, since).setParameter(3, until).getResultList();
        if (perGroup.isEmpty()) {
            return false;
        }
        long total = perGroup.stream().mapToLong(row -> (Long) row[1]).sum();
        Locale locale = person.mailLocale();
        StringBuilder text = new StringBuilder()
                .append(I18n.message(locale, "notify.mail.greeting", person.firstName())).append("\n\n")
                .append(I18n.message(locale, "digest.lead." + person.messageMail.name(), total)).append('\n');
        for (Object[] row : perGroup) {
            List<GroupPost> posts = GroupPost.<GroupPost>find(NEW_FOR_READER + " and p.group.id = ?4 order by p.createdAt, p.id", personId,
                    since, until, row[0]).range(0, PER_GROUP_MAX - 1).list();
            appendGroup(text, locale, person, posts, (Long) row[1]);
        }
        text.append('\n').append(I18n.message(locale, "digest.why." + person.messageMail.name()));
        notifications.queueMail(person, I18n.message(locale, "digest.subject." + person.messageMail.name(), total), text.toString());
        return true;
    }

    /** One group's part: its new messages oldest first (at most {@link #PER_GROUP_MAX}), how many more, and its link. */
    private void appendGroup(StringBuilder text, Locale locale, Person reader, List<GroupPost> posts, long count) {
        LearningGroup group = posts.get(0).group;
        DateTimeFormatter clock = Dates.dateTime(FormatStyle.MEDIUM, FormatStyle.SHORT, locale)
                .withZone(Enrolment.zoneOf(group.course.id, reader.id));
        text.append("\n== ").append(I18n.message(locale, "digest.group", group.course.title, count)).append(" ==\n\n");
        for (GroupPost post : posts) {
            String author = post.author == null ? I18n.message(locale, "digest.former-member") : post.author.firstName();
            String kind = post.replyTo != null ? "reply" : post.question ? "question" : "message";
            text.append(I18n.message(locale, "digest." + kind, author, clock.format(post.createdAt))).append('\n')
                    .append(NotificationService.indent(excerpt(post.body))).append("\n\n");
        }
        if (count > posts.size()) {
            text.append(I18n.message(locale, "digest.more", count - posts.size())).append('\n');
        }
        text.append(I18n.message(locale, "digest.open", notifications.siteUrl() + "/groups/" + group.id + "#messages")).append('\n');
    }

    private static String excerpt(String body) {
        String text = body.strip();
        return text.length() <= EXCERPT_MAX ? text : text.substring(0, EXCERPT_MAX - 1).stripTrailing() + "…";
    }
}
