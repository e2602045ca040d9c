import Hummingbird
import PasserelleSearch
import PasserelleStore

/// `GET /health`: 200 when PostgreSQL answers, 503 when it does not (or not
/// within ``timeout``), for load balancers and the operators.
struct HealthController: Sendable {
    let database: PostgresClient
    var timeout: Duration = .seconds(3)

    struct Status: ResponseEncodable, Sendable {
        let status: String
        let postgres: String
        let xapian: String
    }

    func addRoutes(to router: Router<some RequestContext>) {
        router.get("health") { _, _ in try await check() }
    }

    func check() async throws -> EditedResponse<Status> {
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await database.query("SELECT 1") }
                group.addTask {
                    try await Task.sleep(for: timeout)
                    throw PostgresError(.connectionFailed, message: "no answer within \(timeout)")
                }
                try await group.next()
                group.cancelAll()
            }
            return EditedResponse(status: .ok, response: Status(status: "ok", postgres: "ok", xapian: Xapian.version))
        } catch let error as PostgresError {
            return EditedResponse(
                status: .serviceUnavailable,
                response: Status(status: "unavailable", postgres: error.message, xapian: Xapian.version))
        }
    }
}
