import Synchronization

/// Requests answered, by method, route and status, with their latency in
/// histogram buckets, and the requests under way: what `/metrics` reports of HTTP.
/// Routes are the router's templates (`/api/v1/jobs/{id}`), and every unknown path
/// is `NotFound`, so that the series stay few whatever callers send.
public final class RequestMetrics: Sendable {
    /// Upper bounds of the latency buckets, in seconds (Prometheus' defaults).
    static let buckets: [Double] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

    struct Key: Hashable, Comparable {
        let method: String
        let route: String
        let status: Int

        static func < (left: Key, right: Key) -> Bool {
            (left.route, left.method, left.status) < (right.route, right.method, right.status)
        }
    }

    struct Series {
        /// Requests at or under each of ``buckets`` (not cumulative: rendering adds up).
        var bucketCounts = [Int](repeating: 0, count: RequestMetrics.buckets.count)
        var count = 0
        var seconds = 0.0
    }

    private let series = Mutex<[Key: Series]>([:])
    private let underWay = Atomic<Int>(0)

    public init() {}

    func started() {
        underWay.add(1, ordering: .relaxed)
    }

    /// Records a request that `started()` and is now answered.
    func finished(method: String, route: String, status: Int, seconds: Double) {
        underWay.subtract(1, ordering: .relaxed)
        let bucket = Self.buckets.firstIndex { seconds <= $0 }
        series.withLock { series in
            var entry = series[Key(method: method, route: route, status: status)] ?? Series()
            if let bucket { entry.bucketCounts[bucket] += 1 }
            entry.count += 1
            entry.seconds += seconds
            series[Key(method: method, route: route, status: status)] = entry
        }
    }

    /// The counter, the histogram and the gauge of requests under way.
    func write(to text: inout PrometheusText) {
        let snapshot = series.withLock { $0 }.sorted { $0.key < $1.key }
        text.family(
            "passerelle_http_requests_total", type: "counter",
            help: "HTTP requests answered, by method, route and status.")
        for (key, entry) in snapshot {
            text.sample("passerelle_http_requests_total", labels: labels(key), Double(entry.count))
        }
        let name = "passerelle_http_request_duration_seconds"
        text.family(name, type: "histogram", help: "Time to answer HTTP requests, by method, route and status.")
        for (key, entry) in snapshot {
            var cumulative = 0
            for (bound, count) in zip(Self.buckets, entry.bucketCounts) {
                cumulative += count
                text.sample(
                    name + "_bucket", labels: labels(key) + [("le", PrometheusText.number(bound))], Double(cumulative))
            }
            text.sample(name + "_bucket", labels: labels(key) + [("le", "+Inf")], Double(entry.count))
            text.sample(name + "_sum", labels: labels(key), entry.seconds)
            text.sample(name + "_count", labels: labels(key), Double(entry.count))
        }
        text.family("passerelle_http_requests_in_flight", type: "gauge", help: "HTTP requests being answered.")
        text.sample("passerelle_http_requests_in_flight", labels: [], Double(underWay.load(ordering: .relaxed)))
    }

    private func labels(_ key: Key) -> [(String, String)] {
        [("method", key.method), ("route", key.route), ("status", String(key.status))]
    }
}
