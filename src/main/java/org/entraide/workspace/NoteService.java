package org.entraide.workspace;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.entraide.account.Person;
import org.entraide.group.GroupService;
import org.entraide.group.LearningGroup;
import org.entraide.web.FormErrors;
import org.entraide.web.RowLocks;
import org.entraide.web.Texts;

/**
 * The group's shared notes. A save names the version it started from; when someone else saved in between, it is
 * refused as a conflict: the page shows their text and keeps the person's own, and saving again replaces theirs
 * knowingly.
 */
@ApplicationScoped
public class NoteService {

    private final GroupService groups;

    NoteService(GroupService groups) {
        this.groups = groups;
    }

    /** The form as typed: the text, and the version it was written from. */
    public record NoteForm(String body, String version) {
    }

    /**
     * The notes as saved ({@code saved}, with who and when) and the form: the typed text after a refusal, else the saved
     * one; {@code version} is always the saved version, so the next save starts from what is shown.
     */
    public record Notes(String saved, int version, String updatedBy, String updated, String text) {
    }

    public Notes view(GroupService.GroupView group, Locale locale, NoteForm typed) {
        GroupNote note = GroupNote.of(group.group().id).orElse(null);
        String saved = note == null ? "" : note.body;
        String updated = note == null ? null
                : DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT).withLocale(locale)
                        .withZone(ZoneId.of(group.viewerZone())).format(note.updatedAt);
        return new Notes(saved, note == null ? 0 : note.version, note == null || note.updatedBy == null ? null : note.updatedBy.firstName(),
                updated, typed == null ? saved : typed.body());
    }

    @Transactional
    public GroupNote save(long groupId, long personId, NoteForm form) {
        LearningGroup group = groups.requireMember(groupId, personId);
        FormErrors errors = new FormErrors();
        String body = Texts.check(errors, "note", form.body(), false, GroupNote.BODY_MAX);
        errors.throwIfAny();
        // saves of one group's notes one after the other, so that each compares its version with the latest
        RowLocks.lockAndReload(group);
        GroupNote note = GroupNote.of(groupId).orElse(null);
        int current = note == null ? 0 : note.version;
        if (!Integer.toString(current).equals(Texts.trimToNull(form.version()))) {
            errors.add("note", "error.note-conflict").throwIfAny();
        }
        if (note == null) {
            note = new GroupNote();
            note.group = group;
        }
        note.body = body == null ? "" : body;
        note.version = current + 1;
        note.updatedBy = Person.findById(personId);
        note.updatedAt = Instant.now();
        note.persist();
        group.lastActivityAt = note.updatedAt;
        return note;
    }
}
