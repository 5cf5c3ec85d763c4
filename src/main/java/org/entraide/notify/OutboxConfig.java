package org.entraide.notify;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the e-mail outbox (prefix {@code entraide.outbox}). */
@ConfigMapping(prefix = "entraide.outbox")
public interface OutboxConfig {

    /** Period of the sending job, such as {@code 15s}; {@code off} disables it (tests call {@link OutboxSender#sendDue()}). */
    @WithDefault("15s")
    String every();

    /** Most mails sent per run. */
    @WithDefault("50")
    int batchSize();

    /** Failed attempts after which a mail is marked FAILED and no longer retried. */
    @WithDefault("12")
    int maxAttempts();

    /** A send that takes longer counts as failed (the mail client itself would wait forever on a stuck server). */
    @WithDefault("30s")
    Duration sendTimeout();
}
