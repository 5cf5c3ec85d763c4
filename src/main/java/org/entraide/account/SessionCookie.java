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
 * The signed cookie that carries a local account's session: {@code personId:expiry:hmac}.
 * Nothing is kept on the server, so any app instance can verify it.
 */
@ApplicationScoped
public class SessionCookie {

    public static final String NAME = "entraide_session";

    private final EntraideConfig config;
    private final Mac macPrototype;

    SessionCookie(EntraideConfig config) {
        this.config = config;
        this.macPrototype = keyedMac(config.auth().sessionSecret());
    }

    public Cookie issue(long personId) {
        long expiry = Instant.now().getEpochSecond() + config.auth().sessionHours() * 3600L;
        String payload = personId + ":" + expiry;
        return base(payload + ":" + sign(payload)).setMaxAge(config.auth().sessionHours() * 3600L);
    }

    public Cookie clear() {
        return base("").setMaxAge(0);
    }

    /** The person id in a valid, unexpired cookie value. */
    public Optional<Long> verify(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String[] parts = value.split(":");
        if (parts.length != 3) {
            return Optional.empty();
        }
        String payload = parts[0] + ":" + parts[1];
        byte[] expected = sign(payload).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, parts[2].getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        try {
            long personId = Long.parseLong(parts[0]);
            long expiry = Long.parseLong(parts[1]);
            return expiry > Instant.now().getEpochSecond() ? Optional.of(personId) : Optional.empty();
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
