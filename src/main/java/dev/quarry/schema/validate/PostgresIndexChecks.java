package dev.quarry.schema.validate;

import dev.quarry.schema.diagnostics.Diagnostic;
import dev.quarry.schema.diagnostics.SchemaErrors;
import dev.quarry.schema.diagnostics.Span;
import dev.quarry.schema.model.FieldType;
import dev.quarry.schema.model.Index;
import dev.quarry.schema.model.IndexField;
import dev.quarry.schema.model.Model;
import dev.quarry.schema.model.NativeType;
import dev.quarry.schema.model.ScalarField;
import dev.quarry.schema.model.ScalarType;
import dev.quarry.schema.model.Schema;
import dev.quarry.schema.resolve.SourceMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code @@index(…, type: Gin|Gist|SpGist|Brin)} with operator classes ({@code a(ops: JsonbPathOps)}): the class
 * fits the index type, and the field's type (or native type) fits the class, as PostgreSQL requires.
 * {@code ops: raw("…")} is taken on trust.
 */
final class PostgresIndexChecks {

    /** BRIN operator classes by the native type they index; a field with that native type may also take none. */
    private static final Map<String, Set<String>> BRIN_CLASSES_BY_NATIVE_TYPE = Map.ofEntries(
            Map.entry("Bit", Set.of("BitMinMaxOps")),
            Map.entry("VarBit", Set.of("VarBitMinMaxOps")),
            Map.entry("Char", Set.of("BpcharBloomOps", "BpcharMinMaxOps")),
            Map.entry("Date", minMaxFamily("Date")),
            Map.entry("Real", minMaxFamily("Float4")),
            Map.entry("DoublePrecision", minMaxFamily("Float8")),
            Map.entry("Inet", Set.of("InetInclusionOps", "InetBloomOps", "InetMinMaxOps", "InetMinMaxMultiOps")),
            Map.entry("SmallInt", minMaxFamily("Int2")),
            Map.entry("Integer", minMaxFamily("Int4")),
            Map.entry("BigInt", minMaxFamily("Int8")),
            Map.entry("Decimal", minMaxFamily("Numeric")),
            Map.entry("Oid", minMaxFamily("Oid")),
            Map.entry("ByteA", Set.of("ByteaBloomOps", "ByteaMinMaxOps")),
            Map.entry("Text", Set.of("TextBloomOps", "TextMinMaxOps")),
            Map.entry("VarChar", Set.of("TextBloomOps", "TextMinMaxOps")),
            Map.entry("Timestamp", minMaxFamily("Timestamp")),
            Map.entry("Timestamptz", minMaxFamily("TimestampTz")),
            Map.entry("Time", minMaxFamily("Time")),
            Map.entry("Timetz", minMaxFamily("TimeTz")),
            Map.entry("Uuid", minMaxFamily("Uuid")));

    /** BRIN classes usable without a native type, by the Prisma type whose default column type they index. */
    private static final Map<ScalarType, Set<String>> BRIN_CLASSES_BY_SCALAR_TYPE = Map.of(
            ScalarType.FLOAT, minMaxFamily("Float8"),
            ScalarType.INT, minMaxFamily("Int4"),
            ScalarType.BIGINT, minMaxFamily("Int8"),
            ScalarType.DECIMAL, minMaxFamily("Numeric"),
            ScalarType.BYTES, Set.of("ByteaBloomOps", "ByteaMinMaxOps"),
            ScalarType.STRING, Set.of("TextBloomOps", "TextMinMaxOps"),
            ScalarType.DATETIME, minMaxFamily("Timestamp"));

    private static final Set<String> JSONB_CLASSES = Set.of("JsonbOps", "JsonbPathOps");
    private static final Set<String> TEXT_NATIVE_TYPES = Set.of("Text", "VarChar", "Char");

    private final Schema schema;
    private final SourceMap spans;
    private final List<Diagnostic> diagnostics;

    PostgresIndexChecks(Schema schema, SourceMap spans, List<Diagnostic> diagnostics) {
        this.schema = schema;
        this.spans = spans;
        this.diagnostics = diagnostics;
    }

    private static Set<String> minMaxFamily(String prefix) {
        return Set.of(prefix + "BloomOps", prefix + "MinMaxOps", prefix + "MinMaxMultiOps");
    }

    void indexes() {
        for (Model model : schema.models()) {
            int n = 0;
            for (Index index : model.indexes()) {
                if (index.fulltext()) {
                    continue;
                }
                Span span = spans.blockAttribute(model.name(), "index", n++);
                String algorithm = index.type().orElse("BTree");
                if (algorithm.equals("SpGist") && index.fields().size() > 1) {
                    error(span, "SpGist does not support multi-column indices.");
                }
                for (IndexField field : index.fields()) {
                    model.findScalarField(field.name())
                            .ifPresent(scalar -> field(span, algorithm, scalar, field.ops()));
                }
            }
        }
    }

    private void field(Span span, String algorithm, ScalarField field, Optional<String> ops) {
        if (ops.filter(o -> o.startsWith("raw(")).isPresent()) {
            return;
        }
        Optional<String> opclass = ops;
        Optional<String> nativeType = field.nativeType().map(NativeType::name);
        if (opclass.isPresent()
                && !supportedAlgorithm(opclass.get()).equals(algorithm)
                && !(opclass.get().equals("InetOps") && (algorithm.equals("Gist") || algorithm.equals("SpGist")))) {
            error(
                    span,
                    "The given operator class `" + opclass.get() + "` is not supported with the `" + algorithm
                            + "` index type.");
            return;
        }
        String name = field.name();
        switch (algorithm) {
            case "Gist":
                if (!(nativeType.filter("Inet"::equals).isPresent()
                        && opclass.filter("InetOps"::equals).isPresent())) {
                    mismatch(span, algorithm, field, nativeType, opclass);
                }
                break;
            case "Gin":
                gin(span, field, nativeType, opclass);
                break;
            case "SpGist":
                if (nativeType.filter("Inet"::equals).isPresent()
                                && opclass.filter(o -> !o.equals("InetOps")).isEmpty()
                        || nativeType.isEmpty() && opclass.isEmpty() && field.type() == ScalarType.STRING
                        || nativeType.filter(TEXT_NATIVE_TYPES::contains).isPresent()
                                && opclass.filter(o -> !o.equals("TextOps")).isEmpty()) {
                    break;
                }
                if (nativeType.isEmpty() && opclass.filter("TextOps"::equals).isPresent()) {
                    notOfType(span, opclass.get(), name, field.type(), ScalarType.STRING);
                    break;
                }
                mismatch(span, algorithm, field, nativeType, opclass);
                break;
            case "Brin":
                brin(span, field, nativeType, opclass);
                break;
            default:
                break;
        }
    }

    private void gin(Span span, ScalarField field, Optional<String> nativeType, Optional<String> opclass) {
        boolean json = field.type() == ScalarType.JSON;
        if (nativeType.isEmpty() && opclass.isEmpty() && json
                || opclass.isEmpty() && field.isList()
                || nativeType.filter("JsonB"::equals).isPresent()
                        && opclass.filter(o -> !JSONB_CLASSES.contains(o)).isEmpty()) {
            return;
        }
        if (nativeType.isEmpty() && opclass.filter(JSONB_CLASSES::contains).isPresent()) {
            notOfType(span, opclass.get(), field.name(), field.type(), ScalarType.JSON);
            return;
        }
        if (opclass.filter("ArrayOps"::equals).isPresent()) {
            if (!field.isList()) {
                error(
                        span,
                        "The given operator class `ArrayOps` expects the type of field `" + field.name()
                                + "` to be an array.");
            }
            return;
        }
        mismatch(span, "Gin", field, nativeType, opclass);
    }

    private void brin(Span span, ScalarField field, Optional<String> nativeType, Optional<String> opclass) {
        if (nativeType.isPresent()) {
            Set<String> classes = BRIN_CLASSES_BY_NATIVE_TYPE.get(nativeType.get());
            if (classes != null && opclass.filter(o -> !classes.contains(o)).isEmpty()) {
                return;
            }
            mismatch(span, "Brin", field, nativeType, opclass);
            return;
        }
        if (opclass.isEmpty()
                && field.type() instanceof ScalarType scalar
                && BRIN_CLASSES_BY_SCALAR_TYPE.containsKey(scalar)) {
            return;
        }
        if (opclass.isPresent()) {
            for (Map.Entry<ScalarType, Set<String>> entry : BRIN_CLASSES_BY_SCALAR_TYPE.entrySet()) {
                if (entry.getValue().contains(opclass.get())) {
                    notOfType(span, opclass.get(), field.name(), field.type(), entry.getKey());
                    return;
                }
            }
        }
        mismatch(span, "Brin", field, nativeType, opclass);
    }

    /** The index type of a class; InetOps (GiST and SP-GiST) is handled by the caller. */
    private static String supportedAlgorithm(String opclass) {
        switch (opclass) {
            case "InetOps":
                return "Gist";
            case "JsonbOps":
            case "JsonbPathOps":
            case "ArrayOps":
                return "Gin";
            case "TextOps":
                return "SpGist";
            default:
                return "Brin";
        }
    }

    private void notOfType(Span span, String opclass, String field, FieldType actual, ScalarType expected) {
        if (actual != expected) {
            error(
                    span,
                    "The given operator class `" + opclass + "` points to the field `" + field + "` that is not of "
                            + expected.prismaName() + " type.");
        }
    }

    private void mismatch(
            Span span, String algorithm, ScalarField field, Optional<String> nativeType, Optional<String> opclass) {
        String name = field.name();
        if (nativeType.isPresent() && opclass.isPresent()) {
            error(
                    span,
                    "The given operator class `" + opclass.get() + "` does not support native type `" + nativeType.get()
                            + "` of field `" + name + "`.");
        } else if (nativeType.isPresent()) {
            error(
                    span,
                    "The " + algorithm + " index field type `" + nativeType.get() + "` has no default operator class.");
        } else if (opclass.isPresent()) {
            error(
                    span,
                    "The given operator class `" + opclass.get() + "` expects the field `" + name
                            + "` to define a valid native type.");
        } else if (!supportsFieldType(algorithm, field)) {
            error(span, "The " + algorithm + " index type does not support the type of the field `" + name + "`.");
        }
    }

    private static boolean supportsFieldType(String algorithm, ScalarField field) {
        FieldType type = field.type();
        if (type instanceof FieldType.Unsupported) {
            return true;
        }
        switch (algorithm) {
            case "Gist":
            case "SpGist":
                return type == ScalarType.STRING;
            case "Gin":
                return type == ScalarType.JSON || field.isList();
            case "Brin":
                return type instanceof ScalarType scalar && BRIN_CLASSES_BY_SCALAR_TYPE.containsKey(scalar);
            default:
                return true;
        }
    }

    private void error(Span span, String message) {
        diagnostics.add(SchemaErrors.attribute(span, "@@index", message));
    }
}
