import CCrypto
import Foundation

/// When the CA certificates a messenger needs beyond the system store stop being valid. MAX's chain
/// ends at the Russian Trusted Root CA through a Sub CA that expires on 2027-03-06: once it does, every
/// call to MAX fails its TLS check until the bundle is renewed.
public enum CertificateExpiry {
    public struct Certificate: Sendable, Equatable {
        public var subject: String
        public var notAfter: Date
    }

    /// The certificates in a PEM file; nil when it cannot be read.
    public static func certificates(inPEMFile path: String) -> [Certificate]? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let capacity = 16, subjectSize = 256
        var notAfter = [Int64](repeating: 0, count: capacity)
        var subjects = [CChar](repeating: 0, count: capacity * subjectSize)
        let count = data.withUnsafeBytes { pem in
            ccrypto_certificate_expiries(pem.bindMemory(to: CChar.self).baseAddress, pem.count, &notAfter, &subjects,
                                         subjectSize, Int32(capacity))
        }
        guard count >= 0 else { return nil }
        return (0..<Int(count)).map { index in
            let line = subjects[(index * subjectSize)..<((index + 1) * subjectSize)]
            let subject = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            return Certificate(subject: subject, notAfter: Date(timeIntervalSince1970: TimeInterval(notAfter[index])))
        }
    }

    /// Warnings for certificates in `path` that expire within `days` of `now` (or have expired).
    public static func warnings(for path: String, used by: String, now: Date, days: Int = 60) -> [String] {
        guard let certificates = certificates(inPEMFile: path) else { return ["\(by): cannot read the CA bundle \(path)"] }
        if certificates.isEmpty { return ["\(by): \(path) holds no PEM certificate"] }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        let renew = "get the current certificates from https://www.gosuslugi.ru/crt (Russian Trusted Root CA and Sub CA), "
            + "put them into \(path) and restart the service"
        return certificates.compactMap { certificate in
            let left = certificate.notAfter.timeIntervalSince(now)
            if left < 0 {
                return "\(by): the CA certificate \(certificate.subject) in \(path) expired on "
                    + "\(formatter.string(from: certificate.notAfter)); calls fail until it is renewed: \(renew)"
            }
            guard left < TimeInterval(days) * 86_400 else { return nil }
            return "\(by): the CA certificate \(certificate.subject) in \(path) expires on \(formatter.string(from: certificate.notAfter)) "
                + "(in \(Int(left / 86_400)) days): \(renew)"
        }
    }
}
