package io.llmplatform.models.hardware;

import io.llmplatform.contracts.models.GpuDevice;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The GPUs in the output of {@code nvidia-smi --query-gpu=index,name,uuid,memory.total,memory.used,utilization.gpu
 * --format=csv}: with its header (whose names, with units such as {@code [MiB]}, say which column is which) or
 * without ({@code noheader}: the columns in that order). Units in values ({@code 81920 MiB}, {@code 12 %}) and
 * {@code [N/A]} are understood.
 */
final class NvidiaSmiOutput {

    static final List<String> QUERY = List.of("index", "name", "uuid", "memory.total", "memory.used",
            "utilization.gpu");

    static List<GpuDevice> parse(String output) {
        List<String> lines = output.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
        if (lines.isEmpty()) {
            return List.of();
        }
        Map<String, Integer> columns = new HashMap<>();
        int first = 0;
        if (lines.getFirst().toLowerCase(Locale.ROOT).startsWith("index")) {
            String[] header = lines.getFirst().split(",");
            for (int i = 0; i < header.length; i++) {
                columns.put(header[i].replaceAll("\\[.*]", "").strip().toLowerCase(Locale.ROOT), i);
            }
            first = 1;
        } else {
            for (int i = 0; i < QUERY.size(); i++) {
                columns.put(QUERY.get(i), i);
            }
        }
        List<GpuDevice> gpus = new ArrayList<>();
        for (String line : lines.subList(first, lines.size())) {
            String[] values = line.split(",");
            Long total = number(values, columns.get("memory.total"));
            if (total == null) {
                throw new IllegalArgumentException("nvidia-smi gave no memory.total in: " + line);
            }
            Long index = number(values, columns.get("index"));
            Long utilization = number(values, columns.get("utilization.gpu"));
            gpus.add(new GpuDevice(index != null ? index.intValue() : gpus.size(), text(values, columns.get("name")),
                    text(values, columns.get("uuid")), total, number(values, columns.get("memory.used")),
                    utilization != null ? utilization.doubleValue() : null));
        }
        return List.copyOf(gpus);
    }

    private static String text(String[] values, Integer column) {
        return column == null || column >= values.length ? null : values[column].strip();
    }

    private static Long number(String[] values, Integer column) {
        String value = text(values, column);
        if (value == null || value.startsWith("[")) {
            return null;
        }
        String digits = value.replaceAll("[^0-9.]", "");
        return digits.isEmpty() ? null : Math.round(Double.parseDouble(digits));
    }

    private NvidiaSmiOutput() {
    }
}
