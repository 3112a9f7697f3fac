package io.llmplatform.models.catalog;

import io.llmplatform.contracts.error.ErrorCode;
import io.llmplatform.contracts.error.ProblemBody.FieldViolation;
import io.llmplatform.contracts.models.ModelProfile;
import io.llmplatform.support.PlatformException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotEmpty;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads a catalog YAML file ({@code profiles: [...]}, each a {@link ModelProfile}) and checks all of it: the YAML,
 * the fields (unknown ones too), the ranges, and what must hold between fields. Every problem is reported with its
 * line and field, in one {@code catalog_invalid} failure, so a bad file is fixed in one go.
 */
final class CatalogReader {

    private final YAMLMapper yaml = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();
    private final Validator validator;

    CatalogReader(Validator validator) {
        this.validator = validator;
    }

    /** The file's shape. */
    record CatalogFile(@NotEmpty @Valid List<ModelProfile> profiles) {
    }

    List<ModelProfile> read(String source, String text) {
        Map<String, Integer> lines;
        CatalogFile file;
        try {
            lines = linesByPath(text);
            file = yaml.readValue(text, CatalogFile.class);
        } catch (DatabindException e) {
            // Records are bound once their object ends: the field's own line is in the map, not the exception.
            Integer line = linesByPath(text).get(pointer(path(e)));
            throw invalid(source, List.of(line != null ? new FieldViolation(path(e), "line " + line + ": "
                    + e.getOriginalMessage()) : violation(e.getLocation(), path(e), e.getOriginalMessage())));
        } catch (JacksonException e) {
            throw invalid(source, List.of(violation(e.getLocation(), "(yaml)", e.getOriginalMessage())));
        }
        if (file == null) {
            throw invalid(source, List.of(new FieldViolation("profiles", "line 1: the catalog is empty")));
        }
        List<FieldViolation> problems = new ArrayList<>();
        validator.validate(file).stream()
                .sorted(Comparator.comparing((ConstraintViolation<CatalogFile> v) -> v.getPropertyPath().toString()))
                .forEach(v -> problems.add(at(lines, v.getPropertyPath().toString(), v.getMessage())));
        if (problems.isEmpty()) {
            problems.addAll(consistency(file.profiles(), lines));
        }
        if (!problems.isEmpty()) {
            throw invalid(source, problems);
        }
        return List.copyOf(file.profiles());
    }

    /** What Bean Validation cannot say about one field alone. */
    private static List<FieldViolation> consistency(List<ModelProfile> profiles, Map<String, Integer> lines) {
        List<FieldViolation> problems = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < profiles.size(); i++) {
            ModelProfile profile = profiles.get(i);
            String at = "profiles[" + i + "]";
            if (!ids.add(profile.id())) {
                problems.add(at(lines, at + ".id", "another profile already has the id '" + profile.id() + "'"));
            }
            ModelProfile.Architecture architecture = profile.architecture();
            if (architecture.attentionHeads() % architecture.kvHeads() != 0) {
                problems.add(at(lines, at + ".architecture.kvHeads", "must divide attentionHeads ("
                        + architecture.attentionHeads() + ")"));
            }
            if (architecture.attentionHeads() % profile.vllm().tensorParallelSize() != 0) {
                problems.add(at(lines, at + ".vllm.tensorParallelSize", "must divide attentionHeads ("
                        + architecture.attentionHeads() + "), as vLLM requires"));
            }
            Integer maxModelLen = profile.vllm().maxModelLen();
            if (maxModelLen != null && maxModelLen > architecture.contextLength()) {
                problems.add(at(lines, at + ".vllm.maxModelLen", "must not exceed the model's contextLength ("
                        + architecture.contextLength() + ")"));
            }
        }
        return problems;
    }

    private static PlatformException invalid(String source, List<FieldViolation> problems) {
        String count = problems.size() == 1 ? "1 problem" : problems.size() + " problems";
        return new PlatformException(ErrorCode.CATALOG_INVALID, "The catalog " + source + " is invalid (" + count
                + "); the catalog in use stays").withViolations(problems);
    }

    private static FieldViolation violation(TokenStreamLocation location, String field, String message) {
        String line = location != null && location.getLineNr() > 0 ? "line " + location.getLineNr() + ": " : "";
        return new FieldViolation(field, line + message);
    }

    private static FieldViolation at(Map<String, Integer> lines, String field, String message) {
        Integer line = lines.get(pointer(field));
        return new FieldViolation(field, (line != null ? "line " + line + ": " : "") + message);
    }

    /** {@code profiles[3].architecture.layers} as the JSON pointer {@code /profiles/3/architecture/layers}. */
    private static String pointer(String path) {
        return "/" + path.replaceAll("\\[(\\d+)]", ".$1").replace('.', '/');
    }

    private static String path(DatabindException e) {
        StringBuilder path = new StringBuilder();
        for (var reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "(yaml)" : path.toString();
    }

    /** The line of every field and list element, by its JSON pointer, read with the same parser as the binding. */
    private Map<String, Integer> linesByPath(String text) {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser parser = yaml.createParser(text)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.PROPERTY_NAME || token.isScalarValue() || token.isStructStart()) {
                    String pointer = parser.streamReadContext().pathAsPointer().toString();
                    lines.putIfAbsent(pointer, parser.currentTokenLocation().getLineNr());
                }
            }
        }
        return lines;
    }
}
