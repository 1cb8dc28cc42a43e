package dev.quarry.deploy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.quarry.testsupport.Tools;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The manifests of {@code k8s/} read into fabric8's Kubernetes model, strictly: an unknown kind, apiVersion
 * or field (a typo Kubernetes would reject or, worse, silently drop) is an error naming its path.
 */
final class Manifests {

    static final Path ROOT = Path.of("k8s");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper MODEL = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
            "apps/v1 Deployment", Deployment.class,
            "v1 Service", Service.class,
            "v1 ConfigMap", ConfigMap.class,
            "v1 Secret", Secret.class,
            "v1 Namespace", Namespace.class,
            "batch/v1 Job", Job.class,
            "autoscaling/v2 HorizontalPodAutoscaler", HorizontalPodAutoscaler.class,
            "policy/v1 PodDisruptionBudget", PodDisruptionBudget.class);

    private Manifests() {}

    static List<HasMetadata> readFile(Path file) {
        try {
            return read(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<HasMetadata> read(String yaml, String origin) {
        List<HasMetadata> resources = new ArrayList<>();
        try (YAMLParser parser = (YAMLParser) YAML.getFactory().createParser(yaml)) {
            for (JsonNode document : (Iterable<JsonNode>) () -> readAll(parser)) {
                if (document != null && !document.isEmpty()) {
                    resources.add(resource(document, origin));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(origin + ": not YAML: " + e.getMessage(), e);
        }
        return resources;
    }

    /** {@code kubectl kustomize DIR}, or empty when kubectl is not installed. */
    static Optional<List<HasMetadata>> kustomize(Path directory) throws IOException, InterruptedException {
        Optional<Path> kubectl = Tools.find("kubectl");
        if (kubectl.isEmpty()) {
            return Optional.empty();
        }
        Process process = new ProcessBuilder(kubectl.get().toString(), "kustomize", directory.toString()).start();
        byte[] out = process.getInputStream().readAllBytes();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError("kubectl kustomize " + directory + " failed:\n" + err);
        }
        return Optional.of(read(new String(out, StandardCharsets.UTF_8), "kustomize " + directory));
    }

    /** The resource of that kind and name; a generated ConfigMap's name may carry kustomize's hash suffix. */
    static <T extends HasMetadata> T one(List<HasMetadata> resources, Class<T> type, String name) {
        List<T> found = resources.stream()
                .filter(type::isInstance)
                .map(type::cast)
                .filter(r -> r.getMetadata().getName().matches(Pattern.quote(name) + "(-[a-z0-9]{10})?"))
                .toList();
        if (found.size() != 1) {
            throw new AssertionError("expected one " + type.getSimpleName() + " " + name + ", found " + found.size());
        }
        return found.get(0);
    }

    private static Iterator<JsonNode> readAll(YAMLParser parser) {
        try {
            return YAML.readValues(parser, JsonNode.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static HasMetadata resource(JsonNode document, String origin) {
        String key = document.path("apiVersion").asText() + " "
                + document.path("kind").asText();
        Class<? extends HasMetadata> type = KINDS.get(key);
        if (type == null) {
            throw new AssertionError(origin + ": unexpected kind " + key + " (known: " + KINDS.keySet() + ")");
        }
        HasMetadata resource;
        try {
            resource = MODEL.treeToValue(document, type);
        } catch (IOException e) {
            throw new AssertionError(origin + ": " + key + " does not fit the Kubernetes model: " + e.getMessage(), e);
        }
        List<String> unknown = new ArrayList<>();
        collectUnknownFields(resource, key + " " + resource.getMetadata().getName(), unknown, new IdentityHashMap<>());
        if (!unknown.isEmpty()) {
            throw new AssertionError(origin + ": fields unknown to Kubernetes: " + unknown);
        }
        return resource;
    }

    /**
     * fabric8 keeps unknown fields in {@code additionalProperties} instead of failing: look for any, everywhere.
     */
    private static void collectUnknownFields(
            Object value, String path, List<String> unknown, Map<Object, Boolean> seen) {
        if (value == null || seen.put(value, Boolean.TRUE) != null) {
            return;
        }
        if (value instanceof Collection<?> collection) {
            int i = 0;
            for (Object element : collection) {
                collectUnknownFields(element, path + "[" + i++ + "]", unknown, seen);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> collectUnknownFields(v, path + "." + k, unknown, seen));
            return;
        }
        if (!value.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0
                    || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get")
                    || getter.getDeclaringClass() == Object.class
                    || getter.getReturnType().isPrimitive()) {
                continue;
            }
            Object child;
            try {
                child = getter.invoke(value);
            } catch (ReflectiveOperationException e) {
                continue;
            }
            String field = Character.toLowerCase(getter.getName().charAt(3))
                    + getter.getName().substring(4);
            if (field.equals("additionalProperties")) {
                if (child instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    unknown.add(path + ": " + extra.keySet());
                }
            } else if (!Set.of("class", "value", "apiVersion", "kind").contains(field)) {
                collectUnknownFields(child, path + "." + field, unknown, seen);
            }
        }
    }
}
