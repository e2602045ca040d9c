import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PasserelleCore
import PasserelleWeb
import Testing

@Suite("Rate limits on sign-in")
struct RateLimitTests {
    let start = ContinuousClock.now

    @Test("A key makes its burst of attempts, then waits for the next one it earns")
    func burstThenWait() {
        let limiter = RateLimiter(.init(burst: 3, per: .seconds(10)))
        #expect((0..<3).map { _ in limiter.attempt("lea", at: start) } == [.allowed, .allowed, .allowed])
        #expect(limiter.attempt("lea", at: start) == .limited(retryAfter: 10))
        #expect(limiter.attempt("lea", at: start + .seconds(4)) == .limited(retryAfter: 6))
        #expect(limiter.attempt("lea", at: start + .milliseconds(9_500)) == .limited(retryAfter: 1))
        #expect(limiter.attempt("lea", at: start + .seconds(10)) == .allowed)
        #expect(limiter.attempt("lea", at: start + .seconds(10)) == .limited(retryAfter: 10))
    }

    @Test("Keys are counted apart; a reset gives a key its burst back; earnings stop at the burst")
    func keysAndReset() {
        let limiter = RateLimiter(.init(burst: 2, per: .seconds(60)))
        _ = limiter.attempt("lea", at: start)
        _ = limiter.attempt("lea", at: start)
        #expect(limiter.attempt("lea", at: start) == .limited(retryAfter: 60))
        #expect(limiter.attempt("max", at: start) == .allowed)
        limiter.reset("lea")
        #expect(limiter.attempt("lea", at: start) == .allowed)
        // An hour idle earns two attempts, not sixty.
        let later = start + .seconds(3600)
        #expect(
            (0..<3).map { _ in limiter.attempt("max", at: later) } == [.allowed, .allowed, .limited(retryAfter: 60)])
    }

    static let register: JSONValue = [
        "email": "lea@example.org", "password": "correct horse", "name": "Léa", "country": "FR", "language": "fr",
    ]

    @Test("Past the limit per email, sign-in is 429 with Retry-After, right password or not, account or not")
    func perAccount() async throws {
        let auth = AuthConfiguration.testing(loginsPerAccount: .init(burst: 3, per: .seconds(300)))
        try await withAccountsApp(auth: auth) { _, http in
            _ = try await http.send(.post, "/api/v1/auth/register", json: Self.register)
            for email in ["lea@example.org", "nobody@example.org"] {
                for _ in 0..<3 {
                    let wrong = try await http.send(
                        .post, "/api/v1/auth/login", json: ["email": .string(email), "password": "wrong horse"])
                    #expect(wrong.status == .unauthorized)
                }
                let limited = try await http.send(
                    .post, "/api/v1/auth/login",
                    json: ["email": .string(email.uppercased()), "password": "correct horse"])
                #expect(limited.status == .tooManyRequests)
                #expect(limited.errorCode == "too_many_requests")
                // A whole number of seconds until the next attempt is earned (less what the test took so far).
                #expect((290...300).contains(Int(limited.headers[.retryAfter] ?? "") ?? 0))
            }
        }
    }

    @Test("A successful sign-in clears the email's failures")
    func successResets() async throws {
        let auth = AuthConfiguration.testing(loginsPerAccount: .init(burst: 2, per: .seconds(300)))
        try await withAccountsApp(auth: auth) { _, http in
            _ = try await http.send(.post, "/api/v1/auth/register", json: Self.register)
            let wrong: JSONValue = ["email": "lea@example.org", "password": "wrong horse"]
            let right: JSONValue = ["email": "lea@example.org", "password": "correct horse"]
            #expect(try await http.send(.post, "/api/v1/auth/login", json: wrong).status == .unauthorized)
            #expect(try await http.send(.post, "/api/v1/auth/login", json: right).status == .ok)
            #expect(try await http.send(.post, "/api/v1/auth/login", json: wrong).status == .unauthorized)
            #expect(try await http.send(.post, "/api/v1/auth/login", json: wrong).status == .unauthorized)
            #expect(try await http.send(.post, "/api/v1/auth/login", json: right).status == .tooManyRequests)
        }
    }

    @Test("Past the limit per address, sign-in and registration are 429 for that address only")
    func perAddress() async throws {
        let auth = AuthConfiguration.testing(
            loginsPerAddress: .init(burst: 3, per: .seconds(60)), trustsForwardedHeaders: true)
        try await withAccountsApp(auth: auth) { _, http in
            let from = { (address: String) -> HTTPFields in [HTTPField.Name("X-Forwarded-For")!: address] }
            // The proxy appends the real address: what the client wrote before it does not count.
            let spoofing = from("198.51.100.1, 203.0.113.7")
            for index in 0..<3 {
                let answer = try await http.send(
                    .post, "/api/v1/auth/login", json: ["email": .string("user\(index)@example.org"), "password": "x"],
                    headers: spoofing)
                #expect(answer.status == .unauthorized)
            }
            let login = try await http.send(
                .post, "/api/v1/auth/login", json: ["email": "other@example.org", "password": "x"],
                headers: from("203.0.113.7"))
            #expect(login.status == .tooManyRequests)
            #expect((50...60).contains(Int(login.headers[.retryAfter] ?? "") ?? 0))
            let register = try await http.send(
                .post, "/api/v1/auth/register", json: Self.register, headers: from("203.0.113.7"))
            #expect(register.status == .tooManyRequests)
            let elsewhere = try await http.send(
                .post, "/api/v1/auth/register", json: Self.register, headers: from("203.0.113.8"))
            #expect(elsewhere.status == .accepted)
        }
    }
}
