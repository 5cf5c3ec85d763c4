package org.entraide.geo;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.runtime.Startup;

/** City search, time zones and distances for the web app (the gazetteer is loaded once, at start-up). */
@ApplicationScoped
@Startup
public class GeoService {

    /** Region-based IANA ids people recognise ("Europe/Paris"), without legacy aliases ("US/Eastern", "Etc/GMT+3"). */
    private static final List<String> ZONES = zoneList();

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

    public List<String> zones() {
        return ZONES;
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
        return id != null && (ZONES.contains(id) || "UTC".equals(id));
    }

    private static List<String> zoneList() {
        Set<String> zones = new TreeSet<>();
        for (String id : ZoneId.getAvailableZoneIds()) {
            if (id.matches("(Africa|America|Antarctica|Asia|Atlantic|Australia|Europe|Indian|Pacific)/[A-Za-z_/-]+")) {
                zones.add(id);
            }
        }
        zones.add("UTC");
        return List.copyOf(zones);
    }
}
