package org.entraide.web;

import java.net.URI;
import java.net.URISyntaxException;

import jakarta.ws.rs.core.Response;

/** Post/redirect/get helpers. */
public final class Redirects {

    private Redirects() {
    }

    /** 303 to a local path, with a flash notice key (see {@link RequestContext#flash()}). */
    public static Response seeOther(String path, String flashKey) {
        return Response.seeOther(URI.create(withFlash(path, flashKey))).build();
    }

    /** The query goes before any "#fragment": after it, the browser would keep it in the fragment and never send it. */
    public static String withFlash(String path, String flashKey) {
        int hash = path.indexOf('#');
        String beforeFragment = hash < 0 ? path : path.substring(0, hash);
        String fragment = hash < 0 ? "" : path.substring(hash);
        String separator = beforeFragment.contains("?") ? "&" : "?";
        return beforeFragment + separator + RequestContext.FLASH_PARAM + "=" + flashKey + fragment;
    }

    public static Response seeOther(String path) {
        return Response.seeOther(URI.create(path)).build();
    }

    /**
     * The page to come back to: the request's own path and query for a GET, but after a form was sent (a failed POST
     * shows the form again) the page the form was on, since POST-only paths answer a GET with 405.
     */
    public static String pageOf(String method, String uri, String referer) {
        if ("GET".equals(method) || "HEAD".equals(method)) {
            return uri;
        }
        if (referer == null) {
            return "/";
        }
        try {
            URI page = new URI(referer);
            return localPath(page.getRawPath() + (page.getRawQuery() == null ? "" : "?" + page.getRawQuery()));
        } catch (URISyntaxException e) {
            return "/";
        }
    }

    /** Only same-site paths are followed, so that "next" parameters cannot send people elsewhere. */
    public static String localPath(String candidate) {
        if (candidate == null || !candidate.startsWith("/") || candidate.startsWith("//") || candidate.contains("\\")
                || candidate.length() > 500 || Texts.hasControlCharacters(candidate) || !isRelativeReference(candidate)) {
            return "/";
        }
        return candidate;
    }

    /** Line breaks, spaces or a stray "%" would make the redirect itself fail (URI.create throws). */
    private static boolean isRelativeReference(String candidate) {
        try {
            URI uri = new URI(candidate);
            return uri.getScheme() == null && uri.getRawAuthority() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
