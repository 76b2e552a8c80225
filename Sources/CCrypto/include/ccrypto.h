// The two things Otklik needs from OpenSSL's libcrypto: random bytes and SHA-256.
#ifndef OTKLIK_CCRYPTO_H
#define OTKLIK_CCRYPTO_H
#include <stddef.h>
#include <stdint.h>

/// Fills `buffer` with `count` cryptographically strong random bytes (RAND_bytes); 1 on success.
int ccrypto_random_bytes(uint8_t *buffer, size_t count);
/// SHA-256 of `data` into `digest` (32 bytes); 1 on success.
int ccrypto_sha256(const uint8_t *data, size_t length, uint8_t *digest);

#endif
