package org.entraide.account;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Fired to gather what Entraide keeps about a person for "Download my data": each feature adds its section, so that
 * this package need not know them. Sections hold what the person gave or was told, never other people's contacts.
 */
public final class AccountExport {

    private final long personId;
    private final Locale locale;
    private final Map<String, Object> sections = new LinkedHashMap<>();

    AccountExport(long personId, Locale locale) {
        this.personId = personId;
        this.locale = locale;
    }

    public long personId() {
        return personId;
    }

    /** The language texts (availability, notifications) are written in. */
    public Locale locale() {
        return locale;
    }

    public void add(String section, Object data) {
        sections.put(section, data);
    }

    public Map<String, Object> sections() {
        return Collections.unmodifiableMap(sections);
    }
}
