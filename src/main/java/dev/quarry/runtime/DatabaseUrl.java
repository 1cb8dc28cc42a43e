package dev.quarry.runtime;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A database address in Prisma's form: {@code postgresql://user:pass@host:5432/db?schema=app}.
 * One value configures both the reactive pool and the JDBC connection Flyway needs.
 *
 * @param parameters the query parameters other than {@code schema}, kept for the JDBC URL
 */
public record DatabaseUrl(
        String host,
        int port,
        String database,
        String user,
        Optional<String> password,
        String schema,
        Map<String, String> parameters) {

    public static final int DEFAULT_PORT = 5432;

    public DatabaseUrl {
        parameters = Map.copyOf(parameters);
    }

    /**
     * Parses Prisma's form. Both {@code postgresql://} and {@code postgres://} are accepted.
     *
     * @throws IllegalArgumentException with a sentence that says what is wrong, never echoing the password
     */
    public static DatabaseUrl parse(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException(
                    "the database URL is empty; expected postgresql://user:password@host:5432/database");
        }
        String trimmed = url.strip();
        if (!trimmed.startsWith("postgresql://") && !trimmed.startsWith("postgres://")) {
            throw new IllegalArgumentException(
                    "the database URL must start with postgresql:// (Quarry supports only PostgreSQL); "
                            + "expected postgresql://user:password@host:5432/database");
        }
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("the database URL is malformed at character " + e.getIndex()
                    + "; expected postgresql://user:password@host:5432/database (percent-encode special characters "
                    + "in the password)");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException(
                    "the database URL has no host; expected postgresql://user:password@host:5432/database");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String database = decode(path.startsWith("/") ? path.substring(1) : path);
        if (database.isEmpty()) {
            throw new IllegalArgumentException(
                    "the database URL names no database; expected " + "postgresql://user:password@host:5432/database");
        }
        String user = "postgres";
        Optional<String> password = Optional.empty();
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null && !userInfo.isEmpty()) {
            int colon = userInfo.indexOf(':');
            user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            if (colon >= 0) {
                password = Optional.of(decode(userInfo.substring(colon + 1)));
            }
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        String schema = "public";
        String query = uri.getRawQuery();
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String key = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                if (key.equals("schema")) {
                    schema = value;
                } else {
                    parameters.put(key, value);
                }
            }
        }
        int port = uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort();
        return new DatabaseUrl(host, port, database, user, password, schema, parameters);
    }

    /**
     * {@code jdbc:postgresql://host:port/db?currentSchema=…} plus the SSL parameters the JDBC driver understands
     * (and no server-side statements behind PgBouncer).
     */
    public String jdbcUrl() {
        StringBuilder url = new StringBuilder("jdbc:postgresql://")
                .append(hostForUrl())
                .append(':')
                .append(port)
                .append('/')
                .append(encode(database));
        String separator = "?";
        if (!schema.equals("public")) {
            url.append(separator).append("currentSchema=").append(encode(schema));
            separator = "&";
        }
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            if (JDBC_PARAMETERS.contains(parameter.getKey())) {
                url.append(separator)
                        .append(encode(parameter.getKey()))
                        .append('=')
                        .append(encode(parameter.getValue()));
                separator = "&";
            }
        }
        if ("true".equalsIgnoreCase(parameters.get("pgbouncer"))) {
            // PgBouncer in transaction mode cannot carry the driver's named server-side statements
            url.append(separator).append("prepareThreshold=0");
        }
        return url.toString();
    }

    /** {@code postgresql://host:port/db} for the Vert.x client (credentials and search path are set apart). */
    public String reactiveUrl() {
        StringBuilder url = new StringBuilder("postgresql://")
                .append(hostForUrl())
                .append(':')
                .append(port)
                .append('/')
                .append(encode(database));
        Optional<String> sslmode = Optional.ofNullable(parameters.get("sslmode"));
        sslmode.ifPresent(mode -> url.append("?sslmode=").append(encode(mode)));
        return url.toString();
    }

    /** The same address, naming another database on the same server (shadow and test databases). */
    public DatabaseUrl withDatabase(String otherDatabase) {
        return new DatabaseUrl(host, port, otherDatabase, user, password, schema, parameters);
    }

    /** The URL in Prisma's form, with the password. For handing to a child process, never for printing. */
    public String toPrismaUrl() {
        StringBuilder url = new StringBuilder("postgresql://").append(encode(user));
        password.ifPresent(p -> url.append(':').append(encode(p)));
        url.append('@')
                .append(hostForUrl())
                .append(':')
                .append(port)
                .append('/')
                .append(encode(database));
        url.append("?schema=").append(encode(schema));
        parameters.forEach(
                (key, value) -> url.append('&').append(encode(key)).append('=').append(encode(value)));
        return url.toString();
    }

    /** For messages and logs: the password is never shown. */
    public String redacted() {
        return "postgresql://" + user + (password.isPresent() ? ":****" : "") + "@" + hostForUrl() + ":" + port + "/"
                + database + (schema.equals("public") ? "" : "?schema=" + schema);
    }

    @Override
    public String toString() {
        return redacted();
    }

    private String hostForUrl() {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    private static final Set<String> JDBC_PARAMETERS =
            Set.of("sslmode", "sslcert", "sslkey", "sslrootcert", "sslpassword", "connect_timeout", "application_name");

    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
