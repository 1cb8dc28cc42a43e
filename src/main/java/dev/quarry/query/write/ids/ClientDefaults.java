package dev.quarry.query.write.ids;

import dev.quarry.schema.model.DefaultValue;
import java.lang.management.ManagementFactory;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The values Prisma Client generates itself rather than leaving to the database: {@code cuid()}, {@code cuid(2)},
 * {@code uuid()}, {@code uuid(4)}, {@code uuid(7)}, {@code nanoid()}, {@code nanoid(n)}, {@code ulid()}, in the
 * same formats.
 */
public final class ClientDefaults {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final AtomicInteger COUNTER = new AtomicInteger(RANDOM.nextInt(1 << 20));
    private static final String FINGERPRINT = fingerprint();
    private static final char[] NANOID_ALPHABET = "useandom-26T198340PX75pxJACKVERYMINDBUSHWOLF_GQZbfghjklqvwyzrict".toCharArray();
    private static final char[] CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

    private ClientDefaults() {}

    /** The value for a {@code @default(fn(...))} the client generates, or empty when the database does. */
    public static Optional<String> generate(DefaultValue.Function function) {
        List<Object> args = function.arguments();
        switch (function.name()) {
            case "cuid":
                return Optional.of(!args.isEmpty() && number(args.get(0)) == 2 ? cuid2() : cuid());
            case "uuid":
                return Optional.of(!args.isEmpty() && number(args.get(0)) == 7 ? uuid7() : UUID.randomUUID().toString());
            case "nanoid":
                return Optional.of(nanoid(args.isEmpty() ? 21 : number(args.get(0))));
            case "ulid":
                return Optional.of(ulid());
            default:
                return Optional.empty();
        }
    }

    private static int number(Object arg) {
        return arg instanceof Number n ? n.intValue() : Integer.parseInt(String.valueOf(arg));
    }

    /** cuid v1: {@code c}, time, counter, fingerprint and randomness in base 36; 25 characters. */
    public static String cuid() {
        String time = Long.toString(System.currentTimeMillis(), 36);
        String count = pad(Integer.toString(Math.floorMod(COUNTER.getAndIncrement(), 1679616), 36), 4);
        String random = pad(Long.toString(RANDOM.nextLong() & Long.MAX_VALUE, 36), 8);
        return "c" + pad(time, 8) + count + FINGERPRINT + random.substring(random.length() - 8);
    }

    /** cuid2: a lower-case letter, then a SHA3 hash of time, entropy, a counter and a fingerprint in base 36; 24 characters. */
    public static String cuid2() {
        char first = (char) ('a' + RANDOM.nextInt(26));
        byte[] salt = new byte[32];
        RANDOM.nextBytes(salt);
        String input = Long.toString(System.currentTimeMillis(), 36) + new BigInteger(1, salt).toString(36)
                + Integer.toString(COUNTER.getAndIncrement(), 36) + FINGERPRINT;
        try {
            byte[] hash = MessageDigest.getInstance("SHA3-512").digest(input.getBytes(StandardCharsets.UTF_8));
            return first + new BigInteger(1, hash).toString(36).substring(1, 24);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** UUID version 7: 48 bits of Unix milliseconds, then randomness. */
    public static String uuid7() {
        long millis = System.currentTimeMillis();
        long high = (millis << 16) | 0x7000L | (RANDOM.nextInt() & 0x0FFFL);
        long low = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    public static String nanoid(int size) {
        StringBuilder out = new StringBuilder(size);
        for (int i = 0; i < size; i++) {
            out.append(NANOID_ALPHABET[RANDOM.nextInt(64)]);
        }
        return out.toString();
    }

    /** ULID: 48 bits of Unix milliseconds and 80 random bits in Crockford's base 32; 26 characters. */
    public static String ulid() {
        long millis = System.currentTimeMillis();
        char[] out = new char[26];
        for (int i = 9; i >= 0; i--) {
            out[i] = CROCKFORD[(int) (millis & 31)];
            millis >>>= 5;
        }
        for (int i = 10; i < 26; i++) {
            out[i] = CROCKFORD[RANDOM.nextInt(32)];
        }
        return new String(out);
    }

    private static String fingerprint() {
        String name = ManagementFactory.getRuntimeMXBean().getName();
        int hash = Math.abs(name.hashCode()) % 1679616;
        return pad(Integer.toString(hash, 36), 4);
    }

    private static String pad(String s, int size) {
        String padded = "0".repeat(Math.max(0, size - s.length())) + s;
        return padded.substring(padded.length() - size).toLowerCase(Locale.ROOT);
    }
}
