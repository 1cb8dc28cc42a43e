package dev.quarry.security;

/** A bearer token that was refused, and why, in words a client developer can act on. */
public final class TokenRejected extends RuntimeException {

    /** Why a token is refused; {@code code} goes to the problem document, so clients can tell them apart. */
    public enum Reason {
        MISSING("token-missing", "No bearer token was sent, and this API has no anonymous role"),
        MALFORMED(
                "token-malformed",
                "The bearer token is not a well-formed JWT (three base64url parts: header, claims, " + "signature)"),
        UNSIGNED("token-unsigned", "The token is unsigned (alg: none); only signed tokens are accepted"),
        UNSUPPORTED_ALGORITHM("token-algorithm", "The token's signature algorithm is not accepted"),
        BAD_SIGNATURE("token-signature", "The token's signature does not verify with the configured key"),
        EXPIRED("token-expired", "The token has expired"),
        NOT_YET_VALID("token-not-yet-valid", "The token is not valid yet (nbf or iat in the future)"),
        WRONG_ISSUER("token-issuer", "The token's issuer (iss) is not the one this API trusts"),
        WRONG_AUDIENCE("token-audience", "The token's audience (aud) does not include this API"),
        ROLE(
                "token-role",
                "The token's role is one no request may run as (none, the connecting login, a superuser, "
                        + "BYPASSRLS, pg_*, or outside quarry.auth.roles)"),
        INVALID("token-invalid", "The token was refused");

        private final String code;
        private final String description;

        Reason(String code, String description) {
            this.code = code;
            this.description = description;
        }

        public String code() {
            return code;
        }

        public String description() {
            return description;
        }
    }

    private final Reason reason;
    private final String detail;

    public TokenRejected(Reason reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
        this.detail = detail;
    }

    public TokenRejected(Reason reason) {
        this(reason, reason.description());
    }

    public Reason reason() {
        return reason;
    }

    public String detail() {
        return detail;
    }
}
