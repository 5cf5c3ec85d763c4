package org.entraide.web;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Entraide's own settings (prefix {@code entraide}); production values come from the environment. */
@ConfigMapping(prefix = "entraide")
public interface EntraideConfig {

    Auth auth();

    /** The person with this e-mail is platform admin; if unset, the first account is. */
    Optional<String> adminEmail();

    /** Public address of the app, used in invite links and e-mails. */
    String baseUrl();

    /** {@link #baseUrl()} without a trailing slash, ready for a path to be appended. */
    default String siteUrl() {
        String url = baseUrl();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** Creates the demo course and its generated learners at first start (dev only). */
    @WithDefault("false")
    boolean demoData();

    Rolling rolling();

    Reminders reminders();

    Matching matching();

    Delivery delivery();

    Metrics metrics();

    /**
     * Notices to many learners at once (an announcement, a published matching run) are delivered in batches: the request
     * delivers the first, a background job ({@code every}, "off" disables it, as in tests) the others.
     */
    interface Delivery {
        @WithDefault("10s")
        String every();

        /**
         * Learners reached in one transaction. The request delivers the first batch, so an audience this size or smaller
         * has it at once; a larger one gets the rest from the job, batch after batch.
         */
        @WithDefault("500")
        int batchSize();
    }

    interface Matching {
        /** Runs the engine on generated learners at start-up so the first real match is not slowed by the JIT. */
        @WithDefault("true")
        boolean warmUp();

        /**
         * Runs computed at the same time; more wait in a queue. They have their own threads, so a burst of runs cannot
         * take the worker threads that serve pages, and the engine is CPU-bound, so more runs than cores gain nothing.
         */
        @WithDefault("1")
        int threads();

        /**
         * A run still marked running after this long was interrupted (the instance stopped while computing it): it is
         * marked failed so the course team can start another. A 100,000-learner run takes seconds.
         */
        @WithDefault("15m")
        Duration runTimeout();

        /**
         * A preview nobody published or discarded for this long is discarded: its learners are held out of every other
         * run (rolling matching included) while it is open.
         */
        @WithDefault("3d")
        Duration previewTimeout();
    }

    /** How often the day-before reminders of study sessions and meetups are looked for ("off" disables it, as in tests). */
    interface Reminders {
        @WithDefault("10m")
        String every();
    }

    /** How often the operators' gauges on /q/metrics (mail and delivery backlogs) are counted again ("off" in tests). */
    interface Metrics {
        @WithDefault("30s")
        String every();
    }

    /** Rolling matching's scheduler ("off" disables it, as in tests). */
    interface Rolling {
        @WithDefault("5m")
        String every();

        @WithDefault("1m")
        String delay();
    }

    interface Auth {
        /** {@code local} (accounts stored in Entraide) or {@code oidc} (Keycloak). */
        AuthMode mode();

        /** Key that signs the session cookie of local accounts. */
        String sessionSecret();

        int sessionHours();

        boolean secureCookies();

        int maxFailedLogins();

        int lockoutMinutes();

        /** With Keycloak, the page where people change their password and address: the realm's account console. */
        String identityAccountUrl();

        /**
         * Requests of local accounts that may check or hash a password at once (bcrypt takes tens of milliseconds of CPU
         * on purpose); as many more may wait, and the rest are told to try again. Default: half the cores, at least one.
         */
        Optional<Integer> passwordWorkAtOnce();
    }

    enum AuthMode {
        LOCAL, OIDC
    }
}
