package org.entraide.profile.population;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import org.entraide.availability.WeekMask;
import org.entraide.geo.Gazetteer;
import org.entraide.geo.Place;
import org.entraide.profile.CertificateIntent;
import org.entraide.profile.FollowMode;
import org.entraide.profile.Format;
import org.entraide.profile.InteractionObject;
import org.entraide.profile.LearnerProfile;
import org.entraide.profile.Modality;
import org.entraide.profile.MoocExperience;
import org.entraide.profile.Motive;
import org.entraide.profile.Situation;

/**
 * Synthetic but plausible MOOC learner populations for demos, load tests and matching experiments.
 *
 * <p>Countries are weighted like a French-and-English MOOC audience, cities by population (metropolises
 * dense, small towns sparse), and the declared motives, certificate intent and follow mode follow the
 * usage registers of DOMAIN.md for each situation. Profile {@code i} only depends on the seed and on
 * {@code i}, so {@code generate(10)} is a prefix of {@code generate(1000)}.
 */
public final class PopulationGenerator {

    /** Relative weights of learners' countries: a francophone platform that also reaches English speakers. */
    private static final Object[][] COUNTRY_WEIGHTS = {
            {"FR", 30.0}, {"US", 9.0}, {"IN", 6.0}, {"CA", 6.0}, {"BE", 4.0}, {"CH", 3.0}, {"GB", 4.0},
            {"MA", 4.0}, {"SN", 2.5}, {"CI", 2.5}, {"DE", 2.0}, {"ES", 2.0}, {"BR", 2.0}, {"TN", 2.0},
            {"CM", 2.0}, {"DZ", 2.0}, {"CD", 1.0}, {"BF", 0.8}, {"BJ", 0.8}, {"MG", 0.8}, {"HT", 0.5},
            {"LU", 0.5}, {"RE", 0.5}, {"MX", 1.5}, {"IT", 1.0}, {"PT", 0.8}, {"NG", 1.2}, {"EG", 0.8},
            {"CN", 0.8}, {"JP", 0.4}, {"AU", 0.8}, {"NL", 0.6}, {"PH", 0.8}, {"KE", 0.6}, {"CO", 0.8},
            {"AR", 0.6}, {"PL", 0.4}, {"VN", 0.6}, {"ID", 0.6}, {"PK", 0.5}, {"LB", 0.4},
    };

    private static final String[] SECTORS = {
            "education", "health", "information technology", "public administration", "finance", "industry",
            "commerce", "social work", "research", "culture", "agriculture", "consulting", "transport", "energy",
    };

    /** The sectors as a French learner would write them in their introduction. */
    private static final Map<String, String> SECTORS_IN_FRENCH = Map.ofEntries(Map.entry("education", "éducation"),
            Map.entry("health", "santé"), Map.entry("information technology", "informatique"),
            Map.entry("public administration", "administration publique"), Map.entry("finance", "finance"),
            Map.entry("industry", "industrie"), Map.entry("commerce", "commerce"), Map.entry("social work", "travail social"),
            Map.entry("research", "recherche"), Map.entry("culture", "culture"), Map.entry("agriculture", "agriculture"),
            Map.entry("consulting", "conseil"), Map.entry("transport", "transport"), Map.entry("energy", "énergie"));

    /** A few employers per city, so that colleague groups (DOMAIN.md, E4–E5) appear in big cities. */
    private static final String[] EMPLOYERS = {
            "City Hospital", "Regional Council", "Metro Bank", "Tech Solutions", "National Railways",
            "Public Library Network", "Green Energy Co", "Logistics Group",
    };

    private static final Map<String, String[]> FIRST_NAMES = new HashMap<>();

    static {
        FIRST_NAMES.put("fr", new String[] {"Camille", "Julien", "Claire", "Nicolas", "Sophie", "Thomas", "Élodie",
                "Mathieu", "Isabelle", "Pierre", "Nathalie", "Antoine", "Aurélie", "François", "Léa", "Hugo",
                "Chantal", "Bernard", "Manon", "Louis", "Hélène", "Sébastien", "Margaux", "Gaëlle"});
        FIRST_NAMES.put("en", new String[] {"Emily", "James", "Sarah", "Michael", "Jessica", "David", "Olivia",
                "Daniel", "Emma", "Christopher", "Hannah", "Matthew", "Grace", "Andrew", "Rachel", "Ryan",
                "Laura", "Kevin", "Megan", "Brian", "Linda", "George", "Amy", "Patrick"});
        FIRST_NAMES.put("hi", new String[] {"Priya", "Rahul", "Ananya", "Arjun", "Divya", "Vikram", "Sneha",
                "Rohan", "Kavya", "Aditya", "Meera", "Karthik", "Pooja", "Sanjay", "Lakshmi", "Amit"});
        FIRST_NAMES.put("ar", new String[] {"Youssef", "Fatima", "Mohamed", "Salma", "Karim", "Imane", "Hamza",
                "Nadia", "Omar", "Leila", "Mehdi", "Amina", "Rachid", "Samira", "Anis", "Yasmine"});
        FIRST_NAMES.put("af", new String[] {"Aminata", "Moussa", "Fatou", "Ibrahima", "Awa", "Mamadou", "Aïcha",
                "Cheikh", "Mariama", "Ousmane", "Kadiatou", "Serge", "Grâce", "Koffi", "Adjoa", "Yao",
                "Christelle", "Boris", "Josiane", "Landry"});
        FIRST_NAMES.put("de", new String[] {"Lukas", "Anna", "Felix", "Lena", "Jonas", "Laura", "Maximilian",
                "Sophie", "Paul", "Marie", "Tobias", "Katharina", "Stefan", "Julia", "Andreas", "Sabine"});
        FIRST_NAMES.put("es", new String[] {"Lucía", "Alejandro", "María", "Javier", "Carmen", "Diego", "Sofía",
                "Pablo", "Valentina", "Carlos", "Elena", "Miguel", "Paula", "Andrés", "Isabel", "Mateo"});
        FIRST_NAMES.put("pt", new String[] {"João", "Ana", "Pedro", "Beatriz", "Lucas", "Mariana", "Gabriel",
                "Juliana", "Rafael", "Camila", "Tiago", "Larissa", "Bruno", "Fernanda", "Rodrigo", "Inês"});
        FIRST_NAMES.put("it", new String[] {"Giulia", "Marco", "Chiara", "Alessandro", "Francesca", "Luca",
                "Martina", "Matteo", "Sara", "Davide", "Elisa", "Simone"});
        FIRST_NAMES.put("nl", new String[] {"Sanne", "Daan", "Lotte", "Bram", "Fleur", "Jeroen", "Eva", "Thijs",
                "Anouk", "Pieter", "Noor", "Wouter"});
        FIRST_NAMES.put("zh", new String[] {"Wei", "Fang", "Jing", "Lei", "Xiu", "Min", "Hao", "Yan", "Jun",
                "Li", "Tao", "Mei"});
        FIRST_NAMES.put("ja", new String[] {"Haruto", "Yui", "Sota", "Aoi", "Ren", "Hina", "Takumi", "Sakura",
                "Kenji", "Yuki", "Daiki", "Mai"});
        FIRST_NAMES.put("other", new String[] {"Alex", "Sam", "Nina", "Adam", "Maya", "Leo", "Sara", "Ivan",
                "Lina", "Eli", "Nora", "Tariq", "Anh", "Dewi", "Bilal", "Ola"});
    }

    private final long seed;
    private final String[] countries;
    private final double[] countryCumulative;
    private final Map<String, Place[]> placesByCountry = new HashMap<>();
    private final Map<String, double[]> cityCumulativeByCountry = new HashMap<>();
    private final Map<String, ZoneId> zones = new HashMap<>();

    public PopulationGenerator(Gazetteer gazetteer, long seed) {
        this.seed = seed;
        Map<String, List<Place>> grouped = new HashMap<>();
        for (Object[] entry : COUNTRY_WEIGHTS) {
            grouped.put((String) entry[0], new ArrayList<>());
        }
        for (Place place : gazetteer.all()) {
            List<Place> list = grouped.get(place.countryCode());
            if (list != null && isKnownZone(place.timezone())) {
                list.add(place);
            }
        }
        List<String> present = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        for (Object[] entry : COUNTRY_WEIGHTS) {
            String country = (String) entry[0];
            List<Place> places = grouped.get(country);
            if (places.isEmpty()) {
                continue;
            }
            present.add(country);
            weights.add((Double) entry[1]);
            Place[] array = places.toArray(new Place[0]);
            double[] cumulative = new double[array.length];
            double total = 0;
            for (int i = 0; i < array.length; i++) {
                total += array[i].population();
                cumulative[i] = total;
            }
            placesByCountry.put(country, array);
            cityCumulativeByCountry.put(country, cumulative);
        }
        countries = present.toArray(new String[0]);
        countryCumulative = cumulative(weights.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** Profiles {@code 0..n-1} for this seed. */
    public List<LearnerProfile> generate(int n) {
        List<LearnerProfile> profiles = new ArrayList<>(n);
        for (int index = 0; index < n; index++) {
            profiles.add(profile(index));
        }
        return profiles;
    }

    /** Profile number {@code index} for this seed, independent of the others. */
    public LearnerProfile profile(int index) {
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
        String country = countries[pick(countryCumulative, random)];
        Place[] cities = placesByCountry.get(country);
        Place city = cities[pick(cityCumulativeByCountry.get(country), random)];
        ZoneId zone = zones.computeIfAbsent(city.timezone(), ZoneId::of);

        Situation situation = situation(country, random);
        int age = age(situation, random);
        Set<String> languages = languages(city, random);
        String firstName = firstName(country, languages.iterator().next(), random);

        Motive mainMotive = mainMotive(situation, random);
        Set<Motive> motives = EnumSet.of(mainMotive);
        if (mainMotive != Motive.EPISTEMIC && random.nextDouble() < (situation == Situation.RETIRED ? 0.6 : 0.25)) {
            motives.add(Motive.EPISTEMIC);
        }
        if (situation == Situation.STUDENT && mainMotive == Motive.COMPLEMENTARY && random.nextDouble() < 0.2) {
            motives.add(Motive.COMPETITIVE);
        }
        CertificateIntent certificate = certificate(mainMotive, random);
        FollowMode followMode = followMode(mainMotive, random);

        Set<Format> formats = formats(situation, city, random);
        Set<Modality> modalities = modalities(formats, random);
        int radiusKm = travelRadius(city, modalities, random);
        Set<InteractionObject> objects = interactionObjects(certificate, random);
        String sector = sector(situation, random);
        String organisation = organisation(situation, city, random);
        MoocExperience experience = experience(situation, mainMotive, random);
        WeekMask week = availability(situation, random);
        boolean organiser = random.nextDouble() < (formats.contains(Format.LOCAL_MEETUP) ? 0.2 : 0.03);
        String introduction = introduction(languages.iterator().next(), situation, sector, age, mainMotive, city);

        return new LearnerProfile("gen-" + seed + "-" + index, firstName, city.id(), city.latitude(),
                city.longitude(), country, radiusKm, zone, week, languages, Collections.unmodifiableSet(formats),
                Collections.unmodifiableSet(modalities), Collections.unmodifiableSet(motives), certificate,
                followMode, Collections.unmodifiableSet(objects), situation, sector, organisation, experience,
                introduction, organiser);
    }

    /** Countries where MOOC learners are younger: more students and job seekers, fewer retirees. */
    private static final Set<String> YOUNG_AUDIENCES = Set.of("IN", "MA", "SN", "CI", "TN", "CM", "DZ", "CD", "BF",
            "BJ", "MG", "HT", "NG", "EG", "KE", "PH", "PK", "VN", "ID");

    /** Situation weights in {@link Situation} order: student, employed, job seeker, independent, retired. */
    private static Situation situation(String country, SplittableRandom random) {
        double[] weights = YOUNG_AUDIENCES.contains(country)
                ? new double[] {0.28, 0.38, 0.18, 0.10, 0.06}
                : new double[] {0.15, 0.53, 0.11, 0.10, 0.11};
        return Situation.values()[pickWeights(weights, random)];
    }

    private static int age(Situation situation, SplittableRandom random) {
        return switch (situation) {
            case STUDENT -> 18 + random.nextInt(10);
            case EMPLOYED -> 26 + random.nextInt(37);
            case JOB_SEEKER -> 22 + random.nextInt(38);
            case INDEPENDENT -> 28 + random.nextInt(40);
            case RETIRED -> 60 + random.nextInt(20);
        };
    }

    private static Set<String> languages(Place city, SplittableRandom random) {
        Set<String> languages = new LinkedHashSet<>();
        String country = city.countryCode();
        String region = city.admin1();
        switch (country) {
            case "FR", "RE" -> addAll(languages, random, "fr", "en", 0.55, "es", 0.12, "de", 0.05);
            case "US" -> addAll(languages, random, "en", "es", 0.15, "fr", 0.08);
            case "GB", "AU" -> addAll(languages, random, "en", "fr", 0.15, "es", 0.05);
            case "IN" -> addAll(languages, random, random.nextDouble() < 0.7 ? "hi" : "en", "en", 0.9, "hi", 0.5);
            case "CA" -> {
                if ("10".equals(region)) {
                    addAll(languages, random, "fr", "en", 0.65);
                } else {
                    addAll(languages, random, "en", "fr", 0.3);
                }
            }
            case "BE" -> {
                if ("VLG".equals(region)) {
                    addAll(languages, random, "nl", "fr", 0.6, "en", 0.6);
                } else {
                    addAll(languages, random, "fr", "nl", 0.3, "en", 0.5);
                }
            }
            case "CH" -> {
                if (FRENCH_SPEAKING_CANTONS.contains(region)) {
                    addAll(languages, random, "fr", "en", 0.5, "de", 0.3);
                } else if ("TI".equals(region)) {
                    addAll(languages, random, "it", "fr", 0.4, "de", 0.4);
                } else {
                    addAll(languages, random, "de", "fr", 0.5, "en", 0.6);
                }
            }
            case "LU" -> addAll(languages, random, "fr", "de", 0.8, "en", 0.5);
            case "MA", "TN", "DZ", "LB" -> addAll(languages, random, random.nextDouble() < 0.5 ? "fr" : "ar",
                    "ar", 0.85, "fr", 0.85, "en", 0.3);
            case "SN" -> addAll(languages, random, "fr", "wo", 0.4, "en", 0.3);
            case "CI", "BF", "BJ", "CD", "MG", "HT" -> addAll(languages, random, "fr", "en", 0.3);
            case "CM" -> addAll(languages, random, random.nextDouble() < 0.8 ? "fr" : "en", "en", 0.5, "fr", 0.5);
            case "DE" -> addAll(languages, random, "de", "en", 0.7, "fr", 0.15);
            case "ES" -> addAll(languages, random, "es", "en", 0.5, "fr", 0.3);
            case "MX", "CO", "AR" -> addAll(languages, random, "es", "en", 0.5, "fr", 0.1);
            case "BR" -> addAll(languages, random, "pt", "en", 0.5, "es", 0.25, "fr", 0.1);
            case "PT" -> addAll(languages, random, "pt", "en", 0.6, "fr", 0.35);
            case "IT" -> addAll(languages, random, "it", "en", 0.6, "fr", 0.3);
            case "NL" -> addAll(languages, random, "nl", "en", 0.9);
            case "NG", "KE" -> addAll(languages, random, "en", "fr", 0.1, "sw", "KE".equals(country) ? 0.6 : 0);
            case "EG" -> addAll(languages, random, "ar", "en", 0.7, "fr", 0.2);
            case "CN" -> addAll(languages, random, "zh", "en", 0.8);
            case "JP" -> addAll(languages, random, "ja", "en", 0.7);
            case "PH" -> addAll(languages, random, "en", "tl", 0.8);
            case "PL" -> addAll(languages, random, "pl", "en", 0.8);
            case "VN" -> addAll(languages, random, "vi", "en", 0.7, "fr", 0.1);
            case "ID" -> addAll(languages, random, "id", "en", 0.7);
            case "PK" -> addAll(languages, random, "ur", "en", 0.8);
            default -> addAll(languages, random, "en", "fr", 0.2);
        }
        if (random.nextDouble() < 0.06) {
            // A few polyglots declare one more of the languages courses are commonly given in.
            String[] extra = {"en", "fr", "es", "de", "pt", "it"};
            languages.add(extra[random.nextInt(extra.length)]);
        }
        return Collections.unmodifiableSet(languages);
    }

    private static final Set<String> FRENCH_SPEAKING_CANTONS = Set.of("GE", "VD", "NE", "JU", "FR", "VS");

    /** Main language, then each (language, probability) pair in turn. */
    private static void addAll(Set<String> languages, SplittableRandom random, String main, Object... optional) {
        languages.add(main);
        for (int i = 0; i < optional.length; i += 2) {
            if (random.nextDouble() < ((Number) optional[i + 1]).doubleValue()) {
                languages.add((String) optional[i]);
            }
        }
    }

    private static String firstName(String country, String mainLanguage, SplittableRandom random) {
        String group = switch (country) {
            case "SN", "CI", "CM", "BF", "BJ", "CD", "MG", "HT" -> "af";
            case "MA", "TN", "DZ", "EG", "LB" -> "ar";
            case "IN" -> "hi";
            case "BR", "PT" -> "pt";
            case "US", "GB", "AU", "NG", "KE" -> "en";
            default -> FIRST_NAMES.containsKey(mainLanguage) ? mainLanguage : "other";
        };
        String[] names = FIRST_NAMES.get(group);
        return names[random.nextInt(names.length)];
    }

    /** The usage register that dominates for each situation (DOMAIN.md, register table and §38). */
    private static Motive mainMotive(Situation situation, SplittableRandom random) {
        Motive[] motives;
        double[] weights;
        switch (situation) {
            case STUDENT -> {
                motives = new Motive[] {Motive.COMPLEMENTARY, Motive.COMPETITIVE, Motive.EPISTEMIC};
                weights = new double[] {0.7, 0.15, 0.15};
            }
            case JOB_SEEKER -> {
                motives = new Motive[] {Motive.COMPETITIVE, Motive.CAREER_CHANGE_EMPLOYEE,
                        Motive.CAREER_CHANGE_INDEPENDENT, Motive.EPISTEMIC};
                weights = new double[] {0.65, 0.15, 0.1, 0.1};
            }
            case EMPLOYED -> {
                motives = new Motive[] {Motive.LEGITIMATION, Motive.OPPORTUNITY, Motive.CAREER_CHANGE_EMPLOYEE,
                        Motive.CAREER_CHANGE_INDEPENDENT, Motive.CORE_OF_JOB, Motive.EPISTEMIC};
                weights = new double[] {0.24, 0.2, 0.18, 0.08, 0.05, 0.25};
            }
            case INDEPENDENT -> {
                motives = new Motive[] {Motive.CAREER_CHANGE_INDEPENDENT, Motive.OPPORTUNITY, Motive.LEGITIMATION,
                        Motive.EPISTEMIC};
                weights = new double[] {0.35, 0.2, 0.15, 0.3};
            }
            default -> {
                motives = new Motive[] {Motive.EPISTEMIC, Motive.OPPORTUNITY};
                weights = new double[] {0.9, 0.1};
            }
        }
        return motives[pickWeights(weights, random)];
    }

    private static CertificateIntent certificate(Motive motive, SplittableRandom random) {
        double yes;
        double no;
        switch (motive) {
            case COMPETITIVE, LEGITIMATION, OPPORTUNITY, CAREER_CHANGE_EMPLOYEE -> {
                yes = 0.8;
                no = 0.08;
            }
            case COMPLEMENTARY, CAREER_CHANGE_INDEPENDENT -> {
                yes = 0.15;
                no = 0.65;
            }
            case CORE_OF_JOB -> {
                yes = 0.45;
                no = 0.4;
            }
            default -> {
                yes = 0.15;
                no = 0.6;
            }
        }
        double draw = random.nextDouble();
        return draw < yes ? CertificateIntent.YES : draw < yes + no ? CertificateIntent.NO : CertificateIntent.UNDECIDED;
    }

    private static FollowMode followMode(Motive motive, SplittableRandom random) {
        double weekly = switch (motive) {
            case LEGITIMATION, OPPORTUNITY, CAREER_CHANGE_EMPLOYEE -> 0.78;
            case COMPLEMENTARY, COMPETITIVE, CORE_OF_JOB -> 0.25;
            default -> 0.5;
        };
        return random.nextDouble() < weekly ? FollowMode.WEEKLY_RHYTHM : FollowMode.SELECTIVE;
    }

    private static Set<Format> formats(Situation situation, Place city, SplittableRandom random) {
        Set<Format> formats = EnumSet.noneOf(Format.class);
        if (random.nextDouble() < 0.7) {
            formats.add(Format.TANDEM);
        }
        if (random.nextDouble() < 0.5) {
            formats.add(Format.STUDY_GROUP);
        }
        double meetup = (situation == Situation.RETIRED || situation == Situation.STUDENT ? 0.35 : 0.2)
                + (city.population() > 500_000 ? 0.1 : 0);
        if (random.nextDouble() < meetup) {
            formats.add(Format.LOCAL_MEETUP);
        }
        if (formats.isEmpty()) {
            formats.add(random.nextBoolean() ? Format.TANDEM : Format.STUDY_GROUP);
        }
        return formats;
    }

    private static Set<Modality> modalities(Set<Format> formats, SplittableRandom random) {
        Set<Modality> modalities = EnumSet.noneOf(Modality.class);
        if (random.nextDouble() < (formats.contains(Format.LOCAL_MEETUP) ? 0.9 : 0.2)) {
            modalities.add(Modality.IN_PERSON);
        }
        if (random.nextDouble() < 0.7) {
            modalities.add(Modality.VIDEO_CALL);
        }
        if (random.nextDouble() < 0.45) {
            modalities.add(Modality.CHAT_EMAIL);
        }
        if (random.nextDouble() < 0.15) {
            modalities.add(Modality.PHONE);
        }
        if (modalities.isEmpty()) {
            modalities.add(Modality.VIDEO_CALL);
        }
        return modalities;
    }

    private static int travelRadius(Place city, Set<Modality> modalities, SplittableRandom random) {
        // In a metropolis everything is close; in small towns people are used to driving further.
        int[] choices = city.population() > 500_000 ? new int[] {5, 10, 10, 15, 20} : new int[] {10, 15, 20, 30, 50};
        int radius = choices[random.nextInt(choices.length)];
        return modalities.contains(Modality.IN_PERSON) ? radius : Math.min(radius, 20);
    }

    private static Set<InteractionObject> interactionObjects(CertificateIntent certificate, SplittableRandom random) {
        Set<InteractionObject> objects = EnumSet.noneOf(InteractionObject.class);
        double[] chances = {0.2, certificate == CertificateIntent.YES ? 0.45 : 0.2, 0.25, 0.6, 0.55};
        InteractionObject[] all = InteractionObject.values();
        for (int i = 0; i < all.length; i++) {
            if (random.nextDouble() < chances[i]) {
                objects.add(all[i]);
            }
        }
        if (objects.isEmpty()) {
            objects.add(InteractionObject.DISCUSS_COURSE);
        }
        return objects;
    }

    private static String sector(Situation situation, SplittableRandom random) {
        if (situation == Situation.STUDENT || (situation == Situation.RETIRED && random.nextBoolean())) {
            return null;
        }
        return SECTORS[random.nextInt(SECTORS.length)];
    }

    private static String organisation(Situation situation, Place city, SplittableRandom random) {
        if (situation == Situation.EMPLOYED && random.nextDouble() < 0.08) {
            return EMPLOYERS[random.nextInt(EMPLOYERS.length)] + " " + city.name();
        }
        if (situation == Situation.STUDENT && random.nextDouble() < 0.2) {
            return "University of " + city.name();
        }
        return null;
    }

    private static MoocExperience experience(Situation situation, Motive motive, SplittableRandom random) {
        double many = motive == Motive.CORE_OF_JOB ? 0.7 : situation == Situation.RETIRED ? 0.3 : 0.15;
        double first = situation == Situation.STUDENT || situation == Situation.JOB_SEEKER ? 0.45 : 0.3;
        double draw = random.nextDouble();
        return draw < many ? MoocExperience.MANY : draw < many + first ? MoocExperience.FIRST : MoocExperience.A_FEW;
    }

    /**
     * Local weekly grid: working people study in the evenings and at weekends, students in the afternoons and
     * evenings, retirees and job seekers in the daytime; 15 % keep only one or two blocks and 1 % declare none.
     */
    private static WeekMask availability(Situation situation, SplittableRandom random) {
        double draw = random.nextDouble();
        if (draw < 0.01) {
            return WeekMask.EMPTY;
        }
        long[] words = new long[3];
        switch (situation) {
            case EMPLOYED -> {
                int start = 18 + random.nextInt(3);
                block(words, random, 0.75, 0, 5, start, Math.min(24, start + 2 + random.nextInt(3)));
                block(words, random, 0.15, 0, 5, 12, 13);
                weekend(words, random, 0.6);
            }
            case INDEPENDENT -> {
                block(words, random, 0.5, 0, 5, 14, 17);
                int start = 18 + random.nextInt(3);
                block(words, random, 0.5, 0, 5, start, start + 3);
                weekend(words, random, 0.5);
            }
            case STUDENT -> {
                int afternoon = 13 + random.nextInt(3);
                block(words, random, 0.5, 0, 5, afternoon, afternoon + 3);
                int evening = 19 + random.nextInt(3);
                block(words, random, 0.6, 0, 7, evening, Math.min(24, evening + 3));
                weekend(words, random, 0.5);
            }
            case JOB_SEEKER -> {
                block(words, random, 0.7, 0, 5, 9 + random.nextInt(2), 12);
                block(words, random, 0.6, 0, 5, 14, 17 + random.nextInt(2));
                block(words, random, 0.2, 0, 5, 19, 21);
            }
            case RETIRED -> {
                block(words, random, 0.75, 0, 5, 9 + random.nextInt(2), 12);
                block(words, random, 0.65, 0, 5, 14, 17 + random.nextInt(2));
                weekend(words, random, 0.25);
            }
        }
        WeekMask week = new WeekMask(words[0], words[1], words[2]);
        if (draw < 0.16 && !week.isEmpty()) {
            return keepFewBlocks(week, random);
        }
        return week;
    }

    /** Sets hours {@code [from, to)} on each day of {@code [firstDay, endDay)} with the given probability. */
    private static void block(long[] words, SplittableRandom random, double perDay, int firstDay, int endDay,
            int from, int to) {
        for (int day = firstDay; day < endDay; day++) {
            if (random.nextDouble() < perDay) {
                for (int hour = from; hour < to; hour++) {
                    int bit = day * 24 + hour;
                    words[bit >>> 6] |= 1L << (bit & 63);
                }
            }
        }
    }

    private static void weekend(long[] words, SplittableRandom random, double chance) {
        if (random.nextDouble() < chance) {
            int day = 5 + random.nextInt(2);
            boolean morning = random.nextBoolean();
            block(words, random, 1.0, day, day + 1, morning ? 9 : 14, morning ? 12 : 14 + 2 + random.nextInt(3));
            if (random.nextDouble() < 0.4) {
                block(words, random, 1.0, 11 - day, 12 - day, 10, 12);
            }
        }
    }

    /** Keeps only one or two of the day-runs, for learners with very little spare time. */
    private static WeekMask keepFewBlocks(WeekMask week, SplittableRandom random) {
        List<int[]> runs = new ArrayList<>();
        int hour = 0;
        while (hour < WeekMask.HOURS) {
            if (!week.get(hour)) {
                hour++;
                continue;
            }
            int start = hour;
            while (hour < WeekMask.HOURS && week.get(hour) && (hour == start || hour % 24 != 0)) {
                hour++;
            }
            runs.add(new int[] {start, hour});
        }
        int keep = Math.min(runs.size(), 1 + random.nextInt(2));
        long[] words = new long[3];
        for (int k = 0; k < keep; k++) {
            int[] run = runs.remove(random.nextInt(runs.size()));
            for (int bit = run[0]; bit < run[1]; bit++) {
                words[bit >>> 6] |= 1L << (bit & 63);
            }
        }
        return new WeekMask(words[0], words[1], words[2]);
    }

    private static String introduction(String language, Situation situation, String sector, int age, Motive motive,
            Place city) {
        boolean french = "fr".equals(language);
        String who = french
                ? switch (situation) {
                    case STUDENT -> "Étudiant·e à " + city.name() + ", " + age + " ans";
                    case EMPLOYED -> "Salarié·e (" + SECTORS_IN_FRENCH.get(sector) + ") à " + city.name() + ", " + age + " ans";
                    case JOB_SEEKER -> "En recherche d'emploi à " + city.name() + ", " + age + " ans";
                    case INDEPENDENT -> "Indépendant·e (" + SECTORS_IN_FRENCH.get(sector) + ") à " + city.name() + ", " + age + " ans";
                    case RETIRED -> "Retraité·e à " + city.name() + ", " + age + " ans";
                }
                : switch (situation) {
                    case STUDENT -> "Student in " + city.name() + ", " + age;
                    case EMPLOYED -> "Working in " + sector + " in " + city.name() + ", " + age;
                    case JOB_SEEKER -> "Looking for a job in " + city.name() + ", " + age;
                    case INDEPENDENT -> "Self-employed (" + sector + ") in " + city.name() + ", " + age;
                    case RETIRED -> "Retired, living in " + city.name() + ", " + age;
                };
        String why = french
                ? switch (motive) {
                    case COMPLEMENTARY -> "ce cours complète mes études";
                    case COMPETITIVE -> "je veux un certificat pour mon CV";
                    case LEGITIMATION -> "je veux faire reconnaître ce que je fais déjà au travail";
                    case OPPORTUNITY -> "c'est la seule formation accessible pour moi";
                    case CORE_OF_JOB -> "les MOOC font partie de mon métier";
                    case CAREER_CHANGE_EMPLOYEE -> "je prépare une reconversion";
                    case CAREER_CHANGE_INDEPENDENT -> "je prépare mon activité d'indépendant·e";
                    case EPISTEMIC -> "j'apprends par plaisir";
                }
                : switch (motive) {
                    case COMPLEMENTARY -> "this course supports my studies";
                    case COMPETITIVE -> "I want the certificate for my CV";
                    case LEGITIMATION -> "I want recognition for what I already do at work";
                    case OPPORTUNITY -> "this is the only training available to me";
                    case CORE_OF_JOB -> "MOOCs are part of my job";
                    case CAREER_CHANGE_EMPLOYEE -> "I am preparing a career change";
                    case CAREER_CHANGE_INDEPENDENT -> "I am preparing to work for myself";
                    case EPISTEMIC -> "I learn for the pleasure of it";
                };
        return who + (french ? " : " : ": ") + why + ".";
    }

    private static boolean isKnownZone(String zone) {
        try {
            ZoneId.of(zone);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static double[] cumulative(double[] weights) {
        double[] cumulative = new double[weights.length];
        double total = 0;
        for (int i = 0; i < weights.length; i++) {
            total += weights[i];
            cumulative[i] = total;
        }
        return cumulative;
    }

    /** Index drawn with probability proportional to its weight, given cumulative weights. */
    private static int pick(double[] cumulative, SplittableRandom random) {
        double target = random.nextDouble() * cumulative[cumulative.length - 1];
        int position = Arrays.binarySearch(cumulative, target);
        int index = position >= 0 ? position + 1 : -position - 1;
        return Math.min(index, cumulative.length - 1);
    }

    private static int pickWeights(double[] weights, SplittableRandom random) {
        double target = random.nextDouble();
        double total = 0;
        for (int i = 0; i < weights.length; i++) {
            total += weights[i];
            if (target < total) {
                return i;
            }
        }
        return weights.length - 1;
    }
}
