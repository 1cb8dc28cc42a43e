package dev.quarry.security;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;

/**
 * The signing keys of the security tests (RS256 and ES256, plus an RSA key the server does not know), made once
 * per build and kept in {@code target/security-test-keys}: the test resource that configures the server and the
 * test that signs tokens run in different class loaders, and read the same files.
 */
final class TestKeys {

    static final String ISSUER = "https://issuer.quarry.test";
    static final String AUDIENCE = "quarry-api";
    private static final Path DIR = Path.of("target", "security-test-keys");

    static final KeyPair RSA = load("rsa", "RSA");
    static final KeyPair EC = load("ec", "EC");
    static final KeyPair STRANGER = load("stranger", "RSA");

    private TestKeys() {}

    /** The public keys as an inline JWK set (kid "rsa" and "ec"). */
    static String jwks() {
        RsaJsonWebKey rsa = new RsaJsonWebKey((RSAPublicKey) RSA.getPublic());
        rsa.setKeyId("rsa");
        EllipticCurveJsonWebKey ec = new EllipticCurveJsonWebKey((ECPublicKey) EC.getPublic());
        ec.setKeyId("ec");
        return new JsonWebKeySet(List.<JsonWebKey>of(rsa, ec)).toJson();
    }

    /** The RSA public key as a PEM file, for {@code quarry.auth.public-key-location}. */
    static Path rsaPublicPem() {
        Path pem = DIR.resolve("rsa-public.pem");
        write(
                pem,
                "-----BEGIN PUBLIC KEY-----\n"
                        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                                .encodeToString(RSA.getPublic().getEncoded())
                        + "\n-----END PUBLIC KEY-----\n");
        return pem.toAbsolutePath();
    }

    /** Claims valid now for the test issuer and audience, ready to change and sign. */
    static JwtClaimsBuilder claims(Map<String, Object> extra) {
        return Jwt.claims(extra)
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(300));
    }

    static String rs256(JwtClaimsBuilder claims) {
        return claims.jws().keyId("rsa").algorithm(SignatureAlgorithm.RS256).sign(RSA.getPrivate());
    }

    static String es256(JwtClaimsBuilder claims) {
        return claims.jws().keyId("ec").algorithm(SignatureAlgorithm.ES256).sign(EC.getPrivate());
    }

    /** Signed by a key the server does not trust, under the trusted key's id. */
    static String strangerRs256(JwtClaimsBuilder claims) {
        return claims.jws().keyId("rsa").algorithm(SignatureAlgorithm.RS256).sign(STRANGER.getPrivate());
    }

    /** A user of the blog: role quarry_user, claims id and sub. */
    static String user(String id) {
        return rs256(claims(Map.of("role", "quarry_user", "id", id, "sub", id)));
    }

    static String admin() {
        return rs256(claims(Map.of("role", "quarry_admin", "id", "u_admin", "sub", "u_admin")));
    }

    private static synchronized KeyPair load(String name, String algorithm) {
        Path privatePath = DIR.resolve(name + ".key");
        Path publicPath = DIR.resolve(name + ".pub");
        try {
            KeyFactory factory = KeyFactory.getInstance(algorithm);
            if (Files.exists(privatePath) && Files.exists(publicPath)) {
                PrivateKey privateKey =
                        factory.generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(privatePath)));
                PublicKey publicKey = factory.generatePublic(new X509EncodedKeySpec(Files.readAllBytes(publicPath)));
                return new KeyPair(publicKey, privateKey);
            }
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if (algorithm.equals("EC")) {
                generator.initialize(new ECGenParameterSpec("secp256r1"));
            } else {
                generator.initialize(2048);
            }
            KeyPair pair = generator.generateKeyPair();
            Files.createDirectories(DIR);
            Path tmpPrivate = Files.createTempFile(DIR, name, ".tmp");
            Path tmpPublic = Files.createTempFile(DIR, name, ".tmp");
            Files.write(tmpPrivate, pair.getPrivate().getEncoded());
            Files.write(tmpPublic, pair.getPublic().getEncoded());
            Files.move(tmpPublic, publicPath, StandardCopyOption.ATOMIC_MOVE);
            Files.move(tmpPrivate, privatePath, StandardCopyOption.ATOMIC_MOVE);
            return pair;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void write(Path path, String text) {
        try {
            Files.createDirectories(path.getParent());
            Files.writeString(path, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
