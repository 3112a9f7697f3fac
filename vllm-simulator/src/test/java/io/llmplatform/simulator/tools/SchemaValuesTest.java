package io.llmplatform.simulator.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class SchemaValuesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    /** A function's parameters using what tool schemas use: nesting, arrays, enums, bounds, formats, refs. */
    private static final String BOOKING = """
            {"type": "object",
             "properties": {
               "city": {"type": "string", "minLength": 3, "maxLength": 20},
               "unit": {"type": "string", "enum": ["celsius", "fahrenheit"]},
               "nights": {"type": "integer", "minimum": 1, "maximum": 14},
               "budget": {"type": "number", "exclusiveMinimum": 0, "maximum": 999.5},
               "breakfast": {"type": "boolean"},
               "arrival": {"type": "string", "format": "date"},
               "contact": {"type": "string", "format": "email"},
               "guests": {"type": "array", "minItems": 1, "maxItems": 4,
                          "items": {"$ref": "#/$defs/guest"}},
               "notes": {"anyOf": [{"type": "null"}, {"type": "string", "maxLength": 5}]},
               "version": {"const": 2},
               "tags": {"type": ["array", "null"], "items": {"type": "string"}, "maxItems": 2}
             },
             "required": ["city", "unit", "nights", "budget", "breakfast", "arrival", "contact", "guests",
                          "notes", "version", "tags"],
             "additionalProperties": false,
             "$defs": {
               "guest": {"type": "object",
                         "properties": {"name": {"type": "string"}, "age": {"type": "integer", "minimum": 0,
                                                                             "maximum": 120},
                                        "address": {"type": "object",
                                                    "properties": {"street": {"type": "string"}},
                                                    "required": ["street"]}},
                         "required": ["name", "age", "address"]}
             }}
            """;

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 2, 3, 42, 1234, -7, Long.MAX_VALUE})
    void everyGeneratedValueIsValidAgainstItsSchema(long seed) {
        JsonNode schema = JSON.readTree(BOOKING);
        Schema validator = SCHEMAS.getSchema(schema);

        JsonNode value = SchemaValues.generate(schema, seed);

        assertThat(validator.validate(value)).as(value.toString()).isEmpty();
        assertThat(value.propertyNames()).containsExactlyInAnyOrder("city", "unit", "nights", "budget", "breakfast",
                "arrival", "contact", "guests", "notes", "version", "tags");
    }

    @Test
    void theCheckItselfRefusesAValueTheSchemaRefuses() {
        Schema validator = SCHEMAS.getSchema(JSON.readTree(BOOKING));

        assertThat(validator.validate(JSON.readTree("{\"city\": \"Oslo\", \"nights\": 30}"))).isNotEmpty();
    }

    @Test
    void theSameSeedGivesTheSameValue() {
        JsonNode schema = JSON.readTree(BOOKING);

        assertThat(SchemaValues.generate(schema, 99)).isEqualTo(SchemaValues.generate(schema, 99));
    }

    @Test
    void optionalPropertiesComeAndGoButStayValid() {
        JsonNode schema = JSON.readTree("""
                {"type": "object", "properties": {"a": {"type": "string"}, "b": {"type": "integer"}}}
                """);
        Schema validator = SCHEMAS.getSchema(schema);

        for (long seed = 0; seed < 50; seed++) {
            assertThat(validator.validate(SchemaValues.generate(schema, seed))).isEmpty();
        }
    }

    @Test
    void aRecursiveSchemaGivesASmallValue() {
        JsonNode schema = JSON.readTree("""
                {"$ref": "#/$defs/node", "$defs": {"node": {"type": "object", "properties": {
                  "children": {"type": "array", "items": {"$ref": "#/$defs/node"}},
                  "next": {"$ref": "#/$defs/node"}}}}}
                """);

        for (long seed = 0; seed < 20; seed++) {
            assertThat(SchemaValues.generate(schema, seed).toString()).hasSizeLessThan(20_000);
        }
    }

    @Test
    void aFunctionWithoutParametersGetsAnEmptyObject() {
        assertThat(SchemaValues.generate(null, 1).toString()).isEqualTo("{}");
        assertThat(SchemaValues.generate(JSON.readTree("{}"), 1).toString()).isEqualTo("{}");
    }

    @Test
    void aSchemaAskingForHugeValuesGetsBoundedOnesInsteadOfFillingMemory() {
        JsonNode schema = JSON.readTree("""
                {"type": "object", "required": ["text", "items"],
                 "properties": {"text": {"type": "string", "minLength": 2000000000},
                                "items": {"type": "array", "minItems": 2000000000, "maxItems": 2147483647,
                                          "items": {"type": "integer"}}}}
                """);

        JsonNode value = SchemaValues.generate(schema, 7);

        assertThat(value.get("text").asString()).hasSizeLessThanOrEqualTo(4_096);
        assertThat(value.get("items").size()).isLessThanOrEqualTo(66);
    }
}
