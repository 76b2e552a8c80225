// What Otklik needs from OpenSSL's libcrypto: random bytes, SHA-256, HMAC-SHA256, and when CA certificates expire.
#ifndef OTKLIK_CCRYPTO_H
#define OTKLIK_CCRYPTO_H
#include <stddef.h>
#include <stdint.h>

/// Fills `buffer` with `count` cryptographically strong random bytes (RAND_bytes); 1 on success.
int ccrypto_random_bytes(uint8_t *buffer, size_t count);
/// SHA-256 of `data` into `digest` (32 bytes); 1 on success.
int ccrypto_sha256(const uint8_t *data, size_t length, uint8_t *digest);
/// HMAC-SHA256 of `data` with `key` into `digest` (32 bytes); 1 on success.
int ccrypto_hmac_sha256(const uint8_t *key, size_t key_length, const uint8_t *data, size_t length, uint8_t *digest);


/// Reads up to `capacity` PEM certificates from `pem`: each one's notAfter (Unix seconds) and its
/// subject (one line, cut to `subject_size` bytes, NUL-terminated, at `subjects + i * subject_size`).
/// Returns how many were read, or -1.
int ccrypto_certificate_expiries(const char *pem, size_t length, int64_t *not_after, char *subjects,
                                 size_t subject_size, int capacity);
#endif
