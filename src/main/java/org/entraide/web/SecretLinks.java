package org.entraide.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Tokens of links sent by e-mail that act for whoever holds them (a new password, a staff invitation): only their
 * hash is stored, so that a copy of the database opens none of them.
 */
public final class SecretLinks {

    /** Longer than any token made here; a longer one is not even hashed. */
    public static final int TOKEN_MAX = 100;
    private static final int TOKEN_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private SecretLinks() {
    }

    public static String newToken() {
        byte[] bytes = new byte[TOKEN_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The stored form of a token taken from a request; empty when no link made here could hold it (none, or too long). */
    public static Optional<String> storedFormOf(String token) {
        return token == null || token.length() > TOKEN_MAX ? Optional.empty() : Optional.of(hash(token));
    }

    /** The stored form of a token: SHA-256, in hexadecimal. */
    public static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
