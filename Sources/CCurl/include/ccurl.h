// Typed wrappers over libcurl's variadic functions, which Swift cannot call directly.
#ifndef OTKLIK_CCURL_H
#define OTKLIK_CCURL_H
#include <curl/curl.h>

/// Runs curl_global_init once per process and ignores SIGPIPE; returns the init result every time.
CURLcode ccurl_global_init_once(void);

CURLcode ccurl_setopt_long(CURL *handle, CURLoption option, long value);
CURLcode ccurl_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value);
CURLcode ccurl_setopt_string(CURL *handle, CURLoption option, const char *value);
CURLcode ccurl_setopt_pointer(CURL *handle, CURLoption option, void *value);
CURLcode ccurl_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value);

/// Sets CURLOPT_WRITEFUNCTION and CURLOPT_WRITEDATA.
CURLcode ccurl_set_write_callback(CURL *handle, curl_write_callback callback, void *userdata);
/// Sets CURLOPT_HEADERFUNCTION and CURLOPT_HEADERDATA.
CURLcode ccurl_set_header_callback(CURL *handle, curl_write_callback callback, void *userdata);
/// Sets CURLOPT_XFERINFOFUNCTION and CURLOPT_XFERINFODATA and turns progress reporting on.
CURLcode ccurl_set_xferinfo_callback(CURL *handle, curl_xferinfo_callback callback, void *userdata);

CURLcode ccurl_getinfo_long(CURL *handle, CURLINFO info, long *value);
CURLcode ccurl_getinfo_double(CURL *handle, CURLINFO info, double *value);
CURLcode ccurl_getinfo_off_t(CURL *handle, CURLINFO info, curl_off_t *value);
/// The string stays owned by the handle; copy it before the next transfer.
CURLcode ccurl_getinfo_string(CURL *handle, CURLINFO info, const char **value);

/// Reads the multi handle's messages; sets *done and returns the transfer's result once `easy` finished.
CURLcode ccurl_multi_transfer_result(CURLM *multi, CURL *easy, int *done);

/// Names the calling thread for the OS (15 bytes kept), so `ps -L` and tests can tell worker threads apart.
void ccurl_set_thread_name(const char *name);
/// Copies the calling thread's OS-level name into `buffer`.
void ccurl_thread_name(char *buffer, size_t size);

#endif
