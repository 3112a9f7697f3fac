package io.llmplatform.gateway.edge;

import java.net.InetAddress;

/** An address or CIDR range ({@code 10.0.0.0/8}, {@code fd00::/8}, {@code 127.0.0.1}), matched against IP literals. */
record AddressRange(byte[] network, int prefixLength) {

    static AddressRange parse(String range) {
        String[] parts = range.trim().split("/", 2);
        byte[] network = literal(parts[0]);
        if (network == null) {
            throw new IllegalArgumentException("Not an IP address or CIDR range: " + range);
        }
        int prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : network.length * 8;
        if (prefix < 0 || prefix > network.length * 8) {
            throw new IllegalArgumentException("Invalid prefix length in " + range);
        }
        return new AddressRange(network, prefix);
    }

    /** {@code address} must already be known to be an IP literal: it is never resolved as a host name. */
    boolean contains(String address) {
        byte[] candidate = literal(address);
        if (candidate == null || candidate.length != network.length) {
            return false;
        }
        int fullBytes = prefixLength / 8;
        for (int i = 0; i < fullBytes; i++) {
            if (candidate[i] != network[i]) {
                return false;
            }
        }
        int remainingBits = prefixLength % 8;
        if (remainingBits == 0) {
            return true;
        }
        int mask = (0xFF << (8 - remainingBits)) & 0xFF;
        return (candidate[fullBytes] & mask) == (network[fullBytes] & mask);
    }

    private static byte[] literal(String address) {
        try {
            return InetAddress.ofLiteral(address).getAddress();
        } catch (IllegalArgumentException | NullPointerException notALiteral) {
            return null;
        }
    }
}
