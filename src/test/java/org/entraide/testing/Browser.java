package org.entraide.testing;

import static io.restassured.RestAssured.given;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.restassured.http.Cookie;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * A minimal browser for RestAssured tests: keeps cookies across requests (session, CSRF, language),
 * never follows redirects (so tests can assert 303 and Location), and posts forms with the CSRF token
 * found in the last HTML page it received.
 */
public final class Browser {

    public static final String SESSION_COOKIE = "entraide_session";
    public static final String DEFAULT_PASSWORD = "correct horse battery";
    private static final Pattern CSRF_FIELD = Pattern.compile(
            "<input type=\"hidden\" name=\"(csrf[^\"]*)\" value=\"([^\"]*)\"");

    private final Map<String, String> cookies = new LinkedHashMap<>();
    private String referer;
    private String acceptLanguage;
    private String csrfName;
    private String csrfToken;

    /** An e-mail address no other test uses (all tests share one database). */
    public static String uniqueEmail(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 12) + "@example.org";
    }

    public Browser acceptLanguage(String value) {
        this.acceptLanguage = value;
        return this;
    }

    public Map<String, String> cookies() {
        return cookies;
    }

    public String cookie(String name) {
        return cookies.get(name);
    }

    public Browser setCookie(String name, String value) {
        cookies.put(name, value);
        return this;
    }

    public Browser dropCookie(String name) {
        cookies.remove(name);
        return this;
    }

    /** GET a path; records cookies and, for HTML pages, the CSRF token. */
    public Response get(String path) {
        // Paths are given already encoded, as a browser sends them.
        Response response = request().urlEncodingEnabled(false).get(path);
        remember(response);
        return response;
    }

    /** POST a form with the CSRF token (fetched from the home page if no page was seen yet). */
    public Response post(String path, Form form) {
        if (csrfToken == null) {
            get("/");
            if (csrfToken == null) {
                throw new IllegalStateException("no CSRF field found on the home page");
            }
        }
        return postRaw(path, form.copy().set(csrfName, csrfToken));
    }

    public Response post(String path, String... namesAndValues) {
        return post(path, Form.of(namesAndValues));
    }

    /** POST exactly the given fields, without adding a CSRF token. */
    public Response postRaw(String path, Form form) {
        RequestSpecification spec = request().contentType("application/x-www-form-urlencoded; charset=UTF-8");
        for (Map.Entry<String, List<String>> field : form.fields().entrySet()) {
            spec = spec.formParam(field.getKey(), field.getValue().toArray());
        }
        Response response = spec.post(path);
        remember(response);
        return response;
    }

    /** GET the page a redirect points to. */
    public Response follow(Response redirect) {
        return get(localLocation(redirect));
    }

    /** The Location header as a path and query, without scheme and host. */
    public static String localLocation(Response redirect) {
        String location = redirect.header("Location");
        if (location == null) {
            throw new AssertionError("no Location header; status " + redirect.statusCode());
        }
        URI uri = URI.create(location);
        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    /** Location's path only (no query, so flash parameters do not matter). */
    public static String locationPath(Response redirect) {
        String local = localLocation(redirect);
        int query = local.indexOf('?');
        return query < 0 ? local : local.substring(0, query);
    }

    public Response signUp(String email, String name, String password) {
        return post("/signup", Form.of("email", email, "displayName", name, "password", password,
                "passwordConfirmation", password, "language", ""));
    }

    /** Signs up with a fresh address and the default password; returns the address. */
    public String signUpNew(String prefix) {
        String email = uniqueEmail(prefix);
        Response response = signUp(email, "Test " + prefix, DEFAULT_PASSWORD);
        if (response.statusCode() != 303) {
            throw new AssertionError("sign-up failed with " + response.statusCode() + ": " + response.asString());
        }
        return email;
    }

    public Response logIn(String email, String password) {
        return post("/login", Form.of("email", email, "password", password, "next", ""));
    }

    public Response logOut() {
        return post("/logout", new Form());
    }

    public boolean signedIn() {
        String value = cookies.get(SESSION_COOKIE);
        return value != null && !value.isEmpty();
    }

    public String csrfToken() {
        return csrfToken;
    }

    public String csrfName() {
        return csrfName;
    }

    /** Sends this Referer from now on, as a browser does for the page a form was on. */
    public Browser referer(String url) {
        this.referer = url;
        return this;
    }

    private RequestSpecification request() {
        RequestSpecification spec = given().redirects().follow(false).cookies(Map.copyOf(cookies));
        if (acceptLanguage != null) {
            spec = spec.header("Accept-Language", acceptLanguage);
        }
        if (referer != null) {
            spec = spec.header("Referer", referer);
        }
        return spec;
    }

    private void remember(Response response) {
        for (Cookie cookie : response.getDetailedCookies()) {
            boolean expired = cookie.getMaxAge() == 0 || cookie.getValue() == null || cookie.getValue().isEmpty();
            if (expired) {
                cookies.remove(cookie.getName());
            } else {
                cookies.put(cookie.getName(), cookie.getValue());
            }
        }
        String contentType = response.getContentType();
        if (contentType != null && contentType.startsWith("text/html")) {
            Matcher matcher = CSRF_FIELD.matcher(response.asString());
            if (matcher.find()) {
                csrfName = matcher.group(1);
                csrfToken = matcher.group(2);
            }
        }
    }
}
