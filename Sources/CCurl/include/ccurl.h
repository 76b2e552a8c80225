// Typed wrappers over libcurl's variadic functions, which Swift cannot call directly.
#ifndef OTKLIK_CCURL_H
#define OTKLIK_CCURL_H
#include <curl/curl.h>
#endif
