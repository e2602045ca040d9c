import PasserelleNetwork
import PasserelleSearch
import PasserelleStore

/// What the pages call: the same stores, index, graph and sign-in the JSON
/// controllers use (the pages add no logic of their own about them).
struct PageServices: Sendable {
    let database: PostgresClient
    let search: SearchIndex
    /// Nil where the server runs without the graph: the pages leave out what needs it.
    let network: NetworkGraph?
    let signIn: SignIn
    let registry: AccountRegistry
}
