package org.entraide.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

import org.entraide.account.Person;

/** Sign-ups that finish through a mailed link (the address already holds a person): the links as the mailbox gets them. */
public final class LinkedSignUps {

    private static final Pattern LINK = Pattern.compile("https?://[^/\\s]+(/signup/link/[A-Za-z0-9_-]+)");

    private LinkedSignUps() {
    }

    /** A person as the profile import or a course team's "add by e-mail" makes them: no way to sign in yet. */
    public static long importedPerson(String email) {
        return Db.tx(() -> {
            Person person = new Person();
            person.email = email;
            person.displayName = "Imported";
            person.createdAt = Instant.now();
            person.persist();
            return person.id;
        });
    }

    /** Someone imported signs up with their address; returns the path of the link mailed to finish it. */
    public static String request(String email) {
        importedPerson(email);
        assertEquals("/signup/sent", Browser.localLocation(new Browser().signUp(email, "Linked Learner", Browser.DEFAULT_PASSWORD)));
        List<String> links = mailedLinks(email);
        return links.get(links.size() - 1);
    }

    /** The paths of the sign-up links mailed to the address, oldest first. */
    public static List<String> mailedLinks(String email) {
        return MailedLinks.paths(email, LINK);
    }
}
