#if canImport(Glibc)
import Glibc
#endif

/// FlyingFox writes a response's header and body in two writes. With Nagle's algorithm the body
/// then waits for the client's delayed ACK (~40 ms a request). FlyingFox offers no socket option
/// for it, so the listening socket is found by its port and given TCP_NODELAY, which Linux passes
/// on to every accepted connection.
enum TCPNoDelay {
    /// Returns true when the listening socket on `port` was found and set.
    @discardableResult
    static func enable(onListenerAt port: UInt16) -> Bool {
        #if canImport(Glibc)
        for fd in Int32(3)..<Int32(4096) {
            var address = sockaddr_in()
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let named = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
            }
            guard named == 0, address.sin_family == sa_family_t(AF_INET), UInt16(bigEndian: address.sin_port) == port,
                  address.sin_addr.s_addr == inet_addr("127.0.0.1") else { continue }
            var listening: Int32 = 0
            var size = socklen_t(MemoryLayout<Int32>.size)
            guard getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &listening, &size) == 0, listening != 0 else { continue }
            var on: Int32 = 1
            return setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &on, socklen_t(MemoryLayout<Int32>.size)) == 0
        }
        #endif
        return false
    }
}
