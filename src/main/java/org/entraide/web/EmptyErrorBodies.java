package org.entraide.web;

import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Error responses that filters produce without a body (rest-csrf refuses a missing or wrong token with a bare 400)
 * get the same readable error page as every other error.
 */
public class EmptyErrorBodies {

    @ServerResponseFilter
    public void readablePage(ContainerResponseContext response) {
        int status = response.getStatus();
        if (status < 400 || response.hasEntity()) {
            return;
        }
        String title;
        String text;
        if (status >= 500) {
            title = "error.500.title";
            text = "error.500.text";
        } else if (status == 403 || status == 404) {
            title = "error." + status + ".title";
            text = "error." + status + ".text";
        } else {
            title = "error.400.title";
            text = status == 415 ? "error.415.text" : "error.400.text";
        }
        response.setEntity(Errors.Templates.error(title, text).render(), null, MediaType.TEXT_HTML_TYPE);
    }
}
