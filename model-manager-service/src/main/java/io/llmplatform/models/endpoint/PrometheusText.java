package io.llmplatform.models.endpoint;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Samples of a Prometheus text exposition ({@code /metrics} of vLLM or of a DCGM exporter). Java has no reader of
 * this format, only writers, so this is the small part of it that the two need: {@code name{labels} value}.
 */
public final class PrometheusText {

    /** One sample: a metric name, its labels, its value. */
    public record Sample(String name, Map<String, String> labels, double value) {
        public String label(String name) {
            return labels.get(name);
        }
    }

    private final List<Sample> samples;

    private PrometheusText(List<Sample> samples) {
        this.samples = samples;
    }

    public static PrometheusText parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            Sample sample = sample(trimmed);
            if (sample != null) {
                samples.add(sample);
            }
        }
        return new PrometheusText(List.copyOf(samples));
    }

    public List<Sample> samples(String name) {
        return samples.stream().filter(sample -> sample.name().equals(name)).toList();
    }

    /** The sum of every sample of the first of {@code names} present (vLLM renamed some metrics), or null. */
    public Double sum(String... names) {
        for (String name : names) {
            List<Sample> found = samples(name);
            if (!found.isEmpty()) {
                return found.stream().mapToDouble(Sample::value).sum();
            }
        }
        return null;
    }

    private static Sample sample(String line) {
        int brace = line.indexOf('{');
        int space = line.indexOf(' ');
        if (brace < 0 || (space >= 0 && space < brace)) {
            String[] parts = line.split("\\s+");
            return parts.length < 2 ? null : new Sample(parts[0], Map.of(), number(parts[1]));
        }
        Map<String, String> labels = new LinkedHashMap<>();
        int at = brace + 1;
        while (at < line.length() && line.charAt(at) != '}') {
            int equals = line.indexOf('=', at);
            if (equals < 0 || equals + 1 >= line.length() || line.charAt(equals + 1) != '"') {
                return null;
            }
            String label = line.substring(at, equals).strip();
            StringBuilder value = new StringBuilder();
            int cursor = equals + 2;
            for (; cursor < line.length() && line.charAt(cursor) != '"'; cursor++) {
                char c = line.charAt(cursor);
                if (c == '\\' && cursor + 1 < line.length()) {
                    char next = line.charAt(++cursor);
                    value.append(next == 'n' ? '\n' : next);
                } else {
                    value.append(c);
                }
            }
            labels.put(label, value.toString());
            at = cursor + 1;
            if (at < line.length() && line.charAt(at) == ',') {
                at++;
            }
        }
        String[] rest = line.substring(Math.min(line.length(), at + 1)).strip().split("\\s+");
        return rest.length == 0 || rest[0].isEmpty() ? null
                : new Sample(line.substring(0, brace), Map.copyOf(labels), number(rest[0]));
    }

    private static double number(String text) {
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(text);
        };
    }
}
