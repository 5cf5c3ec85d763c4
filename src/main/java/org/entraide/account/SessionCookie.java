package org.entraide.account;

import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.entraide.web.EntraideConfig;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;

/**
 * The signed cookie that carries a local account's session: {@code personId:generation:expiry:hmac}.
 * Nothing is kept on the server, so any app instance can verify it; the generation lets a person end their other
 * sessions (see {@link Person#sessionGeneration}), checked where the person is read anyway.
 */
@ApplicationScoped
public class SessionCookie {

    public static final String NAME = "entraide_session";

    /** The identity attribute holding the cookie's session generation. */
    public static final String GENERATION = "entraide.session-generation";

    public record Session(long personId, int generation) {
    }

    private final EntraideConfig config;
    private final Signature signature;

    SessionCookie(EntraideConfig config) {
        this.config = config;
        this.signature = new Signature(config.auth().sessionSecret());
    }

    public Cookie issue(Person person) {
        long expiry = Instant.now().getEpochSecond() + config.auth().sessionHours() * 3600L;
        String payload = person.id + ":" + person.sessionGeneration + ":" + expiry;
        return base(payload + ":" + signature.sign(payload)).setMaxAge(config.auth().sessionHours() * 3600L);
    }

    public Cookie clear() {
        return base("").setMaxAge(0);
    }

    /** The session in a valid, unexpired cookie value. */
    public Optional<Session> verify(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String[] parts = value.split(":");
        if (parts.length != 4) {
            return Optional.empty();
        }
        String payload = parts[0] + ":" + parts[1] + ":" + parts[2];
        if (!signature.verifies(payload, parts[3])) {
            return Optional.empty();
        }
        try {
            Session session = new Session(Long.parseLong(parts[0]), Integer.parseInt(parts[1]));
            long expiry = Long.parseLong(parts[2]);
            return expiry > Instant.now().getEpochSecond() ? Optional.of(session) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private Cookie base(String value) {
        return Cookie.cookie(NAME, value).setPath("/").setHttpOnly(true)
                .setSameSite(CookieSameSite.LAX).setSecure(config.auth().secureCookies());
    }
}
