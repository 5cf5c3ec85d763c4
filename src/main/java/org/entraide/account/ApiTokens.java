package org.entraide.account;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;

import org.entraide.web.FormErrors;
import org.entraide.web.RowLocks;
import org.entraide.web.SecretLinks;
import org.entraide.web.Texts;

/** Personal tokens for the JSON API: made, listed and revoked by their owner, checked on each API call. */
@ApplicationScoped
public class ApiTokens {

    public static final int NAME_MAX = 80;
    /** A few programs per person; more would be tokens nobody remembers to revoke. */
    public static final int PER_PERSON_MAX = 10;
    /** Says which tokens are tokens of Entraide, to the person pasting one and to secret scanners. */
    static final String PREFIX = "entraide_";
    /** "Last used" tells the owner which tokens still serve: written at most this often, not on every call. */
    private static final Duration LAST_USED_PRECISION = Duration.ofHours(1);

    /** A token just made: the secret is shown this once and never stored. */
    public record Made(ApiToken token, String secret) {
    }

    public List<ApiToken> of(long personId) {
        return ApiToken.of(personId);
    }

    @Transactional
    public Made make(long personId, String rawName) {
        FormErrors errors = new FormErrors();
        String name = Texts.check(errors, "name", rawName, true, NAME_MAX);
        // the person row is locked so that two requests at once cannot pass the limit together
        Person person = RowLocks.lockAndReload(Person.<Person>findById(personId));
        if (ApiToken.count("person.id", personId) >= PER_PERSON_MAX) {
            errors.add("name", "error.api-token-limit");
        }
        errors.throwIfAny();
        String secret = PREFIX + SecretLinks.newToken();
        ApiToken token = new ApiToken();
        token.person = person;
        token.name = name;
        token.tokenHash = SecretLinks.hash(secret);
        token.createdAt = Instant.now();
        token.persist();
        return new Made(token, secret);
    }

    @Transactional
    public void revoke(long personId, long tokenId) {
        if (ApiToken.delete("id = ?1 and person.id = ?2", tokenId, personId) == 0) {
            throw new NotFoundException();
        }
    }

    /** A token as "Download my data" lists it: never its secret, which is kept nowhere. */
    public record TokenData(String name, Instant createdAt, Instant lastUsedAt) {
    }

    void exportTokens(@Observes AccountExport export) {
        export.add("apiTokens", ApiToken.of(export.personId()).stream().map(t -> new TokenData(t.name, t.createdAt, t.lastUsedAt)).toList());
    }

    /** The person a token acts for, if it is one of ours and not revoked. */
    @Transactional
    public Optional<Long> personFor(String secret) {
        if (secret == null || !secret.startsWith(PREFIX) || secret.length() > SecretLinks.TOKEN_MAX) {
            return Optional.empty();
        }
        return ApiToken.byHash(SecretLinks.hash(secret)).map(token -> {
            Instant now = Instant.now();
            if (token.lastUsedAt == null || token.lastUsedAt.isBefore(now.minus(LAST_USED_PRECISION))) {
                token.lastUsedAt = now;
            }
            return token.person.id;
        });
    }
}
