package org.entraide.account;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 signatures with the server's secret, for values handed out that must come back unchanged. */
final class Signature {

    private final Mac prototype;

    Signature(String secret) {
        try {
            prototype = Mac.getInstance("HmacSHA256");
            prototype.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    String sign(String payload) {
        try {
            // signed on every request: a clone of the keyed prototype skips the provider lookup and key set-up
            Mac mac = (Mac) prototype.clone();
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("HmacSHA256 cannot be cloned", e);
        }
    }

    /** A token of the form {@code {id}-{signature}}, as handed out in addresses (calendar feeds, "stop e-mails"). */
    record IdToken(long id, String signature) {

        /** Its parts, if it has that shape; nothing is verified yet. */
        static Optional<IdToken> parse(String token) {
            int dash = token == null ? -1 : token.indexOf('-');
            if (dash < 1 || dash > 19 || token.length() > 80) {
                return Optional.empty();
            }
            try {
                return Optional.of(new IdToken(Long.parseLong(token.substring(0, dash)), token.substring(dash + 1)));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
    }

    /** Compared in constant time, so that response times do not reveal how much of a forged signature was right. */
    boolean verifies(String payload, String signature) {
        return MessageDigest.isEqual(sign(payload).getBytes(StandardCharsets.US_ASCII), signature.getBytes(StandardCharsets.US_ASCII));
    }
}
