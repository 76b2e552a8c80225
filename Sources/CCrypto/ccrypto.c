#include "ccrypto.h"
#include <openssl/evp.h>
#include <openssl/rand.h>

int ccrypto_random_bytes(uint8_t *buffer, size_t count) {
    if (count > 0x7fffffff) return 0;
    return RAND_bytes(buffer, (int)count) == 1 ? 1 : 0;
}

int ccrypto_sha256(const uint8_t *data, size_t length, uint8_t *digest) {
    unsigned int size = 0;
    return EVP_Digest(data, length, digest, &size, EVP_sha256(), NULL) == 1 && size == 32 ? 1 : 0;
}
