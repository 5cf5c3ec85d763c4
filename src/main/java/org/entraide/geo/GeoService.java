package org.entraide.geo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.runtime.Startup;

/** City search, time zones and distances for the web app (the gazetteer is loaded once, at start-up). */
@ApplicationScoped
@Startup
public class GeoService {

    private static final String FORMER_NAMES_RESOURCE = "/geo/former-zone-names.tsv";

    /**
     * Region-based IANA ids people recognise ("Europe/Paris"), without aliases such as "US/Eastern" or "Etc/GMT+3";
     * former names ("Asia/Calcutta") included, as stored data and browsers may still use them.
     */
    private static final Set<String> KNOWN = knownIds();
    /** Former name → current id, both {@link #KNOWN}. */
    private static final Map<String, String> FORMER_NAMES = formerNames();
    static final List<Zone> ZONES = zoneChoices();

    /** A zone people can choose: its current id, and its former names, which some browsers still report. */
    public record Zone(String id, List<String> formerNames) {

        /** True for the zone's id and for its former names. */
        public boolean hasName(String zoneId) {
            return id.equals(zoneId) || zoneId != null && formerNames.contains(zoneId);
        }

        public String formerNamesText() {
            return String.join(" ", formerNames);
        }

        /** "Asia/Kolkata (UTC+05:30)": its offset now, which is what people compare when they look for their zone. */
        public String label() {
            if ("UTC".equals(id)) {
                return id;
            }
            ZoneOffset offset = ZoneId.of(id).getRules().getOffset(Instant.now());
            return id + " (UTC" + (offset.getTotalSeconds() == 0 ? "" : offset.getId()) + ")";
        }
    }

    private final Gazetteer gazetteer = Gazetteer.loadDefault();

    public List<Place> search(String query, int limit) {
        if (query == null || query.isBlank() || query.length() > 100) {
            return List.of();
        }
        return gazetteer.search(query, limit);
    }

    public Optional<Place> place(long id) {
        return gazetteer.byId(id);
    }

    public Place nearest(double latitude, double longitude) {
        return gazetteer.nearest(latitude, longitude);
    }

    public Gazetteer gazetteer() {
        return gazetteer;
    }

    /** The zones to choose from, each under its current id only. */
    public List<Zone> zones() {
        return ZONES;
    }

    /** The zone's current id: a former name ("Asia/Calcutta") is stored under the id it has now ("Asia/Kolkata"). */
    public static String currentId(String id) {
        return FORMER_NAMES.getOrDefault(id, id);
    }

    /**
     * The zone of a stored id, or null when there is none. An id this Java no longer knows (time-zone data drops or
     * renames ids over the years) also gives null, so pages and matching fall back to UTC instead of failing.
     */
    public static ZoneId zoneOrNull(String id) {
        if (id == null) {
            return null;
        }
        try {
            return ZoneId.of(id);
        } catch (DateTimeException unknown) {
            return null;
        }
    }

    public static boolean isZone(String id) {
        return id != null && (KNOWN.contains(id) || "UTC".equals(id));
    }

    private static Set<String> knownIds() {
        Set<String> ids = new TreeSet<>();
        for (String id : ZoneId.getAvailableZoneIds()) {
            if (id.matches("(Africa|America|Antarctica|Asia|Atlantic|Australia|Europe|Indian|Pacific)/[A-Za-z_/-]+")) {
                ids.add(id);
            }
        }
        return ids;
    }

    private static Map<String, String> formerNames() {
        Map<String, String> formerNames = new HashMap<>();
        try (InputStream in = Objects.requireNonNull(GeoService.class.getResourceAsStream(FORMER_NAMES_RESOURCE), FORMER_NAMES_RESOURCE)) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String[] names = line.split("\t");
                // a Java with other time-zone data may lack either name: then there is nothing to translate
                if (!line.startsWith("#") && names.length == 2 && KNOWN.contains(names[0]) && KNOWN.contains(names[1])) {
                    formerNames.put(names[0], names[1]);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + FORMER_NAMES_RESOURCE, e);
        }
        return Map.copyOf(formerNames);
    }

    private static List<Zone> zoneChoices() {
        Map<String, List<String>> formerByCurrent = new HashMap<>();
        FORMER_NAMES.forEach((former, current) -> formerByCurrent.computeIfAbsent(current, id -> new ArrayList<>()).add(former));
        List<Zone> zones = new ArrayList<>();
        for (String id : KNOWN) {
            if (!FORMER_NAMES.containsKey(id)) {
                zones.add(new Zone(id, formerByCurrent.getOrDefault(id, List.of()).stream().sorted().toList()));
            }
        }
        zones.add(new Zone("UTC", List.of()));
        return List.copyOf(zones);
    }
}
