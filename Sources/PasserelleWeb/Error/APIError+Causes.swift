import Hummingbird
import PasserelleSearch
import PasserelleStore

/// The errors of lower layers as the API answers them. Only parse errors are the
/// client's; the rest say that a part is unavailable or that the server failed,
/// never what Xapian or PostgreSQL said (that goes to the log).
extension APIError {
    /// A query Xapian cannot parse is the client's mistake (400); a shard that
    /// cannot be opened or read is an outage (503); anything else is a fault (500).
    public init(_ error: SearchError) {
        if error.isInvalidQuery {
            self = .invalidQuery("not valid query syntax (\(error.message))")
        } else if error.type.hasPrefix("Database") {
            self = .unavailable("the search index cannot be read just now; try again shortly")
        } else {
            self = .internalError
        }
    }

    /// A database that cannot be reached is an outage (503); anything else is a fault (500).
    public init(_ error: PostgresError) {
        self =
            error.isConnectionError ? .unavailable("the database does not answer; try again shortly") : .internalError
    }
}
