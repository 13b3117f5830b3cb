package dev.smpcheck.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

class ReplayTokenTest {

    /** The token of {@link #goldenToken()}, as recorded by smpcheck 0.1. */
    // Changing this string means every replay token users have already recorded (in bug reports, CI logs,
    // @SmpTest(replay = ...)) stops decoding or replays something else. Only change it together with the version.
    private static final String GOLDEN = "smp1.ARI0VngGcmFuZG9tAAAAAAAAACoHAfAxbQUCAAsEAUpfAoI";

    private static ChoiceLog goldenLog() {
        ChoiceLog log = new ChoiceLog();
        log.pick(1, 2);
        log.pick(0, 3);
        log.data(5, 8);
        log.pick(2, 3);
        log.data(0, 2);
        return log;
    }

    private static ReplayToken goldenToken() {
        return new ReplayToken(0x12345678, "random", 42L, 7, goldenLog());
    }

    private static byte[] bytesOf(String token) {
        return Base64.getUrlDecoder().decode(token.substring(ReplayToken.PREFIX.length()));
    }

    /** @return a token whose body is {@code body} followed by its correct CRC-32 */
    private static String withCrc(byte[] body) {
        CRC32 crc = new CRC32();
        crc.update(body);
        ByteBuffer bytes = ByteBuffer.allocate(body.length + 4).put(body).putInt((int) crc.getValue());
        return ReplayToken.PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }

    /** @return the bytes of a valid token without its CRC */
    private static byte[] bodyOf(String token) {
        byte[] bytes = bytesOf(token);
        return Arrays.copyOf(bytes, bytes.length - 4);
    }

    private static void assertSameFields(ReplayToken actual, ReplayToken expected) {
        assertThat(actual.identity()).isEqualTo(expected.identity());
        assertThat(actual.strategy()).isEqualTo(expected.strategy());
        assertThat(actual.seed()).isEqualTo(expected.seed());
        assertThat(actual.scheduleIndex()).isEqualTo(expected.scheduleIndex());
        assertThat(actual.log().toArray()).containsExactly(expected.log().toArray());
        assertThat(actual.log().shapeHash()).isEqualTo(expected.log().shapeHash());
    }

    // ---- encoding -------------------------------------------------------------------------------------------

    @Test
    void encodingIsPinned() {
        assertThat(goldenToken().encode()).isEqualTo(GOLDEN);
    }

    @Test
    void thePinnedTokenDecodesToItsFields() {
        ReplayToken t = ReplayToken.decode(GOLDEN);

        assertThat(t.identity()).isEqualTo(0x12345678);
        assertThat(t.strategy()).isEqualTo("random");
        assertThat(t.seed()).isEqualTo(42L);
        assertThat(t.scheduleIndex()).isEqualTo(7);
        assertThat(t.log().toArray()).containsExactly(2, 0, 11, 4, 1);
        assertThat(t.log().shapeHash()).isEqualTo(goldenLog().shapeHash());
    }

    @Test
    void theBytesFollowTheDocumentedLayout() {
        ChoiceLog log = goldenLog();
        ByteBuffer in = ByteBuffer.wrap(bytesOf(goldenToken().encode()));

        assertThat(in.get()).as("version").isEqualTo((byte) 1);
        assertThat(in.getInt()).as("identity").isEqualTo(0x12345678);
        byte[] name = new byte[in.get()];
        in.get(name);
        assertThat(new String(name, StandardCharsets.US_ASCII)).isEqualTo("random");
        assertThat(in.getLong()).as("seed").isEqualTo(42L);
        assertThat(in.get()).as("schedule index varint").isEqualTo((byte) 7);
        assertThat(in.getInt()).as("shape hash").isEqualTo(log.shapeHash());
        assertThat(in.get()).as("decision count").isEqualTo((byte) 5);
        byte[] entries = new byte[5];
        in.get(entries);
        assertThat(entries).containsExactly(2, 0, 11, 4, 1);
        CRC32 crc = new CRC32();
        crc.update(in.array(), 0, in.position());
        assertThat(in.getInt()).as("crc").isEqualTo((int) crc.getValue());
        assertThat(in.hasRemaining()).isFalse();
    }

    @Test
    void anEncodedTokenIsOneUrlSafeLineWithoutPadding() {
        String text = new ReplayToken(-1, "random", -1L, Integer.MAX_VALUE, goldenLog()).encode();

        assertThat(text).startsWith("smp1.");
        assertThat(text.substring(5)).matches("[A-Za-z0-9_-]+");
    }

    // ---- round trips ----------------------------------------------------------------------------------------

    @Test
    void encodeThenDecodeGivesTheSameFields() {
        ReplayToken original = goldenToken();

        ReplayToken decoded = ReplayToken.decode(original.encode());

        assertSameFields(decoded, original);
    }

    @Test
    void roundTripOfExtremeFieldsAndAnEmptyLog() {
        ReplayToken original = new ReplayToken(Integer.MIN_VALUE, "", Long.MIN_VALUE, 0, new ChoiceLog());

        ReplayToken decoded = ReplayToken.decode(original.encode());

        assertSameFields(decoded, original);
        assertThat(decoded.log().size()).isZero();
        assertThat(decoded.log().shapeHash()).isEqualTo(1);
    }

    @Test
    void roundTripOfANonAsciiStrategyNameAndNegativeSeed() {
        ReplayToken original = new ReplayToken(-559038737, "pct-\u00e9t\u00e9", 0xCAFEBABEDEADBEEFL, 123, goldenLog());

        assertSameFields(ReplayToken.decode(original.encode()), original);
    }

    @Test
    void roundTripOfLargeValuesNeedingMultiByteVarints() {
        ChoiceLog log = new ChoiceLog();
        log.pick(63, 64); // entry 126: one byte
        log.pick(64, 65); // entry 128: two bytes
        log.data(200, 300); // entry 401: two bytes (> 127)
        log.pick(8191, 8192); // entry 16382: two bytes
        log.pick(8192, 9000); // entry 16384: three bytes (> 16383)
        log.data(100_000, 200_000); // entry 200001: three bytes
        log.data(1 << 27, 1 << 28); // four or more bytes
        log.data(Integer.MAX_VALUE, Integer.MAX_VALUE); // entry -1 as unsigned: five bytes
        ReplayToken original = new ReplayToken(7, "random", 1L, Integer.MAX_VALUE, log);

        ReplayToken decoded = ReplayToken.decode(original.encode());

        assertSameFields(decoded, original);
        assertThat(decoded.log().value(2)).isEqualTo(200);
        assertThat(decoded.log().value(4)).isEqualTo(8192);
        assertThat(decoded.log().value(5)).isEqualTo(100_000);
        assertThat(decoded.log().isData(7)).isTrue();
        assertThat(decoded.log().value(7)).isEqualTo(Integer.MAX_VALUE);
        assertThat(decoded.scheduleIndex()).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void varintsGrowByOneByteAt128And16384() {
        assertThat(encodedLength(127)).isEqualTo(encodedLength(0));
        assertThat(encodedLength(128)).isEqualTo(encodedLength(0) + 1);
        assertThat(encodedLength(16383)).isEqualTo(encodedLength(0) + 1);
        assertThat(encodedLength(16384)).isEqualTo(encodedLength(0) + 2);
    }

    private static int encodedLength(int entry) {
        ChoiceLog log = ChoiceLog.of(new int[] {entry}, 1);
        String text = new ReplayToken(0, "random", 0L, 0, log).encode();
        assertThat(ReplayToken.decode(text).log().entry(0)).isEqualTo(entry);
        return bytesOf(text).length;
    }

    @Test
    void aStrategyNameOfTheLongestEncodableLengthRoundTrips() {
        ReplayToken original = new ReplayToken(1, "s".repeat(255), 2L, 3, goldenLog());

        assertSameFields(ReplayToken.decode(original.encode()), original);
    }

    @Test
    void aStrategyNameTooLongForTheFormatIsRejectedWhenEncoding() {
        ReplayToken original = new ReplayToken(1, "s".repeat(256), 2L, 3, new ChoiceLog());

        String text;
        try {
            text = original.encode();
        } catch (IllegalArgumentException rejected) {
            return; // refusing to encode is a fine answer
        }
        assertSameFields(ReplayToken.decode(text), original);
    }

    @Test
    void decodeAcceptsSurroundingWhiteSpace() {
        assertSameFields(ReplayToken.decode("  \t" + GOLDEN + " \n"), goldenToken());
    }

    @Test
    void decodeAcceptsPaddedBase64() {
        // 31 bytes -> 42 base64 characters, two '=' when padded
        String padded = Base64.getUrlEncoder().encodeToString(bytesOf(GOLDEN));
        assertThat(padded).endsWith("=");

        assertSameFields(ReplayToken.decode(ReplayToken.PREFIX + padded), goldenToken());
    }

    // ---- malformed tokens -----------------------------------------------------------------------------------

    @Test
    void everyMalformedMessageSaysWhatATokenLooksLike() {
        assertThatThrownBy(() -> ReplayToken.decode("nonsense"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("malformed replay token: it does not start with 'smp1.'. A token is one line starting "
                        + "with 'smp1.', printed on the first line of a failure.");
    }

    @Test
    void anEmptyTokenIsRejected() {
        for (String empty : new String[] {null, "", "   ", "\n\t"}) {
            assertThatThrownBy(() -> ReplayToken.decode(empty))
                    .as("%s", empty)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("malformed replay token: it is empty.");
        }
    }

    @Test
    void aTokenWithoutThePrefixIsRejected() {
        String withoutPrefix = GOLDEN.substring(ReplayToken.PREFIX.length());
        for (String bad : new String[] {withoutPrefix, "smp2." + withoutPrefix, "SMP1." + withoutPrefix,
                "x" + GOLDEN}) {
            assertThatThrownBy(() -> ReplayToken.decode(bad))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("it does not start with 'smp1.'");
        }
    }

    @Test
    void aTokenWithNonBase64CharactersIsRejected() {
        // '+' and '/' are plain base64, not base64url; '*' and inner spaces are neither
        for (String bad : new String[] {"smp1.AB+/CDEF", "smp1.ABCD*EFG", "smp1.ABCD EFGH",
                GOLDEN.substring(0, 20) + "!" + GOLDEN.substring(21)}) {
            assertThatThrownBy(() -> ReplayToken.decode(bad))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("it is not base64url text (");
        }
    }

    @Test
    void aTokenOfFewerThanFiveBytesIsTooShort() {
        for (String bad : new String[] {"smp1.", "smp1.AA", "smp1.AAAA", "smp1.AAAAAA"}) {
            assertThatThrownBy(() -> ReplayToken.decode(bad))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("it is too short");
        }
    }

    @Test
    void aFlippedCharacterFailsTheChecksum() {
        int body = ReplayToken.PREFIX.length();
        for (int i = body; i < GOLDEN.length() - 1; i++) {
            char c = GOLDEN.charAt(i);
            String flipped = GOLDEN.substring(0, i) + (c == 'A' ? 'B' : 'A') + GOLDEN.substring(i + 1);
            assertThatThrownBy(() -> ReplayToken.decode(flipped))
                    .as("flipped at %d: %s", i, flipped)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("its checksum does not match (was it cut or edited?)");
        }
    }

    @Test
    void aCutTokenFailsTheChecksum() {
        String cut = GOLDEN.substring(0, GOLDEN.length() - 4);

        assertThatThrownBy(() -> ReplayToken.decode(cut))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("its checksum does not match");
    }

    @Test
    void anotherFormatVersionIsRejectedEvenWithAValidChecksum() {
        byte[] body = bodyOf(GOLDEN);
        body[0] = 2;

        assertThatThrownBy(() -> ReplayToken.decode(withCrc(body)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("it has format version 2; this smpcheck reads version 1");
    }

    @Test
    void trailingBytesAreRejected() {
        byte[] body = bodyOf(GOLDEN);
        byte[] longer = Arrays.copyOf(body, body.length + 2);

        assertThatThrownBy(() -> ReplayToken.decode(withCrc(longer)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("it has 2 unexpected trailing bytes");
    }

    @Test
    void aBodyThatEndsBeforeItsFieldsIsRejected() {
        byte[] body = Arrays.copyOf(bodyOf(GOLDEN), 8); // version, identity, name length 6, 2 bytes of name

        assertThatThrownBy(() -> ReplayToken.decode(withCrc(body)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("it ends early");
    }

    @Test
    void aDecisionCountLargerThanTheTokenIsRejected() {
        ByteBuffer body = ByteBuffer.allocate(1 + 4 + 1 + 8 + 1 + 4 + 2)
                .put((byte) 1).putInt(0).put((byte) 0).putLong(0).put((byte) 0).putInt(1)
                .put((byte) 0xE8).put((byte) 0x07); // varint 1000

        assertThatThrownBy(() -> ReplayToken.decode(withCrc(body.array())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("it claims 1000 decisions in 25 bytes");
    }

    @Test
    void aVarintOfMoreThanFiveBytesIsRejected() {
        ByteBuffer body = ByteBuffer.allocate(1 + 4 + 1 + 8 + 6)
                .put((byte) 1).putInt(0).put((byte) 0).putLong(0)
                .put(new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0});

        assertThatThrownBy(() -> ReplayToken.decode(withCrc(body.array())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("it holds a number longer than 5 bytes");
    }

    @Test
    void aDecisionCountLargerThanTheEntriesPresentEndsEarly() {
        byte[] body = bodyOf(GOLDEN);
        body[body.length - 6] = 6; // the count: 6 decisions declared, 5 present

        assertThatThrownBy(() -> ReplayToken.decode(withCrc(body)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("it ends early")
                .hasMessageNotContaining("trailing");
    }
}
