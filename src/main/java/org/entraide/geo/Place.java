package org.entraide.geo;

import java.util.Locale;

/**
 * A city of the offline gazetteer (GeoNames, CC BY 4.0): city level only, never an address.
 *
 * @param id          GeoNames id
 * @param countryCode ISO 3166-1 alpha-2
 * @param admin1      GeoNames first-level division code (a US state abbreviation, a French region number…)
 * @param timezone    IANA zone id
 */
public record Place(long id, String name, String countryCode, String admin1, double latitude, double longitude,
        int population, String timezone) {

    /** "London, United Kingdom" / "Londres, Royaume-Uni" style; US cities also show their state ("Paris, TX, United States"). */
    public String label(Locale locale) {
        String country = countryName(countryCode, locale);
        StringBuilder label = new StringBuilder(name);
        if ("US".equals(countryCode) && admin1 != null && admin1.length() == 2) {
            label.append(", ").append(admin1);
        }
        if (!country.isEmpty()) {
            label.append(", ").append(country);
        }
        return label.toString();
    }

    /** Country name in the given language from the JDK's locale data, falling back to the code itself. */
    public static String countryName(String countryCode, Locale locale) {
        if (countryCode == null || countryCode.isEmpty()) {
            return "";
        }
        String name = new Locale("", countryCode).getDisplayCountry(locale);
        return name.isEmpty() ? countryCode : name;
    }
}
