package org.entraide.testing;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.entraide.notify.MailOutbox;

/** Links in the mails queued to an address, as its mailbox gets them. */
final class MailedLinks {

    private MailedLinks() {
    }

    /** The paths ({@code link}'s first group) found in the mails to the address, oldest first; one per mail. */
    static List<String> paths(String email, Pattern link) {
        return Db.tx(() -> MailOutbox.<MailOutbox>list("recipient = ?1 order by id", email).stream()
                .map(mail -> link.matcher(mail.body)).filter(Matcher::find).map(found -> found.group(1)).toList());
    }
}
