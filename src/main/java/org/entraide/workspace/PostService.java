package org.entraide.workspace;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.NotFoundException;

import org.entraide.account.AccountDeleting;
import org.entraide.account.AccountExport;
import org.entraide.account.Person;
import org.entraide.group.GroupMember;
import org.entraide.group.GroupService;
import org.entraide.group.LearningGroup;
import org.entraide.notify.NotificationKind;
import org.entraide.notify.NotificationService;
import org.entraide.web.Dates;
import org.entraide.web.FormErrors;
import org.entraide.web.Texts;

import io.quarkus.security.ForbiddenException;

/** Messages of a group's workspace: threads (a message or a question) with replies, seen only by current members. */
@ApplicationScoped
public class PostService {

    static final int THREADS_PER_PAGE = 20;
    /** Pages beyond this are not asked for by any link; a larger number is read as the last one allowed. */
    static final int PAGE_MAX = 1000;

    private final GroupService groups;
    private final NotificationService notifications;

    PostService(GroupService groups, NotificationService notifications) {
        this.groups = groups;
        this.notifications = notifications;
    }

    /**
     * One post as one member sees it; {@code body} is null once deleted, {@code author} null for a deleted account.
     * {@code answered}: a question with its answer chosen; {@code theAnswer}: the reply chosen as the answer.
     */
    public record PostView(long id, String author, boolean mine, boolean question, String body, Instant createdAt, String when,
            boolean answered, boolean theAnswer) {
        public boolean deleted() {
            return body == null;
        }
    }

    /** A thread with its replies; {@code viewerChoosesAnswer}: the viewer may mark (or unmark) the reply that answers it. */
    public record ThreadView(PostView post, List<PostView> replies, boolean viewerChoosesAnswer) {
    }

    /** A page of threads (1 = the most recent), and whether there are older ones. */
    public record Posts(List<ThreadView> threads, int page, boolean hasOlder) {
    }

    public Posts view(GroupService.GroupView group, long personId, Locale locale, int page) {
        int current = Math.max(1, Math.min(page, PAGE_MAX));
        long groupId = group.group().id;
        // one more than a page tells whether older threads exist
        List<GroupPost> threads = GroupPost.threads(groupId, (current - 1) * THREADS_PER_PAGE, THREADS_PER_PAGE + 1);
        boolean hasOlder = threads.size() > THREADS_PER_PAGE;
        List<GroupPost> shown = hasOlder ? threads.subList(0, THREADS_PER_PAGE) : threads;
        Map<Long, List<GroupPost>> replies = GroupPost.repliesTo(shown.stream().map(p -> p.id).toList()).stream()
                .collect(Collectors.groupingBy(p -> p.replyTo.id));
        DateTimeFormatter format = Dates.dateTime(FormatStyle.MEDIUM, FormatStyle.SHORT, locale)
                .withZone(ZoneId.of(group.viewerZone()));
        List<Long> memberIds = group.members().stream().map(GroupService.MemberView::personId).toList();
        return new Posts(shown.stream().map(thread -> new ThreadView(view(thread, personId, format),
                replies.getOrDefault(thread.id, List.of()).stream().map(reply -> view(reply, personId, format)).toList(),
                thread.question && thread.deletedAt == null && choosesAnswer(thread, personId, memberIds))).toList(),
                current, hasOlder);
    }

    private static PostView view(GroupPost post, long personId, DateTimeFormatter format) {
        return new PostView(post.id, post.author == null ? null : post.author.firstName(),
                post.author != null && post.author.id == personId, post.question, post.body, post.createdAt, format.format(post.createdAt),
                post.answer != null, post.replyTo != null && isAnswer(post.replyTo, post));
    }

    /** By id: the answer is a lazy reference, which may be a proxy rather than the reply loaded on its own. */
    private static boolean isAnswer(GroupPost question, GroupPost reply) {
        return question.answer != null && question.answer.id.equals(reply.id);
    }

    /** The asker chooses the answer to their question; once they have left the group, any member may. */
    private static boolean choosesAnswer(GroupPost question, long personId, List<Long> currentMemberIds) {
        return question.author == null || question.author.id == personId || !currentMemberIds.contains(question.author.id);
    }

    /**
     * Marks the reply that answers a question ({@code replyId} blank: the question is open again); its author is told.
     * Only the asker may (any member once the asker has gone); the form offers only replies of that thread, so anything
     * else is a plain 400.
     */
    @Transactional
    public void chooseAnswer(long groupId, long questionId, long personId, String replyId) {
        LearningGroup group = groups.requireMember(groupId, personId);
        GroupPost question = GroupPost.findById(questionId);
        if (question == null || !question.group.id.equals(group.id)) {
            throw new NotFoundException();
        }
        if (question.replyTo != null || !question.question || question.deletedAt != null) {
            throw new BadRequestException("not an open thread with a question: " + questionId);
        }
        if (!choosesAnswer(question, personId, GroupMember.current(groupId).stream().map(m -> m.person.id).toList())) {
            throw new ForbiddenException();
        }
        if (replyId == null || replyId.isBlank()) {
            question.answer = null;
            question.answeredAt = null;
            return;
        }
        GroupPost reply = replyOf(question, replyId);
        if (isAnswer(question, reply)) {
            return;
        }
        question.answer = reply;
        question.answeredAt = Instant.now();
        group.lastActivityAt = question.answeredAt;
        if (reply.author != null && reply.author.id != personId) {
            Person asker = Person.findById(personId);
            notifications.notify(reply.author, NotificationKind.ANSWER_CHOSEN, asker, "/groups/" + groupId + "#post-" + question.id,
                    group.course.title, asker.firstName());
        }
    }

    private static GroupPost replyOf(GroupPost question, String replyId) {
        try {
            GroupPost reply = GroupPost.findById(Long.parseLong(replyId.strip()));
            if (reply != null && question.equals(reply.replyTo) && reply.deletedAt == null) {
                return reply;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new BadRequestException("not a reply to this question: " + replyId);
    }

    /**
     * Writes a new thread, or a reply when {@code replyTo} names a thread of this group. The others get one notice
     * until they read it, however many messages follow.
     */
    @Transactional
    public GroupPost write(long groupId, long personId, String body, boolean question, String replyTo) {
        LearningGroup group = groups.requireMember(groupId, personId);
        GroupPost thread = replyTo == null || replyTo.isBlank() ? null : thread(group, replyTo);
        String field = thread == null ? "body" : "reply";
        FormErrors errors = new FormErrors();
        String text = Texts.check(errors, field, body, true, GroupPost.BODY_MAX);
        errors.throwIfAny();

        GroupPost post = new GroupPost();
        post.group = group;
        post.author = Person.findById(personId);
        post.replyTo = thread;
        post.question = thread == null && question;
        post.body = text;
        post.createdAt = Instant.now();
        post.persist();
        group.lastActivityAt = post.createdAt;
        for (GroupMember member : GroupMember.current(groupId)) {
            if (member.person.id != personId) {
                notifications.notifyUnlessUnread(member.person, NotificationKind.GROUP_POST, post.author, "/groups/" + groupId + "#messages",
                        group.course.title, post.author.firstName());
            }
        }
        return post;
    }

    /** The author deletes their post: its text goes, its place in the thread stays (replies keep their context). */
    @Transactional
    public void delete(long groupId, long postId, long personId) {
        LearningGroup group = groups.requireMember(groupId, personId);
        GroupPost post = GroupPost.findById(postId);
        if (post == null || !post.group.id.equals(group.id)) {
            throw new NotFoundException();
        }
        if (post.author == null || post.author.id != personId) {
            throw new ForbiddenException();
        }
        if (post.deletedAt == null) {
            post.deletedAt = Instant.now();
            post.body = null;
            if (post.replyTo != null && isAnswer(post.replyTo, post)) {
                post.replyTo.answer = null; // a question answered by nothing is open again
                post.replyTo.answeredAt = null;
            }
        }
    }

    /**
     * A deleted account takes its messages' text with it ("everything in it"); the threads keep their shape, and
     * questions its replies answered are open again.
     */
    void eraseMessages(@Observes @Priority(AccountDeleting.FORGET) AccountDeleting deleted) {
        GroupPost.update("answer = null, answeredAt = null where answer.id in (select p.id from GroupPost p where p.author.id = ?1)",
                deleted.personId());
        GroupPost.update("body = null, deletedAt = ?1 where author.id = ?2 and deletedAt is null", Instant.now(), deleted.personId());
    }

    /** A message the person wrote, as "Download my data" lists it. */
    public record PostData(long groupId, Long replyTo, boolean question, String body, Instant createdAt) {
    }

    void exportPosts(@Observes AccountExport export) {
        export.add("groupMessages", GroupPost.<GroupPost>list("author.id = ?1 and deletedAt is null order by createdAt, id", export.personId())
                .stream().map(p -> new PostData(p.group.id, p.replyTo == null ? null : p.replyTo.id, p.question, p.body, p.createdAt))
                .toList());
    }

    /**
     * The thread a reply answers: a first post of this group (deleted or not: the conversation may go on). The form
     * sends it hidden, so anything else was not typed by anyone: a plain 400.
     */
    private static GroupPost thread(LearningGroup group, String replyTo) {
        try {
            GroupPost thread = GroupPost.findById(Long.parseLong(replyTo.strip()));
            if (thread != null && thread.group.id.equals(group.id) && thread.replyTo == null) {
                return thread;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new BadRequestException("not a thread of this group: " + replyTo);
    }
}
