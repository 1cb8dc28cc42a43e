package dev.quarry.api;

import java.util.Map;

/** An RFC 9457 problem document, plus Prisma-style {@code code} and {@code meta}. */
public record Problem(String type, String title, int status, String detail, String code, Map<String, Object> meta) {

    public static final String MEDIA_TYPE = "application/problem+json";
}
