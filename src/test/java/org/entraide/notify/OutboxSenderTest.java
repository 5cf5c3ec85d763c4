package org.entraide.notify;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.inject.Inject;
import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;

import org.entraide.account.EmailNotifications;
import org.entraide.account.Person;
import org.entraide.testing.Browser;
import org.entraide.testing.Db;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(GreenMailProfile.class)
class OutboxSenderTest {

    @Inject
    NotificationService notifications;

    @Inject
    OutboxSender sender;

    private GreenMail smtp;

    @BeforeEach
    void startSmtpWithAnEmptyOutbox() {
        Db.run(() -> MailOutbox.deleteAll());
        smtp = startSmtp();
    }

    @AfterEach
    void stopSmtp() {
        smtp.stop();
    }

    @Test
    void sendDueDeliversARealSmtpMessageOnce() throws Exception {
        String email = account("outbox-send");
        Db.run(() -> notifications.notify(person(email), NotificationKind.GROUP_FORMED, "/courses/5/group", "Statistics 101"));

        assertEquals(1, sendRetryingHungExchanges(0));

        MimeMessage message = only(smtp.getReceivedMessages());
        assertEquals(email, recipient(message));
        assertEquals("Your group for “Statistics 101” is formed", message.getSubject());
        String body = message.getContent().toString();
        assertThat(body, containsString("Everyone accepted: your group in “Statistics 101” is formed."));
        assertThat(body, containsString("http://localhost:8080/courses/5/group"));

        // the mail app's one-click "unsubscribe" (RFC 8058) stops every e-mail, without cookie or form token
        String unsubscribe = message.getHeader("List-Unsubscribe")[0];
        assertThat(unsubscribe, matchesPattern("<http://localhost:8080/mail/off/\\d+-[A-Za-z0-9_-]+>"));
        assertEquals("List-Unsubscribe=One-Click", message.getHeader("List-Unsubscribe-Post")[0]);
        assertEquals("auto-generated", message.getHeader("Auto-Submitted")[0], "no out-of-office replies to Entraide");
        String mailOff = unsubscribe.substring(1, unsubscribe.length() - 1);
        assertThat(body, containsString(mailOff));
        given().redirects().follow(false).contentType("application/x-www-form-urlencoded").body("List-Unsubscribe=One-Click")
                .post(mailOff.replace("http://localhost:8080", "")).then().statusCode(200);
        assertEquals(EmailNotifications.NONE, Db.tx(() -> person(email).emailNotifications));

        MailOutbox row = mailTo(email);
        assertEquals(MailOutbox.Status.SENT, row.status);
        assertNotNull(row.sentAt);
        assertEquals(0, sender.sendDue(), "a sent mail is not sent again");
        assertEquals(1, smtp.getReceivedMessages().length);
    }

    @Test
    void anSmtpOutageLosesNothingAndSendsNothingTwice() throws Exception {
        String email = account("outbox-outage");
        Db.run(() -> notifications.notify(person(email), NotificationKind.PROPOSAL_NEW, "/courses/6/proposal", "Outage course"));
        smtp.stop();

        Instant beforeAttempt = Instant.now();
        assertEquals(0, sender.sendDue());
        MailOutbox failed = mailTo(email);
        assertEquals(MailOutbox.Status.PENDING, failed.status);
        assertEquals(1, failed.attempts);
        assertNotNull(failed.lastError);
        assertTrue(failed.nextAttemptAt.isAfter(beforeAttempt.plusSeconds(25)), "retried after a back-off, not at once");
        assertNull(failed.sentAt);

        assertEquals(0, sender.sendDue(), "not due again before its back-off");
        assertEquals(1, mailTo(email).attempts);

        smtp = startSmtp();
        Db.run(() -> MailOutbox.update("nextAttemptAt = ?1 where recipient = ?2", Instant.now(), email));
        assertEquals(1, sendRetryingHungExchanges(0));
        assertEquals(0, sender.sendDue());

        MimeMessage message = only(smtp.getReceivedMessages());
        assertEquals(email, recipient(message));
        assertThat(message.getContent().toString(), containsString("http://localhost:8080/courses/6/proposal"));
        MailOutbox sent = mailTo(email);
        assertEquals(MailOutbox.Status.SENT, sent.status);
        assertTrue(sent.attempts >= 1, "attempts count failures");
    }

    @Test
    void aMailIsMarkedFailedAfterTheLastAttempt() {
        String email = account("outbox-failed");
        Db.run(() -> notifications.notify(person(email), NotificationKind.MEMBER_DECLINED, "/courses/8", "Hopeless"));
        Db.run(() -> MailOutbox.update("attempts = 11 where recipient = ?1", email));
        smtp.stop();

        assertEquals(0, sender.sendDue());

        MailOutbox row = mailTo(email);
        assertEquals(MailOutbox.Status.FAILED, row.status);
        assertEquals(12, row.attempts);
        assertNotNull(row.lastError);
        Db.run(() -> MailOutbox.update("nextAttemptAt = ?1 where recipient = ?2", Instant.now(), email));
        smtp = startSmtp();
        assertEquals(0, sender.sendDue(), "a failed mail is kept, not retried");
        assertEquals(0, smtp.getReceivedMessages().length);
    }

    @Test
    void twoConcurrentSendersNeverSendAMessageTwice() throws Exception {
        int count = 12;
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            emails.add(account("outbox-race"));
        }
        Db.run(() -> emails.forEach(email -> notifications.notify(person(email), NotificationKind.PROPOSAL_EXPIRING, "/courses/2", "Race")));

        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> runs = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                runs.add(threads.submit(() -> {
                    start.await();
                    return sender.sendDue();
                }));
            }
            start.countDown();
            int sent = 0;
            for (Future<Integer> run : runs) {
                sent += run.get();
            }
            assertTrue(sent <= count, "sent " + sent + " of " + count);
            assertEquals(count, sendRetryingHungExchanges(sent));
        } finally {
            threads.shutdownNow();
        }

        Map<String, Long> received = Arrays.stream(smtp.getReceivedMessages())
                .collect(Collectors.groupingBy(OutboxSenderTest::recipient, Collectors.counting()));
        assertEquals(emails.stream().collect(Collectors.toMap(Function.identity(), email -> 1L)), received);
        assertEquals(0L, Db.tx(() -> MailOutbox.count("status", MailOutbox.Status.PENDING)));
    }

    @Test
    void backOffDoublesFromThirtySecondsUpToAnHour() {
        assertEquals(Duration.ofSeconds(30), OutboxSender.backoff(1));
        assertEquals(Duration.ofSeconds(60), OutboxSender.backoff(2));
        assertEquals(Duration.ofMinutes(32), OutboxSender.backoff(7));
        assertEquals(Duration.ofHours(1), OutboxSender.backoff(8));
        assertEquals(Duration.ofHours(1), OutboxSender.backoff(40));
    }

    /**
     * Sends what is due, and up to twice more what failed. About one SMTP exchange in fifty hangs against GreenMail
     * until the mailer's timeout (GreenMail then answers 421 after its 30 s socket timeout); the outbox counts that as
     * a failure and retries it after its back-off, so the test makes the retry due at once, as time would. The
     * assertions on the received messages still prove each mail arrives exactly once.
     */
    private int sendRetryingHungExchanges(int alreadySent) {
        int sent = alreadySent + sender.sendDue();
        for (int retry = 0; retry < 2 && Db.tx(() -> MailOutbox.count("status", MailOutbox.Status.PENDING)) > 0; retry++) {
            Db.run(() -> MailOutbox.update("nextAttemptAt = ?1 where status = ?2", Instant.now(), MailOutbox.Status.PENDING));
            sent += sender.sendDue();
        }
        return sent;
    }

    private static GreenMail startSmtp() {
        ServerSetup smtp = new ServerSetup(GreenMailProfile.port(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
        // the default 2 s to start was once too short on a busy shared host (all five tests then failed at start-up)
        smtp.setServerStartupTimeout(15_000);
        GreenMail greenMail = new GreenMail(smtp);
        greenMail.start();
        return greenMail;
    }

    /** A new account, without the address link its sign-up queued: each test sends only the mail it makes. */
    private static String account(String prefix) {
        String email = new Browser().signUpNew(prefix);
        Db.run(() -> MailOutbox.delete("recipient", email));
        return email;
    }

    private static Person person(String email) {
        return Person.findByEmail(email).orElseThrow();
    }

    private static MailOutbox mailTo(String email) {
        return Db.tx(() -> MailOutbox.<MailOutbox>find("recipient", email).singleResult());
    }

    private static MimeMessage only(MimeMessage[] messages) {
        assertEquals(1, messages.length, "exactly one message received");
        return messages[0];
    }

    private static String recipient(MimeMessage message) {
        try {
            Address[] to = message.getAllRecipients();
            assertEquals(1, to.length);
            return to[0].toString();
        } catch (jakarta.mail.MessagingException e) {
            throw new AssertionError(e);
        }
    }
}
