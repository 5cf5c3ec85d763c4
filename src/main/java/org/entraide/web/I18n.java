package org.entraide.web;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.concurrent.ConcurrentHashMap;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.qute.TemplateExtension;

/**
 * Every user-facing string lives in {@code i18n/entraide*.properties} (English default, French).
 * Templates call {@code {i18n:t('key')}} or {@code {i18n:t('key', arg)}}; the locale comes from the
 * request ({@link RequestContext#locale()}), or from the {@value #LOCALE_ATTRIBUTE} attribute of the template instance.
 */
public final class I18n {

    /** Set on a template instance to render it in a given language outside a request (e-mails). */
    public static final String LOCALE_ATTRIBUTE = "entraideLocale";
    public static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.FRENCH);
    private static final String BUNDLE = "i18n.entraide";
    private static final ResourceBundle.Control NO_FALLBACK = ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    /**
     * Messages without arguments, formatted once per language: a page shows a few hundred of them, and looking up
     * the bundle and parsing a {@link MessageFormat} for each was a tenth of a page's CPU time.
     */
    private static final Map<Locale, Map<String, String>> CONSTANT_MESSAGES = Map.of(
            Locale.ENGLISH, new ConcurrentHashMap<>(), Locale.FRENCH, new ConcurrentHashMap<>());

    private static volatile RequestContext requestContextProxy;

    private I18n() {
    }

    public static ResourceBundle bundle(Locale locale) {
        return ResourceBundle.getBundle(BUNDLE, supported(locale), NO_FALLBACK);
    }

    public static Locale supported(Locale locale) {
        return locale != null && Locale.FRENCH.getLanguage().equals(locale.getLanguage()) ? Locale.FRENCH : Locale.ENGLISH;
    }

    public static String message(Locale locale, String key, Object... args) {
        Locale language = supported(locale);
        if (args.length == 0) {
            String constant = CONSTANT_MESSAGES.get(language).get(key);
            if (constant != null) {
                return constant;
            }
        }
        String pattern;
        try {
            pattern = bundle(language).getString(key);
        } catch (MissingResourceException e) {
            return key; // not cached: only keys of the bundle are, so the cache stays bounded
        }
        String text = new MessageFormat(pattern, language).format(args);
        if (args.length == 0) {
            CONSTANT_MESSAGES.get(language).put(key, text);
        }
        return text;
    }

    /** An explicit locale wins; otherwise the language of the current request; otherwise English. */
    private static Locale resolve(Object explicit) {
        if (explicit instanceof Locale locale) {
            return locale;
        }
        ManagedContext requestContext = Arc.container().requestContext();
        if (requestContext.isActive()) {
            return currentRequest().locale();
        }
        return Locale.ENGLISH;
    }

    /**
     * The client proxy of the request-scoped {@link RequestContext}: it is one object that delegates to the current request's
     * instance, so it is looked up once rather than for each of a page's hundred messages.
     */
    private static RequestContext currentRequest() {
        RequestContext proxy = requestContextProxy;
        if (proxy == null) {
            proxy = Arc.container().instance(RequestContext.class).get();
            requestContextProxy = proxy;
        }
        return proxy;
    }

    public static boolean has(String key) {
        return bundle(Locale.ENGLISH).containsKey(key);
    }

    @TemplateExtension(namespace = "i18n")
    static String t(String key, @TemplateExtension.TemplateAttribute(LOCALE_ATTRIBUTE) Object locale, Object... args) {
        return message(resolve(locale), key, args);
    }

    /** A message whose arguments were collected before rendering, as one list: {@code {i18n:args(problem.key, problem.args)}}. */
    @TemplateExtension(namespace = "i18n")
    static String args(String key, List<?> args, @TemplateExtension.TemplateAttribute(LOCALE_ATTRIBUTE) Object locale) {
        return message(resolve(locale), key, args.toArray());
    }

    /** The label of an enum value: {@code {i18n:e('format', f)}} reads key {@code format.TANDEM}. */
    @TemplateExtension(namespace = "i18n")
    static String e(String prefix, Enum<?> value, @TemplateExtension.TemplateAttribute(LOCALE_ATTRIBUTE) Object locale, Object... args) {
        return message(resolve(locale), prefix + "." + value.name(), args);
    }
}
