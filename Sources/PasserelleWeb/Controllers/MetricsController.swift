import Hummingbird
import NIOCore
import PasserelleCore
import PasserelleNetwork
import PasserelleSearch
import PasserelleStore

/// `GET /metrics` (API.md), in Prometheus text: requests and latency per route and
/// status, the requests under way, the pool's connections in use, idle and waited
/// for, the index writer's lag in outbox entries, and the graph's size. The lag
/// and the graph are reported where they run in this process; a part that cannot
/// answer (the database down, the graph loading) leaves its lines out rather
/// than failing the scrape.
struct MetricsController: Sendable {
    let requests: RequestMetrics
    let database: PostgresClient
    let indexWriter: IndexWriter?
    let network: NetworkGraph?

    func addRoutes(to router: Router<some RequestContext>) {
        router.get("metrics") { _, _ in
            Response(
                status: .ok, headers: [.contentType: PrometheusText.contentType],
                body: ResponseBody(byteBuffer: ByteBuffer(string: await text())))
        }
    }

    func text() async -> String {
        var text = PrometheusText()
        requests.write(to: &text)
        let pool = await database.statistics()
        text.family(
            "passerelle_postgres_connections", type: "gauge", help: "Open PostgreSQL connections of the pool, by state."
        )
        text.sample("passerelle_postgres_connections", labels: [("state", "in_use")], Double(pool.open - pool.idle))
        text.sample("passerelle_postgres_connections", labels: [("state", "idle")], Double(pool.idle))
        text.family(
            "passerelle_postgres_waiting_callers", type: "gauge", help: "Callers waiting for a PostgreSQL connection.")
        text.sample("passerelle_postgres_waiting_callers", labels: [], Double(pool.waiting))
        if let indexWriter,
            let lag = try? await OutboxStore(client: database).count(after: indexWriter.appliedPosition ?? .start)
        {
            text.family(
                "passerelle_index_lag_outbox_entries", type: "gauge",
                help: "Outbox entries the index writer has not applied yet.")
            text.sample("passerelle_index_lag_outbox_entries", labels: [], Double(lag))
        }
        if let graph = try? network?.statistics() {
            text.family("passerelle_graph_members", type: "gauge", help: "Members in the network graph.")
            text.sample("passerelle_graph_members", labels: [], Double(graph.members))
            text.family("passerelle_graph_connections", type: "gauge", help: "Connections in the network graph.")
            text.sample("passerelle_graph_connections", labels: [], Double(graph.connections))
            text.family("passerelle_graph_memory_bytes", type: "gauge", help: "Memory the network graph takes.")
            text.sample("passerelle_graph_memory_bytes", labels: [], Double(graph.memoryBytes))
        }
        return text.text
    }
}
