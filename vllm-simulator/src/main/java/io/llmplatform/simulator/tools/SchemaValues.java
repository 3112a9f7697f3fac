package io.llmplatform.simulator.tools;

import io.llmplatform.simulator.generation.EnglishWords;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A value that conforms to a JSON Schema, as a model under vLLM's guided decoding would produce for a function's
 * {@code parameters}: {@code const} and {@code enum} are honoured, objects get every {@code required} property (and
 * each optional one half of the time), arrays their {@code minItems}..{@code maxItems} elements, strings their length
 * bounds and common formats, numbers their bounds; {@code anyOf}/{@code oneOf} take their first alternative that is
 * not {@code null}, {@code allOf} its schemas merged, and local {@code $ref}s are followed. Random but reproducible:
 * the same seed gives the same value.
 */
public final class SchemaValues {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> WORDS = EnglishWords.all();
    private static final int MAX_DEPTH = 8;
    /** Values generated at most; past it only what the schema requires. A recursive schema stays small. */
    /** Bounds on what one schema can make the simulator build, whatever its minLength or minItems say. */
    private static final int MAX_STRING_LENGTH = 4_096;
    private static final int MAX_ITEMS = 64;
    private static final int MAX_VALUES = 500;

    private final JsonNode root;
    private final Random random;
    private int values;

    private SchemaValues(JsonNode root, long seed) {
        this.root = root;
        this.random = new Random(seed);
    }

    /** A value for {@code schema}; an absent or empty schema gives an empty object, as for a function without one. */
    public static JsonNode generate(JsonNode schema, long seed) {
        return generate(schema, schema, seed);
    }

    /**
     * A value for {@code schema}, whose {@code $ref}s point into {@code document} (an OpenAPI document's
     * {@code #/components/schemas/...}).
     */
    public static JsonNode generate(JsonNode schema, JsonNode document, long seed) {
        if (schema == null || schema.isNull() || schema.isEmpty()) {
            return NODES.objectNode();
        }
        return new SchemaValues(document, seed).value(schema, 0);
    }

    private JsonNode value(JsonNode schema, int depth) {
        values++;
        schema = resolved(schema);
        if (schema.has("const")) {
            return schema.get("const");
        }
        if (schema.path("enum").isArray() && !schema.path("enum").isEmpty()) {
            return schema.get("enum").get(random.nextInt(schema.get("enum").size()));
        }
        for (String alternatives : List.of("anyOf", "oneOf")) {
            if (schema.path(alternatives).isArray()) {
                for (JsonNode alternative : schema.get(alternatives)) {
                    if (!"null".equals(resolved(alternative).path("type").asString(""))) {
                        return value(alternative, depth);
                    }
                }
                return NODES.nullNode();
            }
        }
        if (schema.path("allOf").isArray()) {
            ObjectNode merged = NODES.objectNode();
            schema.get("allOf").forEach(part -> merge(merged, resolved(part)));
            return value(merged, depth);
        }
        return switch (typeOf(schema)) {
            case "object" -> object(schema, depth);
            case "array" -> array(schema, depth);
            case "integer" -> NODES.numberNode(integer(schema));
            case "number" -> NODES.numberNode(number(schema));
            case "boolean" -> NODES.booleanNode(random.nextBoolean());
            case "null" -> NODES.nullNode();
            default -> NODES.stringNode(string(schema));
        };
    }

    private ObjectNode object(JsonNode schema, int depth) {
        ObjectNode object = NODES.objectNode();
        JsonNode properties = schema.path("properties");
        List<String> required = schema.path("required").valueStream().map(JsonNode::asString).toList();
        for (Map.Entry<String, JsonNode> property : properties.properties()) {
            boolean include = required.contains(property.getKey()) || roomFor(depth) && random.nextBoolean();
            if (include) {
                object.set(property.getKey(), depth < MAX_DEPTH ? value(property.getValue(), depth + 1)
                        : NODES.nullNode());
            }
        }
        return object;
    }

    private ArrayNode array(JsonNode schema, int depth) {
        int min = Math.min(schema.path("minItems").asInt(roomFor(depth) ? 1 : 0), MAX_ITEMS);
        int max = Math.max(min, Math.min(schema.path("maxItems").asInt(min + 2), min + 2));
        int count = roomFor(depth) ? min + random.nextInt(max - min + 1) : min;
        ArrayNode array = NODES.arrayNode();
        JsonNode items = schema.path("items");
        for (int i = 0; i < count; i++) {
            array.add(items.isObject() ? value(items, depth + 1) : NODES.stringNode(word()));
        }
        return array;
    }

    private boolean roomFor(int depth) {
        return depth < MAX_DEPTH && values < MAX_VALUES;
    }

    private long integer(JsonNode schema) {
        long min = schema.has("exclusiveMinimum") ? schema.get("exclusiveMinimum").asLong() + 1
                : schema.path("minimum").asLong(0);
        long max = schema.has("exclusiveMaximum") ? schema.get("exclusiveMaximum").asLong() - 1
                : schema.path("maximum").asLong(Math.max(min, 0) + 100);
        return max <= min ? min : min + Math.floorMod(random.nextLong(), max - min + 1);
    }

    private BigDecimal number(JsonNode schema) {
        boolean exclusiveLow = schema.has("exclusiveMinimum");
        boolean exclusiveHigh = schema.has("exclusiveMaximum");
        double low = exclusiveLow ? schema.get("exclusiveMinimum").asDouble() : schema.path("minimum").asDouble(0);
        double high = exclusiveHigh ? schema.get("exclusiveMaximum").asDouble()
                : schema.path("maximum").asDouble(Math.max(low, 0) + 100);
        double value = high <= low ? low : low + random.nextDouble() * (high - low);
        BigDecimal rounded = BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP);
        double candidate = rounded.doubleValue();
        // Two decimals, as a model would write, unless rounding would step over a bound.
        boolean inside = (exclusiveLow ? candidate > low : candidate >= low)
                && (exclusiveHigh ? candidate < high : candidate <= high);
        return inside ? rounded : BigDecimal.valueOf(value);
    }

    private String string(JsonNode schema) {
        String formatted = switch (schema.path("format").asString("")) {
            case "date" -> "2026-0" + (1 + random.nextInt(9)) + "-1" + random.nextInt(10);
            case "date-time" -> "2026-0" + (1 + random.nextInt(9)) + "-1" + random.nextInt(10) + "T09:30:00Z";
            case "time" -> "09:" + (10 + random.nextInt(50)) + ":00";
            case "email" -> word() + "@example.com";
            case "uri", "url" -> "https://example.com/" + word();
            case "uuid" -> new java.util.UUID(random.nextLong(), random.nextLong()).toString();
            default -> null;
        };
        // A schema may ask for more than any model would write; the value is then cut short rather than filling memory.
        int minLength = Math.min(schema.path("minLength").asInt(0), MAX_STRING_LENGTH);
        int maxLength = Math.min(schema.path("maxLength").asInt(Integer.MAX_VALUE), MAX_STRING_LENGTH);
        StringBuilder text = new StringBuilder(formatted != null ? formatted : word());
        while (formatted == null && text.length() < minLength) {
            text.append(' ').append(word());
        }
        if (formatted == null && random.nextBoolean() && text.length() + 12 <= maxLength) {
            text.append(' ').append(word());
        }
        while (text.length() < minLength) {
            text.append('x');
        }
        return text.length() > maxLength ? text.substring(0, maxLength) : text.toString();
    }

    private static String typeOf(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            for (JsonNode option : type) {
                if (!"null".equals(option.asString())) {
                    return option.asString();
                }
            }
            return "null";
        }
        if (type.isString()) {
            return type.asString();
        }
        if (schema.has("properties")) {
            return "object";
        }
        return schema.has("items") ? "array" : "string";
    }

    /** A local {@code $ref} ({@code #/$defs/...}, {@code #/definitions/...}), followed; anything else as it is. */
    private JsonNode resolved(JsonNode schema) {
        for (int hops = 0; hops < MAX_DEPTH && schema.path("$ref").isString(); hops++) {
            String reference = schema.get("$ref").asString();
            if (!reference.startsWith("#")) {
                return schema;
            }
            JsonNode target = root.at(reference.substring(1));
            if (target.isMissingNode()) {
                return schema;
            }
            schema = target;
        }
        return schema;
    }

    private static void merge(ObjectNode into, JsonNode part) {
        for (Iterator<Map.Entry<String, JsonNode>> fields = part.properties().iterator(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode existing = into.get(field.getKey());
            if (existing instanceof ObjectNode existingObject && field.getValue().isObject()) {
                merge(existingObject, field.getValue());
            } else if (existing instanceof ArrayNode existingArray && field.getValue().isArray()) {
                existingArray.addAll((ArrayNode) field.getValue());
            } else {
                into.set(field.getKey(), field.getValue().deepCopy());
            }
        }
    }

    private String word() {
        return WORDS.get(random.nextInt(WORDS.size()));
    }
}
