import ArgumentParser
import Foundation
import PasserelleWeb

struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serves the demo: loads the demo data set and its accounts once, builds the index, then serves.",
        discussion: """
            The first start loads seed/demo (some 3,000 CVs and 4,000 postings over the seven job spaces, \
            their network) and creates the accounts of seed/demo/accounts.tsv, printed at every start; the \
            postings' dates are moved so that the data set reads as generated that day. Later starts find the \
            accounts and go straight to serving. Then it serves exactly like `passerelle serve`.
            """)

    @OptionGroup var database: DatabaseOptions

    @OptionGroup var listen: ListenOptions

    @Option(
        help: ArgumentHelp(
            "Where the demo data set is.",
            discussion: "Default: seed/demo in the current directory, else in a directory above the executable."))
    var demoDir: String?

    func run() async throws {
        let demo: DemoData
        do {
            demo = try await DemoData.open(lookingIn: candidates)
        } catch let problem as DemoData.Problem {
            throw ValidationError("\(problem); run from the repository's directory, or give --demo-dir")
        }
        let (layout, workDirectory) = (database.indexLayout, database.dataDirectory.appendingPathComponent("demo-load"))
        try await Serve.serve(database: database, listen: listen) { database, logger in
            _ = try await demo.prepare(
                client: database.client, layout: layout, hasher: PasswordHasher(), workDirectory: workDirectory,
                logger: logger)
            // Written at once: a pipe would hold a print back until the server stops.
            let table = Self.accountsTable(demo.accounts, url: "http://\(listen.host):\(listen.port)")
            FileHandle.standardOutput.write(Data((table + "\n").utf8))
        }
    }

    /// Where to look for the data set: the one given, else seed/demo in the current
    /// directory, then above the executable (`.build/release/passerelle` of a clone).
    private var candidates: [URL] {
        if let demoDir { return [URL(fileURLWithPath: demoDir).standardizedFileURL] }
        var candidates = [URL(fileURLWithPath: "seed/demo").standardizedFileURL]
        if var directory = Bundle.main.executableURL?.resolvingSymlinksInPath().deletingLastPathComponent() {
            while directory.path != "/" {
                candidates.append(directory.appendingPathComponent("seed/demo"))
                directory.deleteLastPathComponent()
            }
        }
        return candidates
    }

    /// The accounts to try, as the README shows them.
    static func accountsTable(_ accounts: [DemoData.NamedAccount], url: String) -> String {
        func padded(_ text: String, _ column: KeyPath<DemoData.NamedAccount, String>) -> String {
            text.padding(toLength: accounts.map { $0[keyPath: column].count }.max() ?? 0, withPad: " ", startingAt: 0)
        }
        let lines = accounts.map { "  \(padded($0.email, \.email))  \(padded($0.password, \.password))  \($0.about)" }
        return (["Passerelle demo on \(url); sign in with:"] + lines).joined(separator: "\n")
    }
}
