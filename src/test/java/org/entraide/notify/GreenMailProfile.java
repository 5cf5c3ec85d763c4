package org.entraide.notify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Real SMTP: the mailer talks to a GreenMail server on a free local port instead of printing to the log. */
public class GreenMailProfile implements QuarkusTestProfile {

    /** A system property, because this class is loaded both by the test runner and by Quarkus. */
    private static final String PORT_PROPERTY = "greenmail.test.port";

    public static synchronized int port() {
        String port = System.getProperty(PORT_PROPERTY);
        if (port == null) {
            try (ServerSocket socket = new ServerSocket(0)) {
                port = String.valueOf(socket.getLocalPort());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            System.setProperty(PORT_PROPERTY, port);
        }
        return Integer.parseInt(port);
    }

    /**
     * Pipelining is off because GreenMail 2.1 sometimes drops pipelined commands (MAIL FROM, RCPT TO and DATA sent
     * together): the exchange then hangs until GreenMail's 30 s socket timeout and fails with 421. Real servers
     * (Postfix, Exim) pipeline correctly, so production keeps the mailer's default. Rarer hangs remain without
     * pipelining: a 10 s send timeout makes them fail fast, and the tests retry them as the outbox would.
     */
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.mailer.mock", "false",
                "quarkus.mailer.host", "127.0.0.1",
                "quarkus.mailer.port", String.valueOf(port()),
                "quarkus.mailer.start-tls", "DISABLED",
                "quarkus.mailer.pipelining", "false",
                "entraide.outbox.send-timeout", "10s");
    }
}
