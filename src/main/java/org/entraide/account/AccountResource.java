package org.entraide.account;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.entraide.geo.GeoService;
import org.entraide.web.EntraideConfig;
import org.entraide.web.EntraideConfig.AuthMode;
import org.entraide.web.FormErrors;
import org.entraide.web.InvalidInputException;
import org.entraide.web.Redirects;
import org.entraide.web.RequestContext;
import org.jboss.resteasy.reactive.RestForm;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import io.vertx.core.http.HttpServerResponse;

/** Sign-up, sign-in, sign-out and account settings. With Keycloak, sign-in and sign-up are Keycloak's pages. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class AccountResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance signup(SignUpForm form, String next, FormErrors errors);

        static native TemplateInstance signupSent();

        /** The page a mailed sign-up link opens; {@code email} is null when the link does not work. */
        static native TemplateInstance signupLink(String token, String email);

        static native TemplateInstance login(String email, String next, FormErrors errors);

        /** The page a mailed address confirmation opens; {@code email} is null when the link does not work for this account. */
        static native TemplateInstance confirmAddress(String token, String email);

        static native TemplateInstance account(Person person, boolean localAccount, String displayName, String language,
                String emailNotifications, EmailNotifications[] emailChoices, String messageMail,
                MessageMail[] messageChoices, String timeZone, List<GeoService.Zone> zones, String calendarUrl, FormErrors errors);
    }

    /** What the sign-up form sends back when it is re-rendered (never the password). */
    public record SignUpForm(String email, String displayName, String language) {
    }

    private final AccountService accounts;
    private final CurrentPerson currentPerson;
    private final SessionCookie sessionCookie;
    private final HttpServerResponse httpResponse;
    private final RequestContext requestContext;
    private final GeoService geo;
    private final CalendarLink calendarLink;
    private final AddressConfirmations addressConfirmations;
    private final boolean local;

    AccountResource(AccountService accounts, CurrentPerson currentPerson, SessionCookie sessionCookie,
            HttpServerResponse httpResponse, RequestContext requestContext, GeoService geo, CalendarLink calendarLink,
            AddressConfirmations addressConfirmations, EntraideConfig config) {
        this.accounts = accounts;
        this.addressConfirmations = addressConfirmations;
        this.calendarLink = calendarLink;
        this.geo = geo;
        this.currentPerson = currentPerson;
        this.sessionCookie = sessionCookie;
        this.httpResponse = httpResponse;
        this.requestContext = requestContext;
        this.local = config.auth().mode() == AuthMode.LOCAL;
    }

    @GET
    @Path("signup")
    public Object signupForm(@QueryParam("next") String next) {
        if (!local) {
            return singleSignOn(KeycloakRedirect.SIGN_UP_PATH, next);
        }
        return Templates.signup(new SignUpForm("", "", ""), Redirects.localPath(next), FormErrors.none());
    }

    @POST
    @Path("signup")
    @PasswordWork
    public Object signup(@RestForm String email, @RestForm String displayName, @RestForm String password,
            @RestForm String passwordConfirmation, @RestForm String language, @RestForm String next) {
        requireLocal();
        try {
            Optional<Person> person = accounts.signUp(new AccountService.SignUp(email, displayName, password, passwordConfirmation, language),
                    afterLogin(next), requestContext.locale());
            if (person.isEmpty()) {
                return Redirects.seeOther("/signup/sent");
            }
            startSession(person.get());
            return Redirects.seeOther(afterLogin(next), "welcome-confirm");
        } catch (InvalidInputException e) {
            return Response.status(400).entity(Templates.signup(new SignUpForm(email, displayName, language),
                    Redirects.localPath(next), e.errors)).build();
        }
    }

    /** After a sign-up that finishes through a mailed link. */
    @GET
    @Path("signup/sent")
    public TemplateInstance signupSent() {
        requireLocal();
        return Templates.signupSent();
    }

    /** Opening the link only shows a button: mail scanners open links too, and must not make the account. */
    @GET
    @Path("signup/link/{token}")
    public Response signupLinkPage(@PathParam("token") String token) {
        requireLocal();
        return accounts.signUpLinkEmail(token).map(email -> Response.ok(Templates.signupLink(token, email)))
                .orElseGet(() -> Response.status(404).entity(Templates.signupLink(token, null))).build();
    }

    @POST
    @Path("signup/link/{token}")
    public Response finishSignUp(@PathParam("token") String token) {
        requireLocal();
        return accounts.finishLinkedSignUp(token).map(done -> {
            startSession(done.person());
            return Redirects.seeOther(done.nextPath(), "welcome");
        }).orElseGet(() -> Response.status(404).entity(Templates.signupLink(token, null)).build());
    }

    @GET
    @Path("login")
    public Object loginForm(@QueryParam("next") String next) {
        if (!local) {
            return singleSignOn("/login/continue", next);
        }
        return Templates.login("", Redirects.localPath(next), FormErrors.none());
    }

    /**
     * Keycloak's code flow starts when an authenticated page is requested: this one, which then goes on to where the
     * visitor was headed. Sending them there directly would not do when it is a page visitors may see too (an invite
     * link): it would show them the same "Sign in" button again. Signing up takes its own such page, whose code flow
     * opens Keycloak's registration form ({@link KeycloakRedirect}).
     */
    private static Response singleSignOn(String continuePath, String next) {
        return Redirects.seeOther(continuePath + "?next=" + URLEncoder.encode(afterLogin(next), StandardCharsets.UTF_8));
    }

    @GET
    @Path("login/continue")
    @Authenticated
    public Response continueSignedIn(@QueryParam("next") String next) {
        return Redirects.seeOther(afterLogin(next));
    }

    @GET
    @Path("signup/continue")
    @Authenticated
    public Response continueSignedUp(@QueryParam("next") String next) {
        return Redirects.seeOther(afterLogin(next));
    }

    @POST
    @Path("login")
    @PasswordWork
    public Object login(@RestForm String email, @RestForm String password, @RestForm String next) {
        requireLocal();
        try {
            startSession(accounts.logIn(email, password));
            return Redirects.seeOther(afterLogin(next));
        } catch (InvalidInputException e) {
            int status = "error.login-locked".equals(e.errors.get("email")) ? 429 : 401;
            return Response.status(status).entity(Templates.login(email, Redirects.localPath(next), e.errors)).build();
        }
    }

    @POST
    @Path("logout")
    public Response logout() {
        if (!local) {
            return Redirects.seeOther("/oidc/logout");
        }
        httpResponse.addCookie(sessionCookie.clear());
        return Redirects.seeOther("/", "logged-out");
    }

    @GET
    @Path("account")
    @Authenticated
    public String account() {
        Person person = currentPerson.require();
        return accountPage(person, FormErrors.none()).render();
    }

    @POST
    @Path("account")
    @Authenticated
    public Object updateAccount(@RestForm String displayName, @RestForm String language, @RestForm String emailNotifications,
            @RestForm String messageMail, @RestForm String timeZone) {
        Person person = currentPerson.require();
        try {
            accounts.changeProfile(person.id, displayName, language, emailNotifications, messageMail, timeZone);
            return Redirects.seeOther("/account", "saved");
        } catch (InvalidInputException e) {
            return Response.status(400).entity(Templates.account(person, person.passwordHash != null, displayName, language,
                    emailNotifications, EmailNotifications.values(), messageMail, MessageMail.values(), timeZone, geo.zones(),
                    calendarLink.url(person).orElse(null), e.errors))
                    .build();
        }
    }

    @POST
    @Path("account/password")
    @Authenticated
    @PasswordWork
    public Object changePassword(@RestForm String currentPassword, @RestForm String password, @RestForm String passwordConfirmation) {
        Person person = currentPerson.require();
        try {
            startSession(accounts.changePassword(person.id, currentPassword, password, passwordConfirmation));
            return Redirects.seeOther("/account", "password-changed");
        } catch (InvalidInputException e) {
            return Response.status(400).entity(accountPage(person, e.errors)).build();
        }
    }

    /** A new link to confirm the address (the one mailed at sign-up was lost, or expired). */
    @POST
    @Path("account/confirm")
    @Authenticated
    public Response sendAddressConfirmation() {
        requireLocal();
        Person person = currentPerson.require();
        if (person.hasConfirmedAddress()) {
            return Redirects.seeOther("/account#address", "address-confirmed");
        }
        boolean sent = addressConfirmations.resend(person.id, requestContext.locale());
        return Redirects.seeOther("/account#address", sent ? "address-link-sent" : "address-links-open");
    }

    /** Opening the link only shows a button, as a page should when opened by a mail scanner. */
    @GET
    @Path("account/confirm/{token}")
    @Authenticated
    public Response confirmAddressPage(@PathParam("token") String token) {
        requireLocal();
        return addressConfirmations.emailFor(token, currentPerson.id()).map(email -> Response.ok(Templates.confirmAddress(token, email)))
                .orElseGet(() -> Response.status(404).entity(Templates.confirmAddress(token, null))).build();
    }

    @POST
    @Path("account/confirm/{token}")
    @Authenticated
    public Response confirmAddress(@PathParam("token") String token) {
        requireLocal();
        if (!addressConfirmations.confirm(token, currentPerson.id())) {
            return Response.status(404).entity(Templates.confirmAddress(token, null)).build();
        }
        return Redirects.seeOther("/account#address", "address-confirmed");
    }

    /** "Sign out everywhere else": a forgotten session on a shared computer ends, this one goes on. */
    @POST
    @Path("account/sessions/end")
    @Authenticated
    public Response endOtherSessions() {
        requireLocal();
        startSession(accounts.endOtherSessions(currentPerson.id()));
        return Redirects.seeOther("/account#sessions", "signed-out-elsewhere");
    }

    /** A new secret address for calendar apps (the feed turns on; an older address stops working). */
    @POST
    @Path("account/calendar")
    @Authenticated
    public Response newCalendarLink() {
        accounts.newCalendarLink(currentPerson.id());
        return Redirects.seeOther("/account#calendar", "calendar-link-made");
    }

    @POST
    @Path("account/calendar/off")
    @Authenticated
    public Response turnOffCalendarFeed() {
        accounts.turnOffCalendarFeed(currentPerson.id());
        return Redirects.seeOther("/account#calendar", "calendar-off");
    }

    @GET
    @Path("account/export.json")
    @Produces(MediaType.APPLICATION_JSON)
    @Authenticated
    public Response exportData() {
        Person person = currentPerson.require();
        return Response.ok(accounts.export(person.id, requestContext.locale()))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"entraide-my-data.json\"").build();
    }

    @POST
    @Path("account/delete")
    @Authenticated
    @PasswordWork
    public Object deleteAccount(@RestForm String deletePassword, @RestForm String confirm) {
        Person person = currentPerson.require();
        try {
            accounts.delete(person.id, deletePassword, confirm);
        } catch (InvalidInputException e) {
            return Response.status(400).entity(accountPage(person, e.errors)).build();
        }
        if (!local) {
            // ends the Keycloak session too: otherwise the next page would sign them in again as a new person
            return Redirects.seeOther("/oidc/logout");
        }
        httpResponse.addCookie(sessionCookie.clear());
        return Redirects.seeOther("/", "account-deleted");
    }

    /** The account page with the saved name and language (the forms that keep what was typed pass their own). */
    private TemplateInstance accountPage(Person person, FormErrors errors) {
        return Templates.account(person, person.passwordHash != null, person.displayName,
                person.preferredLanguage == null ? "" : person.preferredLanguage, person.emailNotifications.name(),
                EmailNotifications.values(), person.messageMail.name(), MessageMail.values(),
                person.timeZone == null ? "" : person.timeZone, geo.zones(), calendarLink.url(person).orElse(null), errors);
    }

    private void startSession(Person person) {
        httpResponse.addCookie(sessionCookie.issue(person));
    }

    private static String afterLogin(String next) {
        String path = Redirects.localPath(next);
        return path.equals("/") ? "/courses" : path;
    }

    private void requireLocal() {
        if (!local) {
            throw new jakarta.ws.rs.NotFoundException();
        }
    }
}
