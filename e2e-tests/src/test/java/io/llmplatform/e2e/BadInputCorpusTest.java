package io.llmplatform.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmplatform.e2e.GatewayClient.Reply;
import io.llmplatform.simulator.tools.SchemaValues;
import io.llmplatform.testkit.http.RawHttp;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every operation of every service's OpenAPI document, as the gateway publishes it, fed malformed and hostile input:
 * broken and wrongly typed JSON, NUL characters, huge numbers, over-long strings, deep nesting, path traversal and
 * encoded slashes in path parameters, hostile query values; without a token, as a user and, on admin routes, as an
 * administrator. Nothing may answer 5xx, and every 4xx carries a stable code ({@code code}, or OpenAI's
 * {@code error.code}). Input that cannot be valid must be refused (4xx); the rest may also succeed. A service that
 * joins {@link PlatformUnderTest} is covered without a line here.
 */
@ExtendWith(PlatformExtension.class)
class BadInputCorpusTest {

    private static final List<String> METHODS = List.of("get", "post", "put", "patch", "delete");
    /** What no path parameter can be: traversal, encoded slashes and NUL, injection, absurd lengths and numbers. */
    private static final List<String> HOSTILE_PATH_VALUES = List.of("..", "..%2F..%2Fadmin", "%2e%2e%2f", "%2F",
            "%5C", "\\\\", "%00", "a%00b", ";x=1", "%ZZ", "'%20OR%20'1'='1", "99999999999999999999999",
            "-1", "x".repeat(5_000), "%F0%9F%92%A9", "%E2%80%AE");
    private static final String NUL = "\u0000";

    private final PlatformUnderTest platform;
    private final GatewayClient gateway;
    private final RawHttp raw;

    BadInputCorpusTest(PlatformUnderTest platform) {
        this.platform = platform;
        this.gateway = new GatewayClient(platform);
        this.raw = new RawHttp(platform.gateway());
    }

    /** One probe of an operation: what is sent, and whether it must be refused. */
    private record Probe(String what, String method, String target, String contentType, byte[] body,
            boolean mustBeRefused) {
    }

    @TestFactory
    Stream<DynamicTest> everyOperationRefusesBadInputWithACodeAndNeverFails() {
        String admin = gateway.login(platform.secrets().adminEmail(), platform.secrets().adminPassword())
                .accessToken();
        List<DynamicTest> tests = new ArrayList<>();
        for (String service : platform.services()) {
            Reply docs = gateway.get("/v3/api-docs/" + service, null);
            assertThat(docs.status()).as("%s's OpenAPI document at the gateway", service).isEqualTo(200);
            JsonNode document = docs.json();
            for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
                for (String method : METHODS) {
                    JsonNode operation = path.getValue().get(method);
                    if (operation != null) {
                        String name = service + " " + method.toUpperCase() + " " + path.getKey();
                        tests.add(DynamicTest.dynamicTest(name, () -> probe(document, method, path.getKey(),
                                path.getValue(), operation, admin)));
                    }
                }
            }
        }
        assertThat(tests).as("operations found in the services' documents").hasSizeGreaterThan(10);
        return tests.stream();
    }

    private void probe(JsonNode document, String method, String path, JsonNode pathItem, JsonNode operation,
            String admin) {
        List<Probe> probes = probes(document, method.toUpperCase(), path, parameters(pathItem, operation),
                jsonBodySchema(operation), operation.path("requestBody").path("required").asBoolean(false));
        SoftAssertions softly = new SoftAssertions();
        // Without a token: a few probes, enough to see the refusal (each counts against the address's rate limit).
        probes.stream().limit(3).forEach(probe -> check(softly, probe, null, "anonymous"));
        String user = gateway.newUser().accessToken();
        probes.forEach(probe -> check(softly, probe, user, "user"));
        if (path.contains("/admin/")) {
            probes.forEach(probe -> check(softly, probe, admin, "admin"));
        }
        softly.assertAll();
    }

    private void check(SoftAssertions softly, Probe probe, String token, String who) {
        List<String> headers = new ArrayList<>();
        if (token != null) {
            headers.add("Authorization: Bearer " + token);
        }
        RawHttp.Response response;
        try {
            response = raw.send(probe.method(), probe.target(), probe.contentType(), probe.body(),
                    headers.toArray(String[]::new));
        } catch (RuntimeException noAnswer) {
            softly.fail("%s, %s: no answer (%s)", probe.what(), who, noAnswer.getMessage());
            return;
        }
        String description = probe.what() + ", " + who + " -> " + response.status() + " " + abbreviated(response.body());
        softly.assertThat(response.status()).as(description).isLessThan(500);
        softly.assertThat(response.status()).as("%s: the corpus must not exhaust a rate limit", description)
                .isNotEqualTo(429);
        if (probe.mustBeRefused()) {
            softly.assertThat(response.status()).as(description).isBetween(400, 499);
        }
        if (response.status() >= 400) {
            softly.assertThat(codeOf(response)).as("%s: a stable code", description).isNotBlank();
        }
    }

    private static String codeOf(RawHttp.Response response) {
        String type = response.header("Content-Type");
        if (type == null || !type.contains("json")) {
            return null;
        }
        try {
            JsonNode body = GatewayClient.JSON.readTree(response.body());
            return body.has("error") ? body.at("/error/code").asString(null) : body.path("code").asString(null);
        } catch (RuntimeException notJson) {
            return null;
        }
    }

    private List<Probe> probes(JsonNode document, String method, String path, List<JsonNode> parameters,
            JsonNode bodySchema, boolean bodyRequired) {
        String basePath = path;
        List<String> pathParameters = new ArrayList<>();
        StringBuilder query = new StringBuilder();
        List<JsonNode> queryParameters = new ArrayList<>();
        for (JsonNode parameter : parameters) {
            String name = parameter.path("name").asString();
            if ("path".equals(parameter.path("in").asString())) {
                pathParameters.add(name);
                basePath = basePath.replace("{" + name + "}", plausible(parameter.path("schema")));
            } else if ("query".equals(parameter.path("in").asString())) {
                queryParameters.add(parameter);
                if (parameter.path("required").asBoolean(false)) {
                    query.append(query.isEmpty() ? "?" : "&").append(name).append('=')
                            .append(plausible(parameter.path("schema")));
                }
            }
        }
        String target = basePath + query;
        byte[] body = bodySchema == null ? null : bytes(SchemaValues.generate(bodySchema, document, 7).toString());
        String type = bodySchema == null ? null : "application/json";
        List<Probe> probes = new ArrayList<>();
        String separator = query.isEmpty() ? "?" : "&";

        if (bodySchema != null) {
            probes.add(new Probe("malformed JSON", method, target, type, bytes("{\"a\": "), true));
        }
        probes.add(new Probe("NUL in an unknown query parameter", method, target + separator + "zz=a%00b", type,
                body, true));
        for (String name : pathParameters) {
            for (String hostile : HOSTILE_PATH_VALUES) {
                probes.add(new Probe("path parameter " + name + " = " + abbreviated(hostile), method,
                        pathWith(path, parameters, name, hostile) + query, type, body, true));
            }
        }
        for (JsonNode parameter : queryParameters) {
            String name = parameter.path("name").asString();
            String schemaType = parameter.path("schema").path("type").asString("string");
            List<String> hostile = schemaType.equals("integer") || schemaType.equals("number")
                    ? List.of("abc", "99999999999999999999999", "1e999", "%00")
                    : List.of("a%00b", "%ZZ");
            for (String value : hostile) {
                probes.add(new Probe("query parameter " + name + " = " + value, method,
                        target + separator + name + "=" + value, type, body, true));
            }
            probes.add(new Probe("query parameter " + name + " of 3,000 characters", method,
                    target + separator + name + "=" + "q".repeat(3_000), type, body, false));
        }
        if (bodySchema != null) {
            probes.addAll(bodyProbes(method, target, document, bodySchema, bodyRequired));
        }
        return probes;
    }

    private List<Probe> bodyProbes(String method, String target, JsonNode document, JsonNode schema,
            boolean required) {
        JsonNode valid = SchemaValues.generate(schema, document, 7);
        String json = "application/json";
        List<Probe> probes = new ArrayList<>();
        probes.add(new Probe("empty body", method, target, json, new byte[0], required));
        for (String root : List.of("[]", "\"text\"", "12", "null", "true")) {
            probes.add(new Probe("body " + root, method, target, json, bytes(root), valid.isObject()));
        }
        probes.add(new Probe("nesting 5,000 deep", method, target, json,
                bytes("{\"a\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}"), true));
        probes.add(new Probe("a text/plain body", method, target, "text/plain", bytes(valid.toString()), true));
        JsonNode withNul = mapStrings(valid.deepCopy(), text -> text + NUL + "x");
        if (!withNul.equals(valid)) {
            probes.add(new Probe("NUL in every string", method, target, json, bytes(withNul.toString()), true));
        }
        JsonNode longStrings = mapStrings(valid.deepCopy(), text -> text + "y".repeat(10_000));
        if (!longStrings.equals(valid)) {
            probes.add(new Probe("every string 10,000 characters longer", method, target, json,
                    bytes(longStrings.toString()), false));
        }
        if (valid instanceof ObjectNode object) {
            JsonNode properties = resolved(document, schema).path("properties");
            for (Map.Entry<String, JsonNode> property : properties.properties()) {
                String typeName = resolved(document, property.getValue()).path("type").asString("");
                String wrong = switch (typeName) {
                    case "string" -> "{\"nested\": true}";
                    case "integer", "number" -> "\"many\"";
                    case "boolean" -> "\"maybe\"";
                    case "array" -> "\"not a list\"";
                    case "object" -> "7";
                    default -> null;
                };
                if (wrong != null) {
                    ObjectNode changed = object.deepCopy();
                    changed.set(property.getKey(), GatewayClient.JSON.readTree(wrong));
                    probes.add(new Probe(property.getKey() + " = " + wrong, method, target, json,
                            bytes(changed.toString()), true));
                }
                if (typeName.equals("integer") || typeName.equals("number")) {
                    String huge = object.deepCopy().put(property.getKey(), 0).toString()
                            .replace("\"" + property.getKey() + "\":0", "\"" + property.getKey()
                                    + "\":123456789012345678901234567890e300");
                    probes.add(new Probe(property.getKey() + " huge", method, target, json, bytes(huge), false));
                }
            }
        }
        return probes;
    }

    private static List<JsonNode> parameters(JsonNode pathItem, JsonNode operation) {
        List<JsonNode> parameters = new ArrayList<>();
        pathItem.path("parameters").forEach(parameters::add);
        operation.path("parameters").forEach(parameters::add);
        return parameters;
    }

    private static JsonNode jsonBodySchema(JsonNode operation) {
        JsonNode content = operation.path("requestBody").path("content");
        JsonNode json = content.path("application/json").path("schema");
        return json.isMissingNode() ? null : json;
    }

    /** The operation's path with every parameter plausible but {@code name}, which gets {@code value}. */
    private static String pathWith(String path, List<JsonNode> parameters, String name, String value) {
        String filled = path.replace("{" + name + "}", value);
        for (JsonNode parameter : parameters) {
            filled = filled.replace("{" + parameter.path("name").asString() + "}",
                    plausible(parameter.path("schema")));
        }
        return filled;
    }

    /** A value that passes for the parameter's type, so that only the probed input is wrong. */
    private static String plausible(JsonNode schema) {
        return switch (schema.path("type").asString("string")) {
            case "integer", "number" -> "1";
            case "boolean" -> "true";
            default -> "uuid".equals(schema.path("format").asString("")) ? UUID.randomUUID().toString() : "sample";
        };
    }

    private static JsonNode resolved(JsonNode document, JsonNode schema) {
        String reference = schema.path("$ref").asString("");
        return reference.startsWith("#") ? document.at(reference.substring(1)) : schema;
    }

    private static JsonNode mapStrings(JsonNode node, java.util.function.UnaryOperator<String> change) {
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                if (field.getValue().isString()) {
                    object.put(field.getKey(), change.apply(field.getValue().asString()));
                } else {
                    mapStrings(field.getValue(), change);
                }
            }
        } else if (node instanceof tools.jackson.databind.node.ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                if (array.get(i).isString()) {
                    array.set(i, array.stringNode(change.apply(array.get(i).asString())));
                } else {
                    mapStrings(array.get(i), change);
                }
            }
        }
        return node;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String abbreviated(String text) {
        return text.length() <= 160 ? text : text.substring(0, 160) + "...";
    }
}
