package org.entraide.workspace;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.text.MessageFormat;
import java.util.List;

import org.entraide.testing.Browser;
import org.entraide.testing.Db;
import org.entraide.testing.Form;
import org.entraide.testing.Groups;
import org.entraide.testing.Groups.Tandem;
import org.entraide.testing.Html;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** The group's shared notes: saved by any member, a save from an older version is a conflict that loses nothing. */
@QuarkusTest
class NoteTest {

    private static GroupNote note(long groupId) {
        return Db.tx(() -> GroupNote.of(groupId).orElse(null));
    }

    @Test
    void everySaveKeepsTheTextItReplacedAndAnyMemberBringsOneBack() {
        Tandem t = Groups.tandem("Uma", "Vic");
        Tandem other = Groups.tandem("Wes", "Xia");
        String page = "/groups/" + t.groupId();
        assertEquals(303, t.first().browser().post(page + "/note", Form.of("body", "First <plan>", "version", "0")).statusCode());
        assertThat(t.first().browser().get(page).asString(), not(containsString("note-history")));
        assertEquals(303, t.second().browser().post(page + "/note", Form.of("body", "Vic wiped it", "version", "1")).statusCode());

        String history = t.first().browser().get(page).asString();
        assertThat(history, containsString(MessageFormat.format(Html.en("note.history"), 1)));
        assertThat(history, containsString("Saved by Uma, "));
        assertThat(history, containsString("<p class=\"post-body\">First &lt;plan&gt;</p>"));
        long firstVersion = Db.tx(() -> GroupNoteVersion.ofGroup(t.groupId()).get(0).id);

        assertEquals(404, other.first().browser().post(page + "/note/versions/" + firstVersion + "/restore").statusCode(), "outsiders");
        long othersVersion = Groups.noteVersion(other.groupId(), other.first().personId(), "Theirs");
        assertEquals(404, t.first().browser().post(page + "/note/versions/" + othersVersion + "/restore").statusCode(),
                "another group's version");
        assertEquals("Vic wiped it", note(t.groupId()).body);

        Response restored = t.first().browser().post(page + "/note/versions/" + firstVersion + "/restore");
        assertEquals(303, restored.statusCode());
        assertThat(t.first().browser().follow(restored).asString(), containsString(Html.en("flash.note-restored")));
        GroupNote back = note(t.groupId());
        assertEquals("First <plan>", back.body);
        assertEquals(3, back.version);
        assertEquals(List.of("Vic wiped it", "First <plan>"),
                Db.tx(() -> GroupNoteVersion.ofGroup(t.groupId()).stream().map(v -> v.body).toList()), "the replaced text is kept too");

        for (int save = 0; save < NoteService.VERSIONS_KEPT + 5; save++) {
            int from = note(t.groupId()).version;
            assertEquals(303, t.first().browser().post(page + "/note", Form.of("body", "Edit " + save, "version", Integer.toString(from)))
                    .statusCode());
        }
        assertEquals(NoteService.VERSIONS_KEPT, Db.tx(() -> GroupNoteVersion.ofGroup(t.groupId()).size()), "the oldest are dropped");
    }

    @Test
    void savedByOneSeenByTheOtherAndAConflictKeepsBothTexts() {
        Tandem t = Groups.tandem("Uma", "Vic");
        String page = "/groups/" + t.groupId();
        assertThat(t.first().browser().get(page).asString(), containsString("name=\"version\" value=\"0\""));

        Response saved = t.first().browser().post(page + "/note", Form.of("body", "Links: <a href=x>quiz</a>", "version", "0"));

        assertEquals(303, saved.statusCode(), saved.asString());
        assertThat(saved.header("Location"), containsString("#notes"));
        assertEquals(1, note(t.groupId()).version);
        String vicPage = t.second().browser().get(page).asString();
        assertThat(vicPage, containsString("Links: &lt;a href=x&gt;quiz&lt;/a&gt;</textarea>"));
        assertThat(vicPage, containsString("Last saved by Uma"));

        // Vic starts from version 1; meanwhile Uma saves version 2
        assertEquals(303, t.first().browser().post(page + "/note", Form.of("body", "Uma's edit", "version", "1")).statusCode());
        String conflict = t.second().browser().post(page + "/note", Form.of("body", "Vic's <edit>", "version", "1"))
                .then().statusCode(409).extract().asString();
        assertThat(conflict, containsString("id=\"f-note-error\">" + Html.escape(Html.en("error.note-conflict"))));
        assertThat(conflict, containsString("<p class=\"post-body\">Uma&#39;s edit</p>"));
        assertThat(conflict, containsString("Vic&#39;s &lt;edit&gt;</textarea>"));
        assertThat(conflict, containsString("name=\"version\" value=\"2\""));
        assertEquals("Uma's edit", note(t.groupId()).body, "the conflict changed nothing");

        assertEquals(303, t.second().browser().post(page + "/note", Form.of("body", "Vic's <edit>", "version", "2")).statusCode(),
                "saving again from the version shown replaces it knowingly");
        GroupNote last = note(t.groupId());
        assertEquals("Vic's <edit>", last.body);
        assertEquals(3, last.version);

        assertEquals(303, t.second().browser().post("/account/delete", Form.of("deletePassword", Browser.DEFAULT_PASSWORD, "confirm", "yes"))
                .statusCode());
        assertNull(note(t.groupId()).updatedBy, "the notes stay with the group");
    }

    @Test
    void refusedNotesStoreNothingAndOutsidersFindNothing() {
        Tandem t = Groups.tandem("Uma", "Vic");
        Tandem other = Groups.tandem("Wes", "Xia");
        String page = "/groups/" + t.groupId();

        String tooLong = t.first().browser().post(page + "/note", Form.of("body", "x".repeat(GroupNote.BODY_MAX + 1), "version", "0"))
                .then().statusCode(400).extract().asString();
        assertThat(tooLong, containsString("id=\"f-note-error\">" + Html.en("error.too-long")));
        assertEquals(400, t.first().browser().post(page + "/note", Form.of("body", "a\u0000b", "version", "0")).statusCode());
        assertEquals(409, t.first().browser().post(page + "/note", Form.of("body", "Hi", "version", "abc")).statusCode());
        assertEquals(404, other.first().browser().post(page + "/note", Form.of("body", "Intrusion", "version", "0")).statusCode());
        assertNull(note(t.groupId()), "nothing stored");
    }
}
