package org.entraide.notify;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import jakarta.ws.rs.NotFoundException;

import org.entraide.account.AccountDeleting;
import org.entraide.account.AccountExport;
import org.entraide.account.MailOffLink;
import org.entraide.account.Person;
import org.entraide.web.EntraideConfig;
import org.entraide.web.I18n;
import org.entraide.web.Queries;
import org.entraide.web.Redirects;

/** In-app notifications and their e-mails, queued in the outbox in the same transaction as the event. */
@ApplicationScoped
public class NotificationService {

    /** Where a notification without a link of its own leads. */
    public static final String LIST_PATH = "/notifications";
    private static final int ARG_MAX = 160;

    private final String baseUrl;
    private final MailOffLink mailOffLink;

    NotificationService(EntraideConfig config, MailOffLink mailOffLink) {
        this.baseUrl = config.siteUrl();
        this.mailOffLink = mailOffLink;
    }

    /** Mail to a deleted account is not sent, and what was sent is not kept (its notifications go with the person). */
    void forgetMail(@Observes @Priority(AccountDeleting.FORGET) AccountDeleting deleted) {
        MailOutbox.delete("recipient", deleted.email());
    }

    /** A notification as "Download my data" lists it, in the reader's language. */
    public record NotificationData(NotificationKind kind, String text, String link, Instant createdAt, Instant readAt) {
    }

    void exportNotifications(@Observes AccountExport export) {
        export.add("notifications", Notification.<Notification>list("person.id = ?1 order by createdAt, id", export.personId()).stream()
                .map(n -> new NotificationData(n.kind, text(n, export.locale()), n.link, n.createdAt, n.readAt)).toList());
    }

    /**
     * Stores the notification and queues its e-mail in the person's language. Joins the caller's transaction
     * (and refuses to run without one), so both rows commit, or roll back, with the event itself.
     */
    @Transactional(TxType.MANDATORY)
    public void notify(Person person, NotificationKind kind, String link, String... args) {
        notifyQuoting(person, kind, null, link, null, args);
    }

    /**
     * Notifies as {@link #notify} of something {@code actor} did, whose first name is the argument {1}: should they
     * delete their account, the name goes from the notification (see {@link #forgetActor}).
     */
    @Transactional(TxType.MANDATORY)
    public void notify(Person person, NotificationKind kind, Person actor, String link, String... args) {
        notifyQuoting(person, kind, actor, link, null, args);
    }

    /**
     * Notifies as {@link #notify}, and the e-mail also quotes {@code quoted} (indented, before the link): for words
     * meant to reach people who may not open Entraide, such as the course team's message to a quiet group.
     */
    @Transactional(TxType.MANDATORY)
    public void notifyQuoting(Person person, NotificationKind kind, Person actor, String link, String quoted, String... args) {
        Notification notification = new Notification();
        notification.person = person;
        notification.kind = kind;
        notification.actor = actor;
        notification.args = joinArgs(args);
        notification.link = link == null ? LIST_PATH : Redirects.localPath(link);
        if (notification.link.length() > Notification.LINK_MAX) {
            notification.link = LIST_PATH;
        }
        notification.createdAt = Instant.now();
        notification.persist();
        if (!person.emailNotifications.sends(kind.asksForAnswer) || kind == NotificationKind.GROUP_POST && person.messageMail.digest()) {
            return; // messages reach those who chose a digest in the digest
        }
        Locale locale = person.mailLocale();
        queueMail(person, I18n.message(locale, "notify." + kind.name() + ".subject", notification.argList().toArray()),
                mailBody(person, notification, quoted, locale));
    }

    /**
     * Queues an e-mail to the person, sent after the caller's transaction commits; none to an address that cannot
     * receive mail. The body ends with the usual footer (where to read notifications and choose e-mails).
     */
    @Transactional(TxType.MANDATORY)
    public void queueMail(Person person, String subject, String body) {
        String mailOff = mailOffLink.url(person);
        queue(person.email, subject, body + "\n\n-- \n" + I18n.message(person.mailLocale(), "notify.mail.footer",
                baseUrl + LIST_PATH, baseUrl + "/account#email", mailOff), mailOff);
    }

    /**
     * Queues an e-mail, as written, to an address that may have no account here (an invitation by link); none to an
     * address that cannot receive mail.
     */
    @Transactional(TxType.MANDATORY)
    public void queueMailTo(String address, String subject, String body) {
        queue(address, subject, body, null);
    }

    private void queue(String address, String subject, String body, String unsubscribeUrl) {
        if (!canReceiveMail(address)) {
            return;
        }
        Instant now = Instant.now();
        MailOutbox mail = new MailOutbox();
        mail.recipient = address;
        mail.subject = truncate(subject, MailOutbox.SUBJECT_MAX);
        mail.body = truncate(body + "\n", MailOutbox.BODY_MAX);
        mail.unsubscribeUrl = unsubscribeUrl;
        mail.status = MailOutbox.Status.PENDING;
        mail.attempts = 0;
        mail.createdAt = now;
        mail.nextAttemptAt = now;
        mail.persist();
    }

    /** The site's address, for links in e-mails. */
    public String siteUrl() {
        return baseUrl;
    }

    /**
     * Notifies as {@link #notify} unless the person still has an unread notification of this kind with this link: for
     * events that come in bursts (messages in a group), one notice says there is something new.
     */
    @Transactional(TxType.MANDATORY)
    public void notifyUnlessUnread(Person person, NotificationKind kind, Person actor, String link, String... args) {
        if (Queries.count(Notification.class, "person.id = ?1 and kind = ?2 and link = ?3 and readAt is null", person.id, kind,
                Redirects.localPath(link)) == 0) {
            notify(person, kind, actor, link, args);
        }
    }

    /**
     * Whether mail to the address can arrive: learners imported with only a platform id have an address under the
     * reserved {@code .invalid} domain (RFC 2606); queueing mail for them would only fill the outbox with retries.
     */
    static boolean canReceiveMail(String email) {
        return email != null && !email.toLowerCase(Locale.ROOT).endsWith(".invalid");
    }

    /** The notification's sentence in the given language; one whose named person has gone says "A former member". */
    public String text(Notification notification, Locale locale) {
        List<String> args = new ArrayList<>(notification.argList());
        if (notification.actorGone && args.size() > 1) {
            args.set(1, I18n.message(locale, "notify.former-member"));
        }
        String text = I18n.message(locale, "notify." + notification.kind.name() + ".text", args.toArray());
        // a proposal's notices say by when to answer, for those who only read their mail (older notices had no date)
        if (notification.kind.asksForAnswer && args.size() > 2 && !args.get(2).isEmpty()) {
            text += " " + I18n.message(locale, "notify.answer-by", args.get(2));
        }
        return text;
    }

    /**
     * A person deleting their account leaves the notifications others received about what they did, but not their
     * name: it is blanked in the stored arguments, and the text reads "A former member".
     */
    void forgetActor(@Observes @Priority(AccountDeleting.FORGET) AccountDeleting deleted) {
        for (Notification notification : Notification.<Notification>list("actor.id", deleted.personId())) {
            List<String> args = new ArrayList<>(notification.argList());
            if (args.size() > 1) {
                args.set(1, "");
            }
            notification.args = joinArgs(args.toArray(String[]::new));
            notification.actor = null;
            notification.actorGone = true;
        }
    }

    public long unreadCount(long personId) {
        return Notification.countUnread(personId);
    }

    /** The person with their unread count, in one statement: the page header shows both. */
    public Optional<Notification.Reader> reader(long personId) {
        return Notification.reader(personId);
    }

    /** The person's latest notifications, newest first. */
    public List<Notification> recent(long personId, int limit) {
        return Notification.recentOf(personId, limit);
    }

    /** One of the person's notifications; someone else's, or an unknown id, is a 404. */
    public Notification get(long personId, long notificationId) {
        Notification notification = Notification.findById(notificationId);
        if (notification == null || !notification.person.id.equals(personId)) {
            throw new NotFoundException();
        }
        return notification;
    }

    @Transactional
    public void markAllRead(long personId) {
        Notification.update("readAt = ?1 where person.id = ?2 and readAt is null", Instant.now(), personId);
    }

    @Transactional
    public void markRead(long personId, long notificationId) {
        Notification notification = get(personId, notificationId);
        if (notification.readAt == null) {
            notification.readAt = Instant.now();
        }
    }

    private String mailBody(Person person, Notification notification, String quoted, Locale locale) {
        return I18n.message(locale, "notify.mail.greeting", person.firstName()) + "\n\n"
                + text(notification, locale) + "\n\n"
                + (quoted == null ? "" : indent(quoted) + "\n\n")
                + I18n.message(locale, "notify.mail.open") + "\n" + baseUrl + notification.link;
    }

    /** Text quoted in a plain-text e-mail: every line indented by four spaces. */
    public static String indent(String text) {
        return "    " + text.replace("\r\n", "\n").replace("\n", "\n    ");
    }

    private static String joinArgs(String... args) {
        if (args == null || args.length == 0) {
            return null;
        }
        String joined = Arrays.stream(args)
                .map(arg -> arg == null ? "" : truncate(arg.strip().replace(Notification.SEPARATOR, Notification.SEPARATOR_STAND_IN), ARG_MAX))
                .collect(Collectors.joining(Notification.SEPARATOR));
        return truncate(joined, Notification.ARGS_MAX);
    }

    static String truncate(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max - 1) + "…";
    }
}
