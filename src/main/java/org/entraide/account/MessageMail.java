package org.entraide.account;

import java.time.Duration;

/** How the messages written in a person's groups reach them by e-mail. */
public enum MessageMail {
    /** One e-mail saying someone wrote, until the person reads it; only if their e-mail choice includes everything. */
    NOTICE(null),
    /** Once a day, the messages themselves, when there are new ones. */
    DAILY(Duration.ofDays(1)),
    /** Once a week, the same. */
    WEEKLY(Duration.ofDays(7));

    /** Time between two digests; null for {@link #NOTICE}. */
    public final Duration period;

    MessageMail(Duration period) {
        this.period = period;
    }

    public boolean digest() {
        return period != null;
    }
}
