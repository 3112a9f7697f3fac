package io.llmplatform.simulator.fault;

import io.llmplatform.simulator.http.VllmError;

/**
 * The faults decided for one request, from the global settings and the {@code X-Simulator-Fault} header.
 *
 * @param status an error status to answer at once, or 0
 * @param stallMs extra wait before the first token
 * @param dropAfterChunks close the connection after this many SSE events; 0 is off
 */
public record RequestFault(int status, long stallMs, int dropAfterChunks) {

    public static final String HEADER = "X-Simulator-Fault";
    public static final RequestFault NONE = new RequestFault(0, 0, 0);

    /**
     * Reads {@code status=503}, {@code stall=2000} (ms), {@code drop-after=5}, separated by commas or semicolons,
     * e.g. {@code X-Simulator-Fault: stall=500, drop-after=3}.
     */
    public static RequestFault parse(String header) {
        int status = 0;
        long stall = 0;
        int dropAfter = 0;
        for (String part : header.split("[,;]")) {
            String[] pair = part.trim().split("=", 2);
            if (pair[0].isEmpty()) {
                continue;
            }
            if (pair.length != 2) {
                throw invalid(part);
            }
            try {
                switch (pair[0].trim().toLowerCase()) {
                    case "status" -> status = Integer.parseInt(pair[1].trim());
                    case "stall" -> stall = Long.parseLong(pair[1].trim());
                    case "drop-after" -> dropAfter = Integer.parseInt(pair[1].trim());
                    default -> throw invalid(part);
                }
            } catch (NumberFormatException e) {
                throw invalid(part);
            }
        }
        if (status != 0 && (status < 400 || status > 599) || stall < 0 || dropAfter < 0) {
            throw invalid(header);
        }
        return new RequestFault(status, stall, dropAfter);
    }

    /** This request's faults on top of {@code other}'s: an error status or a drop set here wins, stalls add up. */
    public RequestFault combine(RequestFault other) {
        return new RequestFault(status != 0 ? status : other.status, stallMs + other.stallMs,
                dropAfterChunks != 0 ? dropAfterChunks : other.dropAfterChunks);
    }

    private static VllmError invalid(String part) {
        return VllmError.badRequest("Invalid " + HEADER + " header '" + part.trim()
                + "': expected status=<4xx|5xx>, stall=<ms>, drop-after=<chunks>", HEADER);
    }
}
