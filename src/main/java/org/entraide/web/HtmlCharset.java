package org.entraide.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;

/**
 * Every page says it is UTF-8 in its header too. Qute sets a page's type from its template, as bare
 * {@code text/html}, whenever a resource returns it inside a {@code Response} (a form sent back with its errors, every
 * error page), and tools that do not read the page's meta tag then take it for Latin-1. Set here, as the headers leave,
 * it holds for every page, however it was made.
 */
@ApplicationScoped
class HtmlCharset {

    void route(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(context -> {
            context.addHeadersEndHandler(ignored -> {
                if ("text/html".equalsIgnoreCase(context.response().headers().get(HttpHeaders.CONTENT_TYPE))) {
                    context.response().putHeader(HttpHeaders.CONTENT_TYPE, "text/html;charset=UTF-8");
                }
            });
            context.next();
        });
    }
}
