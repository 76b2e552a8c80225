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

#include <openssl/hmac.h>

int ccrypto_hmac_sha256(const uint8_t *key, size_t key_length, const uint8_t *data, size_t length, uint8_t *digest) {
    unsigned int size = 0;
    if (key_length > 0x7fffffff) return 0;
    return HMAC(EVP_sha256(), key, (int)key_length, data, length, digest, &size) != NULL && size == 32 ? 1 : 0;
}

#include <openssl/pem.h>
#include <openssl/x509.h>
#include <string.h>
#include <time.h>

int ccrypto_certificate_expiries(const char *pem, size_t length, int64_t *not_after, char *subjects,
                                 size_t subject_size, int capacity) {
    if (length > 0x7fffffff || capacity <= 0) return -1;
    BIO *bio = BIO_new_mem_buf(pem, (int)length);
    if (!bio) return -1;
    int count = 0;
    X509 *cert = NULL;
    while (count < capacity && (cert = PEM_read_bio_X509(bio, NULL, NULL, NULL)) != NULL) {
        struct tm tm;
        memset(&tm, 0, sizeof tm);
        if (ASN1_TIME_to_tm(X509_get0_notAfter(cert), &tm) == 1) {
            not_after[count] = (int64_t)timegm(&tm);
            char *line = subjects + (size_t)count * subject_size;
            X509_NAME_oneline(X509_get_subject_name(cert), line, (int)subject_size);
            count += 1;
        }
        X509_free(cert);
    }
    BIO_free(bio);
    return count;
}
