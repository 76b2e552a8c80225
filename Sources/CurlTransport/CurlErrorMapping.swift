import CCurl

extension HTTPTransportError {
    /// Classifies a failed transfer's CURLcode; `detail` must already be redacted.
    init(curlCode code: CURLcode, detail: String, viaProxy: Bool) {
        switch code {
        case CURLE_OPERATION_TIMEDOUT:
            self = .timedOut(detail)
        case CURLE_COULDNT_RESOLVE_PROXY, CURLE_PROXY:
            self = .proxy(detail)
        // Through a proxy the only connection curl opens itself is the one to the proxy.
        case CURLE_COULDNT_CONNECT where viaProxy:
            self = .proxy(detail)
        case CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST:
            self = .connectFailed(detail)
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM,
             CURLE_SSL_CIPHER, CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_CRL_BADFILE,
             CURLE_SSL_PINNEDPUBKEYNOTMATCH, CURLE_SSL_INVALIDCERTSTATUS, CURLE_SSL_CLIENTCERT,
             CURLE_SSL_ENGINE_NOTFOUND, CURLE_SSL_ENGINE_SETFAILED, CURLE_SSL_ENGINE_INITFAILED,
             CURLE_SSL_SHUTDOWN_FAILED, CURLE_USE_SSL_FAILED:
            self = .tls(detail)
        default:
            self = .network(code: Int(code.rawValue), message: detail)
        }
    }
}
