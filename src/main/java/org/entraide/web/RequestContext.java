package org.entraide.web;

import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;

import org.entraide.account.CurrentPerson;
import org.entraide.account.Person;
import org.entraide.account.PersonLookup;
import org.entraide.notify.Notification;
import org.entraide.notify.NotificationService;
import org.entraide.profile.Enrolment;

import io.quarkus.csrf.reactive.runtime.CsrfTokenParameterProvider;
import io.vertx.core.Context;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;

/**
 * What the layout needs on every page, available to templates as {@code inject:ctx}:
 * the language, the signed-in person and the flash message of a redirect.
 * It is also how {@link CurrentPerson} reads a local session's person, so that the header's unread badge comes with it.
 */
@Named("ctx")
@RequestScoped
public class RequestContext implements PersonLookup {

    public static final String LANGUAGE_COOKIE = "entraide_lang";
    public static final String FLASH_PARAM = "flash";

    private final HttpServerRequest request;
    private final CurrentPerson currentPerson;
    private final EntraideConfig config;
    private final CsrfTokenParameterProvider csrf;
    private final NotificationService notifications;
    private Locale locale;
    private ZoneId zone;
    private Long unreadNotifications;

    RequestContext(HttpServerRequest request, CurrentPerson currentPerson, EntraideConfig config, CsrfTokenParameterProvider csrf,
            NotificationService notifications) {
        this.request = request;
        this.notifications = notifications;
        this.csrf = csrf;
        this.currentPerson = currentPerson;
        this.config = config;
    }

    /** Chosen language: the person's preference, then the language cookie, then Accept-Language. */
    public Locale locale() {
        if (locale == null) {
            locale = resolveLocale();
        }
        return locale;
    }

    public String lang() {
        return locale().getLanguage();
    }

    public String otherLang() {
        return "fr".equals(lang()) ? "en" : "fr";
    }

    public boolean signedIn() {
        return person().isPresent();
    }

    /**
     * The signed-in person. Error pages for unmatched routes render on the event loop, where the database
     * must not be called: there the page is shown as for a visitor.
     */
    public Optional<Person> person() {
        return Context.isOnEventLoopThread() ? Optional.empty() : currentPerson.get();
    }

    /** The zone the reader's pages give dates and times in ({@link Enrolment#readerZone}); UTC for visitors. */
    public ZoneId zone() {
        if (zone == null) {
            zone = person().map(p -> Enrolment.readerZone(p.id)).orElse(ZoneId.of("UTC"));
        }
        return zone;
    }

    /** {@code preferred} (a course profile's zone, on that course's pages) when there is one, else {@link #zone()}. */
    public ZoneId zoneOr(ZoneId preferred) {
        return preferred != null ? preferred : zone();
    }

    /** The CSRF token of this request, or null where the CSRF filter did not run (error pages of unknown routes). */
    public String csrfToken() {
        try {
            return csrf.getToken();
        } catch (IllegalStateException e) {
            return null;
        }
    }

    public String displayName() {
        return person().map(p -> p.displayName).orElse("");
    }

    /** Reads the person and their unread count in one statement: every page shows both. */
    @Override
    public Optional<Person> byId(long personId) {
        Optional<Notification.Reader> reader = notifications.reader(personId);
        unreadNotifications = reader.map(Notification.Reader::unread).orElse(0L);
        return reader.map(Notification.Reader::person);
    }

    /** Unread notifications of the signed-in person, for the header badge; 0 for visitors (and on the event loop). */
    public long unreadNotifications() {
        if (unreadNotifications == null) {
            unreadNotifications = person().map(p -> notifications.unreadCount(p.id)).orElse(0L);
        }
        return unreadNotifications;
    }

    public boolean admin() {
        return person().map(p -> p.platformAdmin).orElse(false);
    }

    public boolean oidc() {
        return config.auth().mode() == EntraideConfig.AuthMode.OIDC;
    }

    public String identityAccountUrl() {
        return config.auth().identityAccountUrl();
    }

    /** The message key of a flash notice after a redirect, only if it is one of ours. */
    public String flash() {
        String key = request.getParam(FLASH_PARAM);
        return key != null && key.matches("[a-z.-]{1,60}") && I18n.has("flash." + key) ? "flash." + key : null;
    }

    /** Current path and query. */
    public String path() {
        return request.uri();
    }

    /** The page to come back to after switching the language (see {@link Redirects#pageOf}). */
    public String backPath() {
        return Redirects.pageOf(request.method().name(), request.uri(), request.getHeader("Referer"));
    }

    private Locale resolveLocale() {
        Optional<String> preferred = person().map(p -> p.preferredLanguage);
        if (preferred.isPresent() && preferred.get() != null) {
            return Locale.forLanguageTag(preferred.get());
        }
        return visitorLocale(request);
    }

    /** The language of someone not signed in (or without a preference): the language cookie, then Accept-Language. */
    public static Locale visitorLocale(HttpServerRequest request) {
        Cookie cookie = request.getCookie(LANGUAGE_COOKIE);
        if (cookie != null && ("en".equals(cookie.getValue()) || "fr".equals(cookie.getValue()))) {
            return Locale.forLanguageTag(cookie.getValue());
        }
        String header = request.getHeader("Accept-Language");
        if (header != null) {
            try {
                Locale best = Locale.lookup(Locale.LanguageRange.parse(header), I18n.SUPPORTED);
                if (best != null) {
                    return best;
                }
            } catch (IllegalArgumentException ignored) {
                // a malformed header falls back to English
            }
        }
        return Locale.ENGLISH;
    }
}
