package org.entraide.testing;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.entraide.account.Person;
import org.entraide.notify.MailOutbox;

import io.restassured.response.Response;

/** The links that confirm a local account's address, as its mailbox gets them, and their use by the account holder. */
public final class AddressLinks {

    private static final Pattern LINK = Pattern.compile("https?://[^/\\s]+(/account/confirm/[A-Za-z0-9_-]+)");

    private AddressLinks() {
    }

    /** The paths of the confirmation links mailed to the address, oldest first. */
    public static List<String> mailed(String email) {
        return MailedLinks.paths(email, LINK);
    }

    /** The mails queued to the address, oldest first, but for the links confirming it (every local sign-up mails one). */
    public static List<MailOutbox> otherMails(String email) {
        return Db.tx(() -> MailOutbox.<MailOutbox>list("recipient = ?1 order by id", email).stream()
                .filter(mail -> !LINK.matcher(mail.body).find()).toList());
    }

    public static boolean confirmed(String email) {
        return Db.tx(() -> Person.findByEmail(email).map(Person::hasConfirmedAddress).orElse(false));
    }

    /** The signed-in holder of the address opens the newest link mailed to it and confirms, as on the page. */
    public static void confirm(Browser holder, String email) {
        String address = email.strip().toLowerCase(Locale.ROOT);
        if (confirmed(address)) {
            return;
        }
        List<String> links = mailed(address);
        if (links.isEmpty()) {
            throw new AssertionError("no confirmation link was mailed to " + address);
        }
        String link = links.get(links.size() - 1);
        Response confirmed = holder.post(link, new Form());
        if (confirmed.statusCode() != 303) {
            throw new AssertionError("confirming " + address + " failed with " + confirmed.statusCode());
        }
    }
}
