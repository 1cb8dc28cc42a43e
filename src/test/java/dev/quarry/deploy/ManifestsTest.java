package dev.quarry.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.cli.QuarryCommand;
import dev.quarry.runtime.DatabaseUrl;
import dev.quarry.testsupport.Tools;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class ManifestsTest {

    private static final Path BASE = Manifests.ROOT.resolve("base");

    @Test
    void everyPlainManifestFitsTheKubernetesModelWithNoUnknownField() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(Manifests.ROOT)) {
            files = walk.filter(f -> f.toString().endsWith(".yaml")
                            && !f.getFileName().toString().equals("kustomization.yaml"))
                    .sorted()
                    .toList();
        }
        assertTrue(files.size() >= 10, "manifests found: " + files);
        for (Path file : files) {
            assertFalse(Manifests.readFile(file).isEmpty(), file + " holds no resource");
        }
    }

    @Test
    void aMisspelledFieldIsCaught() {
        String yaml = """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: typo
                spec:
                  selector:
                    matchLabels: {app: typo}
                  template:
                    spec:
                      containers:
                        - name: typo
                          image: quarry
                          readinesProbe:
                            httpGet: {path: /q/health/ready, port: 8080}
                """;
        AssertionError error = Assertions.assertThrows(AssertionError.class, () -> Manifests.read(yaml, "typo.yaml"));
        assertTrue(error.getMessage().contains("readinesProbe"), error.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "base", "overlays/dev", "overlays/prod"})
    void everyKustomizationBuilds(String directory) throws Exception {
        Optional<List<HasMetadata>> built = Manifests.kustomize(Manifests.ROOT.resolve(directory));
        Tools.require(
                built.isPresent(),
                () -> "kubectl is not installed (apt-get install -y kubectl, or src/test/ops/install-tools.sh)");
        List<HasMetadata> resources = built.get();
        Deployment deployment = Manifests.one(resources, Deployment.class, "quarry");
        Job job = Manifests.one(resources, Job.class, "quarry-migrate");
        Manifests.one(resources, HorizontalPodAutoscaler.class, "quarry");
        Manifests.one(resources, PodDisruptionBudget.class, "quarry");
        Manifests.one(resources, Service.class, "quarry");
        ConfigMap schema = Manifests.one(resources, ConfigMap.class, "quarry-schema");
        for (PodSpec pod : List.of(
                deployment.getSpec().getTemplate().getSpec(),
                job.getSpec().getTemplate().getSpec())) {
            String schemaVolume = pod.getVolumes().stream()
                    .filter(v -> v.getConfigMap() != null)
                    .map(v -> v.getConfigMap().getName())
                    .findFirst()
                    .orElseThrow();
            assertEquals(schema.getMetadata().getName(), schemaVolume, "the pods mount the generated schema ConfigMap");
        }
        boolean prod = directory.equals("overlays/prod");
        Map<String, String> config =
                Manifests.one(resources, ConfigMap.class, "quarry-config").getData();
        assertEquals(prod ? "true" : "false", config.get("QUARRY_PGBOUNCER"));
        assertEquals(
                prod,
                resources.stream()
                        .anyMatch(
                                r -> r.getMetadata().getName().equals("quarry-pgbouncer") && r instanceof Deployment));
        assertEquals(
                !prod,
                resources.stream().anyMatch(r -> r instanceof Secret),
                "only prod leaves the Secrets to be created out of band");
        assertTrue(deployment.getSpec().getReplicas() >= (prod ? 3 : 2));
        assertEquals(
                directory.equals("overlays/dev") ? "open" : "jwt",
                config.get("QUARRY_AUTH_MODE"),
                "only the dev overlay runs without authentication");
        Set<String> read = namesTheServiceReads();
        assertEquals(
                Set.of(),
                new TreeSet<>(config.keySet().stream()
                        .filter(name -> !read.contains(name))
                        .toList()),
                "variables of the built ConfigMap that no configuration of the service reads");
    }

    /**
     * jwt is the service's production default, so the base says where keys come from and what a token must carry.
     */
    @Test
    void theBaseConfiguresJwtAuthentication() {
        Map<String, String> config = Manifests.one(
                        Manifests.readFile(BASE.resolve("configmap.yaml")), ConfigMap.class, "quarry-config")
                .getData();
        assertEquals("jwt", config.get("QUARRY_AUTH_MODE"));
        assertTrue(
                config.containsKey("QUARRY_AUTH_JWKS_URL") || config.containsKey("QUARRY_AUTH_PUBLIC_KEY_LOCATION"),
                "a verification key: " + config.keySet());
        for (String key : List.of(
                "QUARRY_AUTH_ISSUER", "QUARRY_AUTH_AUDIENCE", "QUARRY_AUTH_ROLE_CLAIM", "QUARRY_AUTH_ANONYMOUS_ROLE")) {
            assertFalse(config.getOrDefault(key, "").isBlank(), key);
        }
        Optional.ofNullable(config.get("QUARRY_AUTH_JWKS_URL"))
                .ifPresent(url -> assertTrue(url.startsWith("https://"), "the JWK set over HTTPS: " + url));
    }

    @Test
    void theDeploymentMeetsTheOperationsContract() {
        Deployment deployment =
                Manifests.one(Manifests.readFile(BASE.resolve("deployment.yaml")), Deployment.class, "quarry");
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        Container quarry = pod.getContainers().get(0);
        assertTrue(deployment.getSpec().getReplicas() >= 2);
        assertTrue(pod.getSecurityContext().getRunAsNonRoot());
        assertTrue(quarry.getSecurityContext().getReadOnlyRootFilesystem());
        assertFalse(quarry.getSecurityContext().getAllowPrivilegeEscalation());
        VolumeMount tmp = quarry.getVolumeMounts().stream()
                .filter(m -> m.getMountPath().equals("/tmp"))
                .findFirst()
                .orElseThrow();
        Volume tmpVolume = pod.getVolumes().stream()
                .filter(v -> v.getName().equals(tmp.getName()))
                .findFirst()
                .orElseThrow();
        assertNotNull(tmpVolume.getEmptyDir(), "/tmp is an emptyDir on a read-only root filesystem");
        for (String resource : List.of("cpu", "memory")) {
            assertNotNull(quarry.getResources().getRequests().get(resource), "request " + resource);
            assertNotNull(quarry.getResources().getLimits().get(resource), "limit " + resource);
        }
        assertEquals("/q/health/ready", quarry.getReadinessProbe().getHttpGet().getPath());
        assertEquals("/q/health/live", quarry.getLivenessProbe().getHttpGet().getPath());
        assertNotNull(quarry.getStartupProbe().getHttpGet());
        for (Probe probe : List.of(quarry.getReadinessProbe(), quarry.getLivenessProbe(), quarry.getStartupProbe())) {
            assertEquals("http", probe.getHttpGet().getPort().getStrVal());
        }
        assertEquals("http", quarry.getPorts().get(0).getName());
    }

    /** SIGTERM comes after preStop; then readiness DOWN, the delay, and the drain must end before SIGKILL. */
    @Test
    void theGracePeriodCoversPreStopDelayAndDrain() {
        Deployment deployment =
                Manifests.one(Manifests.readFile(BASE.resolve("deployment.yaml")), Deployment.class, "quarry");
        Map<String, String> config = Manifests.one(
                        Manifests.readFile(BASE.resolve("configmap.yaml")), ConfigMap.class, "quarry-config")
                .getData();
        long preStop = deployment
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0)
                .getLifecycle()
                .getPreStop()
                .getSleep()
                .getSeconds();
        long delay = duration(config.get("QUARRY_SHUTDOWN_DELAY")).toSeconds();
        long drain = duration(config.get("QUARRY_SHUTDOWN_TIMEOUT")).toSeconds();
        long grace = deployment.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds();
        assertTrue(delay > 0 && drain > 0);
        assertTrue(
                grace >= preStop + delay + drain + 5,
                "terminationGracePeriodSeconds " + grace + " < preStop " + preStop + " + delay " + delay + " + drain "
                        + drain + " + 5 s for the JVM");
    }

    @Test
    void theServedSchemaInTheConfigMapIsTheProjectSchema() throws IOException {
        assertEquals(
                Files.readString(Path.of("src/main/resources/schema.prisma")),
                Files.readString(BASE.resolve("schema.prisma")),
                "k8s/base/schema.prisma is a copy of src/main/resources/schema.prisma: copy it again");
    }

    /** Every variable a Quarry container gets, from env or the ConfigMap, is one the service reads. */
    @Test
    void everyEnvironmentVariableIsOneTheServiceReads() throws IOException {
        Set<String> read = namesTheServiceReads();
        List<HasMetadata> base = new ArrayList<>();
        try (Stream<Path> files = Files.list(BASE)) {
            files.filter(f -> f.toString().endsWith(".yaml")
                            && !f.getFileName().toString().equals("kustomization.yaml"))
                    .forEach(f -> base.addAll(Manifests.readFile(f)));
        }
        Map<String, String> config =
                Manifests.one(base, ConfigMap.class, "quarry-config").getData();
        Set<String> unknown = new TreeSet<>();
        int checked = 0;
        for (Container container : quarryContainers(base)) {
            List<String> names = new ArrayList<>(
                    container.getEnv().stream().map(EnvVar::getName).toList());
            for (EnvFromSource source :
                    Optional.ofNullable(container.getEnvFrom()).orElse(List.of())) {
                assertEquals("quarry-config", source.getConfigMapRef().getName());
                names.addAll(config.keySet());
            }
            for (String name : names) {
                checked++;
                if (!read.contains(name)) {
                    unknown.add(container.getName() + ": " + name);
                }
            }
        }
        assertTrue(checked >= 8, "variables checked: " + checked);
        assertEquals(Set.of(), unknown, "variables that no configuration of the service reads");
    }

    /**
     * The authenticator pattern (issue 15): the service and the migration Job read DATABASE_URL from different keys
     * of the Secret, and where the built manifests carry the Secret (base), the two URLs name different logins;
     * only the dev overlay, which runs without authentication and so without request roles, connects both as its
     * owner.
     */
    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
    void theServiceAndTheMigrationJobConnectAsDifferentLogins(String directory) throws Exception {
        Optional<List<HasMetadata>> built = Manifests.kustomize(Manifests.ROOT.resolve(directory));
        Tools.require(
                built.isPresent(),
                () -> "kubectl is not installed (apt-get install -y kubectl, or src/test/ops/install-tools.sh)");
        List<HasMetadata> resources = built.get();
        EnvVar service = databaseUrl(Manifests.one(resources, Deployment.class, "quarry")
                .getSpec()
                .getTemplate()
                .getSpec());
        EnvVar migrate = databaseUrl(Manifests.one(resources, Job.class, "quarry-migrate")
                .getSpec()
                .getTemplate()
                .getSpec());
        String serviceKey = service.getValueFrom().getSecretKeyRef().getKey();
        String migrateKey = migrate.getValueFrom().getSecretKeyRef().getKey();
        assertEquals("quarry-database", service.getValueFrom().getSecretKeyRef().getName());
        assertEquals("quarry-database", migrate.getValueFrom().getSecretKeyRef().getName());
        assertEquals("database-url", serviceKey);
        assertEquals("migration-database-url", migrateKey);
        Optional<Secret> secret = resources.stream()
                .filter(Secret.class::isInstance)
                .map(Secret.class::cast)
                .filter(r -> r.getMetadata().getName().equals("quarry-database"))
                .findFirst();
        assertEquals(
                directory.equals("overlays/prod"),
                secret.isEmpty(),
                "prod leaves the Secret to be created out of band");
        secret.ifPresent(s -> {
            String serviceUser = loginOf(s.getStringData().get(serviceKey));
            String migrateUser = loginOf(s.getStringData().get(migrateKey));
            if (directory.equals("overlays/dev")) {
                assertEquals(serviceUser, migrateUser, "dev (open mode) connects as its owner");
            } else {
                assertEquals("quarry_authenticator", serviceUser);
                assertEquals("quarry_owner", migrateUser);
            }
        });
    }

    private static EnvVar databaseUrl(PodSpec pod) {
        return pod.getContainers().get(0).getEnv().stream()
                .filter(e -> e.getName().equals("DATABASE_URL"))
                .findFirst()
                .orElseThrow();
    }

    private static String loginOf(String prismaUrl) {
        return DatabaseUrl.parse(prismaUrl).user();
    }

    @Test
    void theDeploymentRunsTheServeCommand() {
        Container quarry = Manifests.one(
                        Manifests.readFile(BASE.resolve("deployment.yaml")), Deployment.class, "quarry")
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0);
        assertEquals(List.of("serve"), commandNames(quarry.getArgs()));
    }

    @Test
    void theMigrationJobRunsMigrateDeploy() {
        Container migrate = Manifests.one(
                        Manifests.readFile(BASE.resolve("migrate-job.yaml")), Job.class, "quarry-migrate")
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0);
        assertEquals(List.of("migrate", "deploy"), migrate.getArgs().subList(0, 2));
        assertEquals(List.of("migrate", "deploy"), commandNames(migrate.getArgs()));
    }

    /** picocli parses the arguments as the packaged service would; the answer is the chain of sub-commands. */
    private static List<String> commandNames(List<String> args) {
        CommandLine.ParseResult result = QuarryCommand.commandLine().parseArgs(args.toArray(String[]::new));
        List<String> names = new ArrayList<>();
        for (CommandLine.ParseResult sub = result.subcommand(); sub != null; sub = sub.subcommand()) {
            names.add(sub.commandSpec().name());
        }
        return names;
    }

    private static List<Container> quarryContainers(List<HasMetadata> resources) {
        List<Container> containers = new ArrayList<>();
        for (HasMetadata resource : resources) {
            PodSpec pod = resource instanceof Deployment d
                    ? d.getSpec().getTemplate().getSpec()
                    : resource instanceof Job j ? j.getSpec().getTemplate().getSpec() : null;
            if (pod != null) {
                pod.getContainers().stream()
                        .filter(c -> c.getImage().equals("quarry"))
                        .forEach(containers::add);
            }
        }
        return containers;
    }

    /**
     * The names the service reads: every {@code ${NAME}} and key of application.properties and every string
     * literal of the main sources, each also in its environment form ({@code quarry.schema.path} is read from
     * {@code QUARRY_SCHEMA_PATH}).
     */
    private static Set<String> namesTheServiceReads() throws IOException {
        Set<String> names = new HashSet<>();
        String properties = Files.readString(Path.of("src/main/resources/application.properties"));
        collect(Pattern.compile("\\$\\{([A-Za-z0-9_.-]+)").matcher(properties), names);
        collect(Pattern.compile("(?m)^([a-z][A-Za-z0-9_.\"-]*)=").matcher(properties), names);
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path source :
                    sources.filter(f -> f.toString().endsWith(".java")).toList()) {
                collect(Pattern.compile("\"([A-Za-z0-9_.-]+)\"").matcher(Files.readString(source)), names);
            }
        }
        Set<String> withEnvironmentForms = new HashSet<>(names);
        names.forEach(name -> withEnvironmentForms.add(name.toUpperCase().replaceAll("[^A-Z0-9]", "_")));
        return withEnvironmentForms;
    }

    private static void collect(Matcher matcher, Set<String> into) {
        while (matcher.find()) {
            into.add(matcher.group(1));
        }
    }

    /** Quarkus's short form of durations, as the ConfigMap writes them: 2s, 500ms, 1m. */
    private static Duration duration(String text) {
        Matcher m = Pattern.compile("(\\d+)(ms|s|m)").matcher(text);
        assertTrue(m.matches(), "a duration: " + text);
        long amount = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            default -> Duration.ofMinutes(amount);
        };
    }
}
