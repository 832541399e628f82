// libcurl from Swift: curl_easy_setopt and curl_easy_getinfo are variadic, which Swift cannot
// call; these typed wrappers can be.
#include <curl/curl.h>

static inline CURLcode ecm_curl_set_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode ecm_curl_set_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode ecm_curl_set_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode ecm_curl_set_list(CURL *handle, CURLoption option, struct curl_slist *value) {
    return curl_easy_setopt(handle, option, value);
}

typedef size_t (*ecm_curl_io_callback)(char *buffer, size_t size, size_t count, void *context);

static inline CURLcode ecm_curl_set_callback(CURL *handle, CURLoption option, ecm_curl_io_callback value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode ecm_curl_response_code(CURL *handle, long *code) {
    return curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, code);
}

typedef int (*ecm_curl_debug_callback)(CURL *handle, curl_infotype type, char *data, size_t size, void *context);

static inline CURLcode ecm_curl_set_debug_callback(CURL *handle, ecm_curl_debug_callback value) {
    return curl_easy_setopt(handle, CURLOPT_DEBUGFUNCTION, value);
}
