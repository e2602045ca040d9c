import Foundation
import PasserelleStore

/// A plain HTTP/1.1 GET to 127.0.0.1, for tests that run `passerelle serve` as a
/// process: returns the whole response (status line, headers, body), or nil when
/// nothing listens yet. Blocking socket calls run on a thread of their own.
public func httpGet(port: Int, path: String) async -> String? {
    try? await httpGet(port: port, target: Array(path.utf8))
}

/// A GET whose request target is `target`, byte for byte (invalid UTF-8 and all):
/// the whole response. Throws when nothing listens on `port`.
public func httpGet(port: Int, target: [UInt8]) async throws -> String {
    try await BlockingThread.run(named: "passerelle-test-http") {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw POSIXError(.EIO) }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { throw POSIXError(.ECONNREFUSED) }
        let request =
            Array("GET ".utf8) + target + Array(" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".utf8)
        guard send(descriptor, request, request.count, 0) == request.count else { throw POSIXError(.EIO) }
        var response = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while case let count = recv(descriptor, &buffer, buffer.count, 0), count > 0 {
            response += buffer[0..<count]
        }
        return String(decoding: response, as: UTF8.self)
    }
}
