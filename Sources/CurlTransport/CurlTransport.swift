// libcurl transport
