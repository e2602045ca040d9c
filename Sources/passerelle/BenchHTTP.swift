import ArgumentParser
import Foundation
import PasserelleStore

/// Where an HTTP server listens, from `--url http://host:port`.
struct HTTPEndpoint: Sendable, CustomStringConvertible {
    let host: String
    let port: Int

    init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// Plain `http://` only: the benchmark measures the service, not TLS.
    init(url: String) throws {
        guard let components = URLComponents(string: url), components.scheme == "http",
            let host = components.host, !host.isEmpty, components.path.isEmpty || components.path == "/",
            components.query == nil
        else {
            throw ValidationError("--url must look like http://127.0.0.1:8080 (got \(url))")
        }
        self.init(host: host, port: components.port ?? 80)
    }

    var description: String { "http://\(host):\(port)" }

    /// Waits until something accepts connections here, trying every 100 ms for at most `timeout`.
    func waitUntilListening(timeout: Duration) async throws {
        let endpoint = self
        try await BlockingThread.run(named: "passerelle-bench-wait") {
            let deadline = ContinuousClock.now + timeout
            while true {
                do {
                    _ = try HTTPConnection(endpoint)
                    return
                } catch {
                    guard ContinuousClock.now < deadline else {
                        throw HTTPClientError("nothing answers at \(endpoint) after \(timeout): \(error)")
                    }
                    usleep(100_000)
                }
            }
        }
    }
}

/// A port on 127.0.0.1 that nothing listens on now, for a server started by the
/// benchmark. Another process could take it before the server binds it: unlikely
/// enough for a command run by hand.
func freeLoopbackPort() throws -> Int {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard descriptor >= 0 else { throw HTTPClientError("socket: \(String(cString: strerror(errno)))") }
    defer { close(descriptor) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = 0
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            bind(descriptor, $0, length) == 0 && getsockname(descriptor, $0, &length) == 0
        }
    }
    guard bound else { throw HTTPClientError("cannot bind 127.0.0.1:0: \(String(cString: strerror(errno)))") }
    return Int(UInt16(bigEndian: address.sin_port))
}

/// A failure to talk to the server (not an HTTP error status, which is an answer).
struct HTTPClientError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}

/// A response: its status and body.
struct HTTPResponse {
    let status: Int
    let body: [UInt8]
}

/// One keep-alive HTTP/1.1 connection that sends GETs one at a time and reads each
/// whole response (Content-Length or chunked). Socket calls block: use it on a
/// thread of its own (a ``BlockingThread``), never on the cooperative pool.
final class HTTPConnection {
    let endpoint: HTTPEndpoint
    private var descriptor: Int32 = -1
    /// Bytes received and not yet read as part of a response.
    private var received: [UInt8] = []
    /// Responses read on the current socket: a server may close an idle connection.
    private var answered = 0

    /// Longer than any search should take: past it, the server is stuck.
    static let receiveTimeoutSeconds = 60

    init(_ endpoint: HTTPEndpoint) throws {
        self.endpoint = endpoint
        try connectSocket()
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    /// GETs `target` (path and query string) with `headers` (such as an
    /// Authorization). A connection the server closed between two requests is
    /// opened again once.
    func get(_ target: String, headers: [(String, String)] = []) throws -> HTTPResponse {
        try request("GET", target, headers: headers, body: [])
    }

    /// POSTs a JSON body to `target`.
    func post(_ target: String, json: [UInt8], headers: [(String, String)] = []) throws -> HTTPResponse {
        try request("POST", target, headers: headers + [("Content-Type", "application/json")], body: json)
    }

    private func request(
        _ method: String, _ target: String, headers: [(String, String)], body: [UInt8]
    ) throws -> HTTPResponse {
        var head = "\(method) \(target) HTTP/1.1\r\nHost: \(endpoint.host):\(endpoint.port)\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if method != "GET" { head += "Content-Length: \(body.count)\r\n" }
        let request = Array((head + "\r\n").utf8) + body
        do {
            return try exchange(request)
        } catch let error as HTTPClientError {
            guard answered > 0 else { throw error }
            reset()
            return try exchange(request)
        }
    }

    private func exchange(_ request: [UInt8]) throws -> HTTPResponse {
        if descriptor < 0 { try connectSocket() }
        try sendAll(request)
        let response = try readResponse()
        answered += 1
        return response
    }

    private func connectSocket() throws {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(endpoint.host, String(endpoint.port), &hints, &list)
        guard status == 0, let first = list else {
            throw HTTPClientError("cannot resolve \(endpoint.host): \(String(cString: gai_strerror(status)))")
        }
        defer { freeaddrinfo(list) }
        var lastError = "no address"
        var candidate: UnsafeMutablePointer<addrinfo>? = first
        while let address = candidate {
            candidate = address.pointee.ai_next
            let socketDescriptor = socket(
                address.pointee.ai_family, address.pointee.ai_socktype, address.pointee.ai_protocol)
            guard socketDescriptor >= 0 else { continue }
            if connect(socketDescriptor, address.pointee.ai_addr, address.pointee.ai_addrlen) == 0 {
                // Requests are small and answered at once: Nagle would only add delay.
                var on: Int32 = 1
                setsockopt(
                    socketDescriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &on, socklen_t(MemoryLayout<Int32>.size))
                var timeout = timeval(tv_sec: Self.receiveTimeoutSeconds, tv_usec: 0)
                setsockopt(
                    socketDescriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
                descriptor = socketDescriptor
                answered = 0
                return
            }
            lastError = String(cString: strerror(errno))
            close(socketDescriptor)
        }
        throw HTTPClientError("cannot connect to \(endpoint): \(lastError)")
    }

    private func reset() {
        if descriptor >= 0 { close(descriptor) }
        descriptor = -1
        received.removeAll(keepingCapacity: true)
    }

    private func sendAll(_ bytes: [UInt8]) throws {
        var sent = 0
        while sent < bytes.count {
            // MSG_NOSIGNAL: a closed connection is an error to handle, not a SIGPIPE.
            let count = bytes[sent...].withUnsafeBytes {
                send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            guard count > 0 else {
                if count < 0 && errno == EINTR { continue }
                throw HTTPClientError("send to \(endpoint): \(String(cString: strerror(errno)))")
            }
            sent += count
        }
    }

    /// Appends what the socket has to `received`; false at the end of the stream.
    private func receiveMore() throws -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count > 0 {
                received += chunk[0..<count]
                return true
            }
            if count == 0 { return false }
            if errno == EINTR { continue }
            throw HTTPClientError("receive from \(endpoint): \(String(cString: strerror(errno)))")
        }
    }

    /// Receives until `received` holds `count` bytes.
    private func receive(atLeast count: Int) throws {
        while received.count < count {
            guard try receiveMore() else { throw HTTPClientError("\(endpoint) closed the connection mid-response") }
        }
    }

    /// The offset just past the next CRLF at or after `start`, receiving as needed.
    private func lineEnd(from start: Int) throws -> Int {
        var index = start + 1
        while true {
            while index < received.count {
                if received[index - 1] == UInt8(ascii: "\r") && received[index] == UInt8(ascii: "\n") {
                    return index + 1
                }
                index += 1
            }
            guard try receiveMore() else { throw HTTPClientError("\(endpoint) closed the connection mid-response") }
        }
    }

    private func readResponse() throws -> HTTPResponse {
        // The status line and the headers, up to the empty line.
        var lines: [String] = []
        var offset = 0
        while true {
            let end = try lineEnd(from: offset)
            if end - offset == 2 {
                offset = end
                break
            }
            lines.append(String(decoding: received[offset..<(end - 2)], as: UTF8.self))
            offset = end
        }
        let statusFields = lines.first?.split(separator: " ") ?? []
        guard statusFields.count >= 2, statusFields[0].hasPrefix("HTTP/1."), let status = Int(statusFields[1]) else {
            throw HTTPClientError("\(endpoint) sent a malformed status line: \(lines.first ?? "")")
        }
        var contentLength: Int?
        var chunked = false
        var closes = false
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces).lowercased()
            switch name {
            case "content-length": contentLength = Int(value)
            case "transfer-encoding": chunked = value.contains("chunked")
            case "connection": closes = value.contains("close")
            default: break
            }
        }
        var body: [UInt8] = []
        if chunked {
            while true {
                let end = try lineEnd(from: offset)
                let sizeText = String(decoding: received[offset..<(end - 2)], as: UTF8.self)
                guard let size = Int(sizeText.split(separator: ";").first ?? "", radix: 16) else {
                    throw HTTPClientError("\(endpoint) sent a malformed chunk size: \(sizeText)")
                }
                offset = end
                if size == 0 {
                    // Trailers, if any, end with an empty line.
                    while true {
                        let end = try lineEnd(from: offset)
                        defer { offset = end }
                        if end - offset == 2 { break }
                    }
                    break
                }
                try receive(atLeast: offset + size + 2)
                body += received[offset..<(offset + size)]
                offset += size + 2
            }
        } else if let contentLength {
            try receive(atLeast: offset + contentLength)
            body = Array(received[offset..<(offset + contentLength)])
            offset += contentLength
        } else {
            // Neither: the body runs to the end of the stream.
            while try receiveMore() {}
            body = Array(received[offset...])
            offset = received.count
            closes = true
        }
        received.removeSubrange(0..<offset)
        if closes { reset() }
        return HTTPResponse(status: status, body: body)
    }
}
