package org.entraide.matching.engine;

/** Finds the gazetteer city nearest to a point, so that the engine stays independent of the gazetteer. */
@FunctionalInterface
public interface NearestCity {

    City nearest(double latitude, double longitude);

    /** Names the point by its coordinates, for callers without a gazetteer. */
    static NearestCity coordinatesOnly() {
        return (lat, lon) -> new City(String.format(java.util.Locale.ROOT, "%.3f,%.3f", lat, lon),
                String.format(java.util.Locale.ROOT, "%.2f, %.2f", lat, lon), lat, lon);
    }
}
