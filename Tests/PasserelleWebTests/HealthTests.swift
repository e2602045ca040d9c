import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import PasserelleStore
import PasserelleTestSupport
import PasserelleWeb
import Testing

@Suite("GET /health")
struct HealthTests {
    struct Health: Decodable, Equatable {
        let status: String
        let postgres: String
    }

    @Test("200 with status ok when PostgreSQL answers")
    func healthyWhenPostgresAnswers() async throws {
        try await TestPostgres.withDatabase { client, _ in
            try await TestShards().withApp(database: client) { http in
                try await http.execute(uri: "/health", method: .get) { response in
                    #expect(response.status == .ok)
                    let health = try JSONDecoder().decode(Health.self, from: Data(buffer: response.body))
                    #expect(health == Health(status: "ok", postgres: "ok"))
                }
            }
        }
    }

    @Test("503 with status unavailable when PostgreSQL does not answer")
    func unavailableWhenPostgresIsDown() async throws {
        let nowhere = try makeTemporaryDataDirectory().path
        let client = PostgresClient(configuration: .init(connectionString: "host=\(nowhere) dbname=none user=none"))
        try await TestShards().withApp(database: client) { http in
            try await http.execute(uri: "/health", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
                let health = try JSONDecoder().decode(Health.self, from: Data(buffer: response.body))
                #expect(health.status == "unavailable")
                #expect(health.postgres.contains("connect"))
            }
        }
        await client.shutdown()
    }
}
