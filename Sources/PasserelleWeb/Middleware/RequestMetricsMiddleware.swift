import Hummingbird

/// Records every request in ``RequestMetrics`` once its handler answered (its
/// answers are bodies made in full) or threw, under the route the router matched.
struct RequestMetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: RequestMetrics

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let start = ContinuousClock.now
        let method = request.method.rawValue
        metrics.started()
        do {
            let response = try await next(request, context)
            metrics.finished(
                method: method, route: context.endpointPath ?? "NotFound", status: response.status.code,
                seconds: Self.seconds(since: start))
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status.code ?? 500
            metrics.finished(
                method: method, route: context.endpointPath ?? "NotFound", status: status,
                seconds: Self.seconds(since: start))
            throw error
        }
    }

    static func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = (ContinuousClock.now - start).components
        return Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
    }
}
