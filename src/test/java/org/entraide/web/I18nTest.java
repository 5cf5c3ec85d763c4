package org.entraide.web;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.entraide.course.CourseRole;
import org.entraide.profile.Enrolment;
import org.entraide.profile.Format;
import org.entraide.profile.PartnerInvite;
import org.entraide.profile.RelationKind;
import org.entraide.testing.Browser;
import org.entraide.testing.Form;
import org.entraide.testing.Html;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
class I18nTest {

    private static final Path TEMPLATES = Path.of("src/main/resources/templates");
    private static final Path JAVA = Path.of("src/main/java");
    private static final Properties EN = Html.bundle("en");
    private static final Properties FR = Html.bundle("fr");

    /** Enums whose labels templates read with {@code i18n:e('prefix', value)}. */
    private static final Map<String, Class<? extends Enum<?>>> ENUM_PREFIXES = Map.of(
            "format", Format.class,
            "relation", RelationKind.class,
            "role", CourseRole.Kind.class,
            "staff-invite.what", CourseRole.Kind.class,
            "enrolment.status", Enrolment.Status.class,
            "partner.state", PartnerInvite.Status.class,
            "partner.choice", PartnerInvite.Choice.class,
            "group.status", org.entraide.group.LearningGroup.Status.class);

    @Test
    void bothBundlesHaveExactlyTheSameKeys() {
        Set<String> onlyEnglish = new TreeSet<>(EN.stringPropertyNames());
        onlyEnglish.removeAll(FR.stringPropertyNames());
        Set<String> onlyFrench = new TreeSet<>(FR.stringPropertyNames());
        onlyFrench.removeAll(EN.stringPropertyNames());
        assertEquals(Set.of(), onlyEnglish, "keys missing in entraide_fr.properties");
        assertEquals(Set.of(), onlyFrench, "keys missing in entraide.properties");
    }

    @Test
    void noMessageIsEmpty() {
        for (Properties bundle : List.of(EN, FR)) {
            for (String key : bundle.stringPropertyNames()) {
                assertFalse(bundle.getProperty(key).isBlank(), key);
            }
        }
    }

    @Test
    void everyLiteralKeyInTemplatesExistsInBothBundles() {
        Set<String> keys = matches(templates(), Pattern.compile("i18n:t\\('([^']+)'"));
        assertTrue(keys.size() > 50, "the scan found the templates' keys: " + keys.size());
        assertAllPresent(keys);
    }

    @Test
    void everyEnumLabelUsedInTemplatesExistsInBothBundles() {
        Set<String> prefixes = matches(templates(), Pattern.compile("i18n:e\\('([^']+)'"));
        assertFalse(prefixes.isEmpty());
        Set<String> keys = new TreeSet<>();
        for (String prefix : prefixes) {
            Class<? extends Enum<?>> type = ENUM_PREFIXES.get(prefix);
            if (type == null) {
                // A prefix this test does not know yet: at least one label must exist in both bundles.
                assertTrue(EN.stringPropertyNames().stream().anyMatch(k -> k.startsWith(prefix + ".")),
                        "no label for i18n:e('" + prefix + "', …); add its enum to I18nTest.ENUM_PREFIXES");
                continue;
            }
            for (Enum<?> value : type.getEnumConstants()) {
                keys.add(prefix + "." + value.name());
            }
        }
        assertAllPresent(keys);
    }

    @Test
    void everyErrorAndFlashKeyUsedInJavaExistsInBothBundles() {
        String java = javaSources();
        Set<String> keys = matches(java, Pattern.compile("\"((?:error|flash)\\.[a-z0-9.-]+)\""));
        for (String flash : matches(java, Pattern.compile("seeOther\\([^;]*?,\\s*\"([a-z0-9.-]+)\"\\)"))) {
            keys.add("flash." + flash);
        }
        assertTrue(keys.contains("flash.welcome") && keys.contains("error.required"), "the scan works: " + keys);
        assertAllPresent(keys);
    }

    @Test
    void placeholdersAgreeAndApostrophesSurviveMessageFormat() {
        Pattern placeholder = Pattern.compile("\\{(\\d)\\}");
        for (String key : EN.stringPropertyNames()) {
            String en = EN.getProperty(key);
            String fr = FR.getProperty(key, "");
            assertEquals(matches(en, placeholder), matches(fr, placeholder), "placeholders of " + key);
            for (String pattern : List.of(en, fr)) {
                // A lone apostrophe starts a quoted section in MessageFormat: the text would lose it, and any {0} after it.
                String formatted = new MessageFormat(pattern, Locale.FRENCH).format(new Object[] {1, 2, 3});
                assertEquals(pattern.replace("''", "'").chars().filter(c -> c == '\'').count(),
                        formatted.chars().filter(c -> c == '\'').count(), "apostrophes in " + key + ": " + pattern);
                assertFalse(formatted.contains("{0}"), key);
            }
        }
    }

    /** Counts that can be 1 say it in the singular, in both languages (MessageFormat's choice, not "1 weeks"). */
    @Test
    void countsOfOneAreSingular() {
        assertEquals("1 week", I18n.message(Locale.ENGLISH, "course.weeks-count", 1));
        assertEquals("7 weeks", I18n.message(Locale.ENGLISH, "course.weeks-count", 7));
        assertEquals("1 semaine", I18n.message(Locale.FRENCH, "course.weeks-count", 1));
        assertEquals("1 learner added, 0 updated.", I18n.message(Locale.ENGLISH, "import.done", 1, 0));
        assertEquals("12 apprenants ajoutés, 3 mis à jour.", I18n.message(Locale.FRENCH, "import.done", 12, 3));
        assertEquals("No learner waiting", I18n.message(Locale.ENGLISH, "matching.waiting", 0));
        assertEquals("1 learner waiting", I18n.message(Locale.ENGLISH, "matching.waiting", 1));
        assertEquals("1 apprenant en attente", I18n.message(Locale.FRENCH, "matching.waiting", 1));
        assertThat(I18n.message(Locale.ENGLISH, "unplaced.NO_COMMON_TIME", "tandems", 1), containsString("for 1 hour a week"));
        assertThat(I18n.message(Locale.FRENCH, "unplaced.NO_COMMON_TIME", "tandems", 3), containsString("pendant 3 heures par semaine"));
        assertEquals(NumberFormat.getIntegerInstance(Locale.FRENCH).format(1200) + " apprenants en attente", I18n.message(Locale.FRENCH, "matching.waiting", 1200));
    }

    @Test
    void acceptLanguageFrenchRendersFrench() {
        Response home = new Browser().acceptLanguage("fr-FR,fr;q=0.9,en;q=0.5").get("/");
        assertEquals(200, home.statusCode());
        assertThat(home.asString(), containsString("<html lang=\"fr\">"));
        assertThat(home.asString(), containsString(Html.fr("home.headline")));
        assertThat(home.asString(), containsString(Html.fr("nav.signup")));

        Response english = new Browser().acceptLanguage("de, en;q=0.8").get("/");
        assertThat(english.asString(), containsString("<html lang=\"en\">"));
        assertThat(english.asString(), containsString(Html.en("home.headline")));

        Response garbage = new Browser().acceptLanguage(";;;q=abc").get("/");
        assertEquals(200, garbage.statusCode());
        assertThat(garbage.asString(), containsString("<html lang=\"en\">"));
    }

    @Test
    void formPagesAndErrorsAreFrenchToo() {
        Browser browser = new Browser().acceptLanguage("fr");
        Response signup = browser.post("/signup", Form.of("email", "", "displayName", "Zoé", "password", "x", "passwordConfirmation", "x"));
        assertEquals(400, signup.statusCode());
        assertThat(signup.asString(), containsString("<html lang=\"fr\">"));
        assertThat(signup.asString(), containsString(Html.fr("error.required")));
        assertThat(signup.asString(), containsString(Html.fr("signup.title")));

        Response missing = browser.get("/no-such-page");
        assertEquals(404, missing.statusCode());
        assertThat(missing.asString(), containsString(Html.fr("error.404.title")));
    }

    @Test
    void languageSwitchSetsTheCookieAndGoesBack() {
        Browser browser = new Browser();
        Response response = browser.post("/language", Form.of("lang", "fr", "back", "/login?next=%2Fcourses"));
        assertEquals(303, response.statusCode());
        assertEquals("/login?next=%2Fcourses", Browser.localLocation(response));
        String setCookie = response.getHeaders().getValues("Set-Cookie").stream().filter(h -> h.startsWith("entraide_lang=")).findFirst()
                .orElseThrow();
        assertThat(setCookie, containsString("entraide_lang=fr"));
        assertThat(setCookie.toLowerCase(Locale.ROOT), containsString("httponly"));

        Response page = browser.follow(response);
        assertThat(page.asString(), containsString("<html lang=\"fr\">"));
        assertThat(page.asString(), containsString(Html.fr("login.title")));

        Response back = browser.post("/language", Form.of("lang", "en", "back", "/"));
        assertEquals("/", Browser.localLocation(back));
        assertThat(browser.get("/").asString(), containsString("<html lang=\"en\">"));
    }

    @Test
    void languageSwitchOnlyGoesBackToLocalPathsAndKnownLanguages() {
        for (String back : List.of("//evil.example/x", "https://evil.example", "/\\evil.example", "/\r\nX-Injected: 1", "")) {
            Browser browser = new Browser();
            Response response = browser.post("/language", Form.of("lang", "fr", "back", back));
            assertEquals(303, response.statusCode(), back);
            assertEquals("/", Browser.localLocation(response), back);
            assertEquals("localhost", java.net.URI.create(response.header("Location")).getHost());
        }
        Browser unknown = new Browser();
        unknown.post("/language", Form.of("lang", "xx", "back", "/"));
        assertEquals("en", unknown.cookie("entraide_lang"));
    }

    @Test
    void signedInLanguageSwitchIsRemembered() {
        Browser browser = new Browser();
        String email = browser.signUpNew("i18n-switch");
        browser.post("/language", Form.of("lang", "fr", "back", "/courses"));

        Browser elsewhere = new Browser();
        elsewhere.logIn(email, Browser.DEFAULT_PASSWORD);
        String courses = elsewhere.get("/courses").asString();
        assertThat(courses, containsString("<html lang=\"fr\">"));
        assertThat(courses, containsString(Html.fr("nav.courses")));
        assertThat(courses, not(containsString(">" + Html.en("nav.courses") + "<")));
    }

    private static void assertAllPresent(Set<String> keys) {
        List<String> missing = new ArrayList<>();
        for (String key : keys) {
            if (!EN.containsKey(key)) {
                missing.add(key + " (en)");
            }
            if (!FR.containsKey(key)) {
                missing.add(key + " (fr)");
            }
        }
        assertEquals(List.of(), missing);
    }

    private static Set<String> matches(String text, Pattern pattern) {
        Set<String> found = new TreeSet<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }

    private static String templates() {
        return readAll(TEMPLATES, ".html");
    }

    private static String javaSources() {
        return readAll(JAVA, ".java");
    }

    private static String readAll(Path root, String suffix) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(suffix)).sorted().map(p -> {
                try {
                    return Files.readString(p, StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).collect(Collectors.joining("\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
