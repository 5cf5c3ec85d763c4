package org.entraide.web;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;

import org.jboss.resteasy.reactive.common.headers.HeaderUtil;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.core.request.ServerDrivenNegotiation;

/** Qute picks a template variant from Accept-Language and fails with a 500 on a malformed header; such a header is ignored. */
public class AcceptLanguageFilter {

    @ServerRequestFilter(preMatching = true)
    public void dropMalformedAcceptLanguage(ContainerRequestContext request) {
        try {
            HeaderUtil.getAcceptableLanguages(request.getHeaders());
            new ServerDrivenNegotiation().setAcceptLanguageHeaders(request.getHeaders().get(HttpHeaders.ACCEPT_LANGUAGE));
        } catch (RuntimeException e) {
            request.getHeaders().remove(HttpHeaders.ACCEPT_LANGUAGE);
        }
    }
}
