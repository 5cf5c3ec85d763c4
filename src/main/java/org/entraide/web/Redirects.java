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
        String separator = path.contains("?") ? "&" : "?";
        return Response.seeOther(URI.create(path + separator + RequestContext.FLASH_PARAM + "=" + flashKey)).build();
    }

    public static Response seeOther(String path) {
        return Response.seeOther(URI.create(path)).build();
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
