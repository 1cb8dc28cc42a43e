package dev.quarry.api;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How models are named in URLs (API.md "Routes"): the resource surface uses the model's name in
 * camelCase plural ({@code User} → {@code users}, {@code Category} → {@code categories},
 * {@code Person} → {@code people}); the RPC surface uses Prisma Client's delegate name
 * ({@code User} → {@code user}, {@code APIKey} → {@code aPIKey}).
 */
public final class RouteNames {

    private static final Map<String, String> IRREGULAR = Map.ofEntries(
            Map.entry("person", "people"),
            Map.entry("child", "children"),
            Map.entry("man", "men"),
            Map.entry("woman", "women"),
            Map.entry("mouse", "mice"),
            Map.entry("goose", "geese"),
            Map.entry("ox", "oxen"),
            Map.entry("foot", "feet"),
            Map.entry("tooth", "teeth"),
            Map.entry("leaf", "leaves"),
            Map.entry("life", "lives"),
            Map.entry("knife", "knives"),
            Map.entry("wife", "wives"),
            Map.entry("half", "halves"),
            Map.entry("wolf", "wolves"),
            Map.entry("shelf", "shelves"),
            Map.entry("criterion", "criteria"),
            Map.entry("datum", "data"),
            Map.entry("medium", "media"),
            Map.entry("analysis", "analyses"),
            Map.entry("index", "indexes"),
            Map.entry("quiz", "quizzes"));

    private static final Set<String> UNCOUNTABLE = Set.of(
            "sheep",
            "fish",
            "deer",
            "series",
            "species",
            "news",
            "data",
            "media",
            "equipment",
            "information",
            "metadata",
            "feedback",
            "software",
            "hardware",
            "staff",
            "settings",
            "analytics",
            "status");

    private RouteNames() {}

    /** {@code User} → {@code users}; {@code APIKey} → {@code apiKeys}; {@code BlogPost} → {@code blogPosts}. */
    public static String resource(String modelName) {
        String camel = camelCase(modelName);
        int lastWord = lastWordStart(camel);
        String head = camel.substring(0, lastWord);
        String word = camel.substring(lastWord);
        String plural = pluralize(word.toLowerCase(Locale.ROOT));
        return head
                + (Character.isUpperCase(word.charAt(0))
                        ? Character.toUpperCase(plural.charAt(0)) + plural.substring(1)
                        : plural);
    }

    /** Prisma Client's delegate: the first letter lower-cased ({@code APIKey} → {@code aPIKey}). */
    public static String delegate(String modelName) {
        return Character.toLowerCase(modelName.charAt(0)) + modelName.substring(1);
    }

    /** {@code APIKey} → {@code apiKey}, {@code user_profile} → {@code userProfile}, {@code User} → {@code user}. */
    static String camelCase(String name) {
        StringBuilder out = new StringBuilder();
        boolean wordBreak = false;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '_' || c == '-') {
                wordBreak = out.length() > 0;
                continue;
            }
            boolean previousUpper = i > 0 && Character.isUpperCase(name.charAt(i - 1));
            boolean nextLower = i + 1 < name.length() && Character.isLowerCase(name.charAt(i + 1));
            if (out.length() == 0) {
                out.append(Character.toLowerCase(c));
            } else if (wordBreak) {
                out.append(Character.toUpperCase(c));
            } else if (Character.isUpperCase(c) && previousUpper && (!nextLower || out.length() == 1)) {
                // inside an acronym (APIKey → apiKey); its last capital starts the next word
                out.append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
            wordBreak = false;
        }
        return out.toString();
    }

    private static int lastWordStart(String camel) {
        for (int i = camel.length() - 1; i > 0; i--) {
            if (Character.isUpperCase(camel.charAt(i))) {
                return i;
            }
        }
        return 0;
    }

    static String pluralize(String word) {
        if (UNCOUNTABLE.contains(word)) {
            return word;
        }
        String irregular = IRREGULAR.get(word);
        if (irregular != null) {
            return irregular;
        }
        if (word.endsWith("y") && word.length() > 1 && !isVowel(word.charAt(word.length() - 2))) {
            return word.substring(0, word.length() - 1) + "ies";
        }
        if (word.endsWith("s")
                || word.endsWith("x")
                || word.endsWith("z")
                || word.endsWith("ch")
                || word.endsWith("sh")) {
            return word + "es";
        }
        return word + "s";
    }

    private static boolean isVowel(char c) {
        return "aeiou".indexOf(c) >= 0;
    }
}
