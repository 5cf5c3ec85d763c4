package org.entraide.proof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.LoadState;

/**
 * A real Keycloak and the packaged application in OIDC mode on PostgreSQL, both started by scripts/keycloak-journey,
 * which sets -Dentraide.keycloak-journey=http://127.0.0.1:PORT and -Dentraide.keycloak-url=http://127.0.0.1:KC_PORT
 * and -Dentraide.keycloak-smtp-port=PORT, where the test receives Keycloak's mail (without the first the test is
 * skipped; the ports are whatever was free).
 */
class KeycloakJourneyTest {

    static final Path CHROMIUM = Paths.get("/usr/bin/chromium");

    @Test
    void logInThroughKeycloakActAndLogOut() throws Exception {
        String app = System.getProperty("entraide.keycloak-journey");
        Assumptions.assumeTrue(app != null && !app.isBlank(),
                "no running Keycloak + Entraide: run scripts/keycloak-journey (sets -Dentraide.keycloak-journey)");
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "Chromium not found at " + CHROMIUM + ": Keycloak journey skipped");
        String keycloak = System.getProperty("entraide.keycloak-url", "http://127.0.0.1:8180");
        Files.createDirectories(Paths.get("target", "screenshots"));
        try (Playwright playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
                Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(CHROMIUM)
                        .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                                "--disable-component-update", "--disable-sync", "--no-first-run")))) {
            BrowserContext context = browser.newContext();
            context.setDefaultTimeout(30_000);
            Page page = context.newPage();

            // a wrong password stays on Keycloak's page
            page.navigate(app + "/courses");
            page.locator("#username").waitFor();
            assertTrue(page.url().startsWith(keycloak + "/realms/entraide/"), page.url());
            page.locator("#username").fill("alice");
            page.locator("#password").fill("wrong-password");
            page.locator("#kc-login").click();
            page.waitForLoadState(LoadState.LOAD);
            assertTrue(page.url().startsWith(keycloak + "/"), "still on Keycloak: " + page.url());
            assertTrue(page.locator("#password").isVisible());
            assertTrue(page.locator("#rememberMe").isVisible(), "Keycloak offers to stay signed in (the realm keeps such sessions 14 days)");
            shot(page, "kc-wrong-password");

            // the right one lands in Entraide as Alice
            page.locator("#username").fill("alice");
            page.locator("#password").fill("alice-password-1");
            page.locator("#kc-login").click();
            page.waitForURL(app + "/courses**");
            shot(page, "kc-landed");
            assertTrue(page.locator("body").textContent().contains("Alice"), "signed in as Alice: " + page.locator("header").textContent());

            // one action: create a course
            page.navigate(app + "/courses/new");
            page.locator("#f-title").fill("Course created through Keycloak");
            page.locator("main button[type=submit]").last().click();
            page.waitForLoadState(LoadState.LOAD);
            assertTrue(page.url().matches(".*/courses/\\d+/manage.*"), page.url());
            shot(page, "kc-course-created");
            String join = page.locator("#invite-link").textContent().trim().replaceAll("^https?://[^/]+", "");

            // sign out: the session is gone, /courses asks Keycloak again
            page.locator("form[action='/logout'] button").click();
            page.waitForLoadState(LoadState.LOAD);
            shot(page, "kc-logged-out");
            page.navigate(app + "/courses");
            page.waitForLoadState(LoadState.LOAD);
            assertTrue(page.url().startsWith(keycloak + "/realms/entraide/"), "after sign-out /courses goes to Keycloak: " + page.url());
            assertTrue(page.locator("#username").isVisible(), "Keycloak asks for the password again");
            assertEquals(0, context.cookies(app).stream().filter(c -> c.name.startsWith("q_session")).count(), "no OIDC session cookie left");

            // a visitor's "Sign in" on an invite link comes back to that link, signed in, ready to join
            page.navigate(app + join);
            page.locator("main a[href^='/login?next=']").click();
            page.locator("#username").waitFor();
            page.locator("#username").fill("alice");
            page.locator("#password").fill("alice-password-1");
            page.locator("#kc-login").click();
            page.waitForURL(app + join);
            assertEquals(1, page.locator("main form[action='" + join + "']").count(), "the invite page with its Join button, signed in");
            shot(page, "kc-back-on-invite-link");

            signUpThroughKeycloakFromTheInviteLink(browser, app, keycloak, join);
        }
    }

    /**
     * A newcomer's "Sign up" on an invite link opens Keycloak's registration form itself (prompt=create), in the language
     * they chose on Entraide rather than their browser's (ui_locales); Keycloak checks the address by mail (the realm
     * asks it to), and the newcomer comes back to the link as a new person, ready to join.
     */
    private static void signUpThroughKeycloakFromTheInviteLink(Browser browser, String app, String keycloak, String join)
            throws Exception {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions().setLocale("en-GB"));
        context.setDefaultTimeout(30_000);
        Page page = context.newPage();
        ServerSetup smtp = new ServerSetup(Integer.getInteger("entraide.keycloak-smtp-port", 3026), "127.0.0.1",
                ServerSetup.PROTOCOL_SMTP);
        smtp.setServerStartupTimeout(15_000);
        GreenMail mailbox = new GreenMail(smtp);
        mailbox.start();
        try {
            page.navigate(app + join);
            assertEquals("en", page.locator("html").getAttribute("lang"), "the browser asks for English");
            page.locator("form[action='/language'] button").click();
            page.waitForLoadState(LoadState.LOAD);
            page.locator("main a[href^='/signup?next=']").click();
            page.locator("#kc-register-form").waitFor();
            assertTrue(page.url().startsWith(keycloak + "/realms/entraide/"), page.url());
            assertEquals("fr", page.locator("html").getAttribute("lang"), "Keycloak in the language chosen on Entraide");
            assertTrue(page.locator("#firstName").isVisible(), "Keycloak's registration form, not its sign-in page");
            shot(page, "kc-register");
            page.locator("#username").fill("nora");
            page.locator("#email").fill("nora.newcomer@example.org");
            page.locator("#firstName").fill("Nora");
            page.locator("#lastName").fill("Newcomer");
            page.locator("#kc-register-form [type=submit]").click();
            page.waitForLoadState(LoadState.LOAD);
            assertTrue(page.url().startsWith(keycloak + "/"), "Keycloak asks to verify the address first: " + page.url());
            shot(page, "kc-verify-email");

            assertTrue(mailbox.waitForIncomingEmail(60_000, 1), "Keycloak's mail to check the address");
            MimeMessage mail = mailbox.getReceivedMessages()[0];
            assertEquals("nora.newcomer@example.org", mail.getAllRecipients()[0].toString());
            // the realm checks addresses, so Keycloak asks for the password once the address is checked
            page.navigate(actionLink(mail));
            page.locator("#password-new").fill("nora-password-1");
            page.locator("#password-confirm").fill("nora-password-1");
            shot(page, "kc-choose-password");
            page.locator("#password-confirm").press("Enter");
            page.waitForURL(app + join);
            String header = page.locator("header").textContent();
            assertTrue(header.contains("Nora") && header.contains("Mes cours"), "signed in as Nora, in French: " + header);
            shot(page, "kc-signed-up-on-invite-link");

            page.locator("main form[action='" + join + "'] button").click();
            page.waitForURL(url -> url.matches(".*/courses/\\d+/profile.*"));
            shot(page, "kc-newcomer-joined");

            // the account page sends them to Keycloak's account console for the password and the address
            page.navigate(app + "/account");
            page.locator("main a[href='" + keycloak + "/realms/entraide/account']").click();
            page.waitForFunction("() => [...document.querySelectorAll('input')].some(i => i.value === 'nora.newcomer@example.org')");
            assertTrue(page.url().startsWith(keycloak + "/realms/entraide/account"), page.url());
            shot(page, "kc-account-console");

            // a new address there becomes Nora's address in Entraide once Keycloak has checked it
            page.locator("input[name='email']").fill("nora.moved@example.org");
            page.locator("button[type=submit]").first().click();
            page.locator(".pf-m-success").first().waitFor();
            shot(page, "kc-account-console-saved");
            page.navigate(app + "/account");
            assertTrue(page.locator("main").textContent().contains("nora.newcomer@example.org"), "the old address until Keycloak has checked the new one");
            page.locator("form[action='/logout'] button").click();
            page.waitForLoadState(LoadState.LOAD);
            page.navigate(app + "/login?next=/account");
            page.locator("#username").fill("nora");
            page.locator("#password").fill("nora-password-1");
            page.locator("#kc-login").click();
            assertTrue(mailbox.waitForIncomingEmail(60_000, 2), "Keycloak's mail to check the new address");
            MimeMessage moved = mailbox.getReceivedMessages()[1];
            assertEquals("nora.moved@example.org", moved.getAllRecipients()[0].toString());
            page.navigate(actionLink(moved));
            page.waitForURL(app + "/account");
            assertTrue(page.locator("main").textContent().contains("nora.moved@example.org"), "Entraide now mails the new address");
            shot(page, "kc-account-after-address-change");

            // Keycloak's tokens last 15 s in this journey (the script sets it): a form sent after they expired is
            // saved, not lost on the way through Keycloak
            page.waitForTimeout(20_000);
            page.locator("#f-displayName").fill("Nora N.");
            page.locator("form[action='/account'] button[type=submit]").click();
            page.waitForURL(app + "/account**");
            assertTrue(page.locator("header").textContent().contains("Nora N."), "the form sent after the tokens expired was saved: "
                    + page.locator("header").textContent());
        } finally {
            mailbox.stop();
            context.close();
        }
    }

    /** The link of Keycloak's mail that checks an address. */
    private static String actionLink(MimeMessage mail) throws Exception {
        Matcher link = Pattern.compile("https?://\\S+/login-actions/action-token\\S+").matcher(plainText(mail));
        assertTrue(link.find(), "a verification link in the mail");
        return link.group();
    }

    private static String plainText(Part part) throws Exception {
        if (part.isMimeType("text/plain")) {
            return (String) part.getContent();
        }
        StringBuilder text = new StringBuilder();
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                text.append(plainText(multipart.getBodyPart(i)));
            }
        }
        return text.toString();
    }

    private static void shot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setFullPage(true).setPath(Paths.get("target", "screenshots", name + ".png")));
    }
}
