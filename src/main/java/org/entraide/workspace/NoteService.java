package org.entraide.workspace;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;

import org.entraide.account.Person;
import org.entraide.group.GroupService;
import org.entraide.group.LearningGroup;
import org.entraide.web.Dates;
import org.entraide.web.FormErrors;
import org.entraide.web.RowLocks;
import org.entraide.web.Texts;

/**
 * The group's shared notes. A save names the version it started from; when someone else saved in between, it is
 * refused as a conflict: the page shows their text and keeps the person's own, and saving again replaces theirs
 * knowingly. Every save keeps the text it replaces (the last {@value #VERSIONS_KEPT}), and any member can bring one
 * back, so nobody's words are lost to someone else's save.
 */
@ApplicationScoped
public class NoteService {

    static final int VERSIONS_KEPT = 20;
    /** How much of an earlier version the page shows; restoring brings back all of it. */
    static final int EXCERPT = 300;

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
    public record Notes(String saved, int version, String updatedBy, String updated, String text, List<Earlier> earlier) {
    }

    /** An earlier version as the history lists it: who saved it, when, and its beginning. */
    public record Earlier(long id, String savedBy, String saved, String excerpt) {
    }

    public Notes view(GroupService.GroupView group, Locale locale, NoteForm typed) {
        GroupNote note = GroupNote.of(group.group().id).orElse(null);
        String saved = note == null ? "" : note.body;
        DateTimeFormatter when = Dates.dateTime(FormatStyle.MEDIUM, FormatStyle.SHORT, locale)
                .withZone(ZoneId.of(group.viewerZone()));
        List<Earlier> earlier = GroupNoteVersion.ofGroup(group.group().id).stream()
                .map(v -> new Earlier(v.id, v.savedBy == null ? null : v.savedBy.firstName(), when.format(v.savedAt),
                        v.body.length() <= EXCERPT ? v.body : v.body.substring(0, EXCERPT) + "…"))
                .toList();
        return new Notes(saved, note == null ? 0 : note.version, note == null || note.updatedBy == null ? null : note.updatedBy.firstName(),
                note == null ? null : when.format(note.updatedAt), typed == null ? saved : typed.body(), earlier);
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
        return write(group, note, body == null ? "" : body, personId);
    }

    /** Brings an earlier version back as the notes' text; what it replaces is kept in turn. 404 for another group's. */
    @Transactional
    public GroupNote restore(long groupId, long versionId, long personId) {
        LearningGroup group = groups.requireMember(groupId, personId);
        GroupNoteVersion earlier = GroupNoteVersion.findById(versionId);
        if (earlier == null || !earlier.group.id.equals(groupId)) {
            throw new NotFoundException();
        }
        RowLocks.lockAndReload(group);
        return write(group, GroupNote.of(groupId).orElse(null), earlier.body, personId);
    }

    /** Saves the text as the next version, keeping the one it replaces (unless that was empty) and dropping the oldest. */
    private static GroupNote write(LearningGroup group, GroupNote note, String body, long personId) {
        if (note == null) {
            note = new GroupNote();
            note.group = group;
        } else if (!note.body.isEmpty()) {
            GroupNoteVersion replaced = new GroupNoteVersion();
            replaced.group = group;
            replaced.version = note.version;
            replaced.body = note.body;
            replaced.savedBy = note.updatedBy;
            replaced.savedAt = note.updatedAt;
            replaced.persist();
            GroupNoteVersion.delete("group.id = ?1 and version <= ?2", group.id, note.version - VERSIONS_KEPT);
        }
        note.body = body;
        note.version = note.version + 1;
        note.updatedBy = Person.findById(personId);
        note.updatedAt = Instant.now();
        note.persist();
        group.lastActivityAt = note.updatedAt;
        return note;
    }
}
