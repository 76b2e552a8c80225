import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A TCP socket bound to a port on 127.0.0.1 that the kernel picks: for tests that need a port
/// nobody listens on (a refused connection), a port to hand a server, or a listener that never answers.
public enum LoopbackSocket {
    /// A bound, not yet listening socket and its port; the caller closes the descriptor.
    public static func bind() throws -> (port: UInt16, descriptor: Int32) {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw POSIXError(.EMFILE) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.bind(descriptor, $0, length) == 0 && getsockname(descriptor, $0, &length) == 0
            }
        }
        guard bound else { close(descriptor); throw POSIXError(.EADDRNOTAVAIL) }
        return (UInt16(bigEndian: address.sin_port), descriptor)
    }
}
