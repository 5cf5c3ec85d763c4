package org.entraide.account;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

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
    private final Mac macPrototype;

    SessionCookie(EntraideConfig config) {
        this.config = config;
        this.macPrototype = keyedMac(config.auth().sessionSecret());
    }

    public Cookie issue(Person person) {
        long expiry = Instant.now().getEpochSecond() + config.auth().sessionHours() * 3600L;
        String payload = person.id + ":" + person.sessionGeneration + ":" + expiry;
        return base(payload + ":" + sign(payload)).setMaxAge(config.auth().sessionHours() * 3600L);
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
        byte[] expected = sign(payload).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, parts[3].getBytes(StandardCharsets.US_ASCII))) {
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

    private String sign(String payload) {
        try {
            // every request verifies its cookie: a clone of the keyed prototype skips the provider lookup and key set-up
            Mac mac = (Mac) macPrototype.clone();
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("HmacSHA256 cannot be cloned", e);
        }
    }

    private static Mac keyedMac(String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
