package org.entraide.geo;

/** Great-circle distances between coordinates in degrees. */
public final class Distances {

    /** Mean Earth radius (IUGG), the usual choice for the spherical haversine approximation. */
    public static final double EARTH_RADIUS_KM = 6371.0088;

    private Distances() {
    }

    /** Haversine distance in kilometres; accurate to about 0.5 % since the Earth is not a sphere. */
    public static double km(double lat1, double lon1, double lat2, double lon2) {
        double phi1 = Math.toRadians(lat1);
        double phi2 = Math.toRadians(lat2);
        double sinHalfDeltaPhi = Math.sin((phi2 - phi1) / 2);
        double sinHalfDeltaLambda = Math.sin(Math.toRadians(lon2 - lon1) / 2);
        double a = sinHalfDeltaPhi * sinHalfDeltaPhi
                + Math.cos(phi1) * Math.cos(phi2) * sinHalfDeltaLambda * sinHalfDeltaLambda;
        return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
    }
}
