package dev.smpcheck.trace;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.BufferUnderflowException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.CRC32;
import org.apiguardian.api.API;

/**
 * A one-line, self-checking encoding of one schedule: enough to replay it exactly.
 *
 * <h2>Format, version 1</h2>
 * The text is {@code smp1.} followed by the unpadded base64url encoding of these bytes:
 * <pre>
 *   u8      version (1)
 *   i32     identity: String.hashCode of the test id and the configuration that shapes a schedule
 *   u8 + n  strategy name, UTF-8, length-prefixed
 *   i64     schedule seed
 *   varint  schedule index
 *   i32     shape hash of the decisions (see {@link ChoiceLog})
 *   varint  decision count, then one varint per decision ({@code value << 1 | kind})
 *   i32     CRC-32 of every byte before it
 * </pre>
 * Integers are big-endian; varints are unsigned LEB128. The CRC makes a mangled token fail to decode with a clear
 * message instead of replaying something else.
 *
 * @param identity the identity hash of the test and configuration that recorded it
 * @param strategy the name of the strategy that recorded it
 * @param seed the schedule seed
 * @param scheduleIndex which schedule of the search it was, from 0
 * @param log the decisions
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ReplayToken(int identity, String strategy, long seed, int scheduleIndex, ChoiceLog log) {

    /** The prefix every token starts with. */
    public static final String PREFIX = "smp1.";

    private static final int VERSION = 1;

    /** @return the token as one line of text */
    public String encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(32 + log.size());
        out.write(VERSION);
        writeInt(out, identity);
        byte[] name = strategy.getBytes(StandardCharsets.UTF_8);
        if (name.length > 255) {
            throw new IllegalArgumentException("a strategy name in a replay token has at most 255 UTF-8 bytes, got "
                    + name.length);
        }
        out.write(name.length);
        out.write(name, 0, name.length);
        for (int shift = 56; shift >= 0; shift -= 8) {
            out.write((int) (seed >>> shift));
        }
        writeVarint(out, scheduleIndex);
        writeInt(out, log.shapeHash());
        writeVarint(out, log.size());
        for (int i = 0; i < log.size(); i++) {
            writeVarint(out, log.entry(i));
        }
        CRC32 crc = new CRC32();
        crc.update(out.toByteArray());
        writeInt(out, (int) crc.getValue());
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(out.toByteArray());
    }

    /**
     * @param text a token as printed by {@link #encode()}, surrounding white space allowed
     * @return the decoded token
     * @throws IllegalArgumentException naming what is wrong, when {@code text} is not a valid token
     */
    public static ReplayToken decode(String text) {
        if (text == null || text.isBlank()) {
            throw malformed("it is empty");
        }
        String t = text.strip();
        if (!t.startsWith(PREFIX)) {
            throw malformed("it does not start with '" + PREFIX + "'");
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(t.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw malformed("it is not base64url text (" + e.getMessage() + ")");
        }
        if (bytes.length < 5) {
            throw malformed("it is too short");
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 4);
        ByteBuffer in = ByteBuffer.wrap(bytes, 0, bytes.length - 4);
        if (ByteBuffer.wrap(bytes).getInt(bytes.length - 4) != (int) crc.getValue()) {
            throw malformed("its checksum does not match (was it cut or edited?)");
        }
        try {
            int version = in.get() & 0xFF;
            if (version != VERSION) {
                throw malformed("it has format version " + version + "; this smpcheck reads version " + VERSION);
            }
            int identity = in.getInt();
            byte[] name = new byte[in.get() & 0xFF];
            in.get(name);
            long seed = in.getLong();
            int index = readVarint(in);
            int shape = in.getInt();
            int n = readVarint(in);
            if (n > bytes.length) {
                throw malformed("it claims " + n + " decisions in " + bytes.length + " bytes");
            }
            int[] entries = new int[n];
            for (int i = 0; i < n; i++) {
                entries[i] = readVarint(in);
            }
            if (in.hasRemaining()) {
                throw malformed("it has " + in.remaining() + " unexpected trailing bytes");
            }
            return new ReplayToken(identity, new String(name, StandardCharsets.UTF_8), seed, index,
                    ChoiceLog.of(entries, shape));
        } catch (BufferUnderflowException e) {
            throw malformed("it ends early");
        }
    }

    private static IllegalArgumentException malformed(String why) {
        return new IllegalArgumentException("malformed replay token: " + why
                + ". A token is one line starting with '" + PREFIX + "', printed on the first line of a failure.");
    }

    private static void writeInt(ByteArrayOutputStream out, int v) {
        out.write(v >>> 24);
        out.write(v >>> 16);
        out.write(v >>> 8);
        out.write(v);
    }

    private static void writeVarint(ByteArrayOutputStream out, int v) {
        while ((v & ~0x7F) != 0) {
            out.write((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.write(v);
    }

    private static int readVarint(ByteBuffer in) {
        int result = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            int b = in.get() & 0xFF;
            result |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
        }
        throw malformed("it holds a number longer than 5 bytes");
    }
}
