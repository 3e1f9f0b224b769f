package io.travobooks.server.auth;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Seals secrets the server must read back (a TOTP secret cannot be hashed) with AES-256-GCM under the server's
 * secret key: a copy of the database alone reveals none; and keys hashes no one without that key can forge (the
 * audit chain). Every node of a deployment needs the same key.
 */
public final class SecretBox {
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;
    private final Map<String, SecretKeySpec> macKeys = new ConcurrentHashMap<>();

    private SecretBox(byte[] key) {
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("the secret key is " + KEY_BYTES + " bytes, not " + key.length);
        }
        this.key = new SecretKeySpec(key, "AES");
    }

    /** The box of a server's settings: the configured key, or else the key file in the data folder. */
    public static SecretBox of(Optional<String> configuredKey, Path dataDir) {
        return configuredKey.map(SecretBox::ofBase64).orElseGet(() -> ofFile(dataDir.resolve("secret.key")));
    }

    /**
     * A keyed hash (HMAC-SHA256, hex) of {@code text} for {@code purpose}, under a key derived from this box's key
     * and the purpose: whoever can write the database but does not hold the server's key cannot forge one.
     */
    public String mac(String purpose, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(macKeys.computeIfAbsent(purpose, this::macKey));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HMAC-SHA256", e);
        }
    }

    /** The key of a purpose, derived once: every audit line is hashed under the same one. */
    private SecretKeySpec macKey(String purpose) {
        try {
            Mac derive = Mac.getInstance("HmacSHA256");
            derive.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
            return new SecretKeySpec(derive.doFinal(purpose.getBytes(StandardCharsets.UTF_8)), "HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HMAC-SHA256", e);
        }
    }

    /** A box with this key (32 bytes, as base64). */
    public static SecretBox ofBase64(String key) {
        return new SecretBox(Base64.getDecoder().decode(key.trim()));
    }

    /**
     * The box of the key in {@code file}, made (readable by its owner only) when there is none: the single-process
     * default, where one process reads the file. The key is written beside it and linked into place, so no reader
     * ever sees half a key and two first starts end with one key.
     */
    public static SecretBox ofFile(Path file) {
        try {
            if (!Files.exists(file)) {
                byte[] fresh = new byte[KEY_BYTES];
                RANDOM.nextBytes(fresh);
                Path dir = file.toAbsolutePath().getParent();
                Files.createDirectories(dir);
                Path made = Files.createTempFile(dir, "secret", ".key");
                try {
                    Files.setPosixFilePermissions(made, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException notPosix) {
                    // a file system without POSIX permissions: the folder's own protect it
                }
                Files.writeString(made, Base64.getEncoder().encodeToString(fresh));
                try {
                    Files.createLink(file, made); // fails, atomically, when another process made the key first
                } catch (FileAlreadyExistsException another) {
                    // theirs is the key
                } finally {
                    Files.deleteIfExists(made);
                }
            }
            return ofBase64(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or make the secret key " + file, e);
        }
    }

    /**
     * Seals {@code secret} for {@code context} (whose secret it is, such as a tenant and user): it opens for that
     * context only, so a sealed value copied to another row does not open there.
     */
    public String seal(byte[] secret, String context) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(secret);
            byte[] out = Arrays.copyOf(nonce, NONCE_BYTES + sealed.length);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has AES-GCM", e);
        }
    }

    /** The secret {@link #seal} sealed; fails when it was changed, or sealed under another key or context. */
    public byte[] open(String sealed, String context) {
        byte[] in = Base64.getDecoder().decode(sealed);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a sealed secret does not open with this server's secret key: was "
                    + "the key changed?", e);
        }
    }
}
