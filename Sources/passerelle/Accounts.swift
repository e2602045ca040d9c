import ArgumentParser
import PasserelleCore
import PasserelleStore
import PasserelleWeb

extension Account.Role: ExpressibleByArgument {}

struct Accounts: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Gives sign-in accounts to members, and lists them.",
        subcommands: [Create.self, List.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Gives an account to an imported member, or creates the member with it.",
            discussion: """
                A recruiter or admin acts for one company (--company). When no member has the id, \
                --name, --country and --language create one.
                """)

        @Option(help: "The member's id (its CV's meta.id).")
        var member: String

        @Option(help: "The email the account signs in with.")
        var email: String

        @Option(help: "The password (8 to 72 bytes).")
        var password: String

        @Option(help: "member, recruiter or admin.")
        var role: Account.Role = .member

        @Option(help: "The company a recruiter or admin acts for (its hiringOrganization.identifier).")
        var company: String?

        @Option(help: "The name of a member to create.")
        var name: String?

        @Option(help: "The country (ISO 3166-1 alpha-2, such as FR) of a member to create.")
        var country: String?

        @Option(help: "The language (fr, en, de, es, it, pt, zh) of a member to create.")
        var language: String?

        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let request = AccountRegistry.Request(
                memberExternalID: member, email: email, password: password, role: role,
                companyExternalID: company, newMember: try newMember())
            try await database.run(
                "passerelle.accounts",
                work: { database, logger in
                    try await Migrator(client: database.client, logger: logger).migrate()
                    let registry = AccountRegistry(client: database.client, hasher: PasswordHasher())
                    let account = try await registry.create(request)
                    print("Account \(account.email) (\(account.role.rawValue)) for member \(request.memberExternalID).")
                })
        }

        /// The member to create when none has the id: all of name, country and language, or none.
        private func newMember() throws -> AccountRegistry.NewMember? {
            guard name != nil || country != nil || language != nil else { return nil }
            guard let name, let country, let language else {
                throw ValidationError("--name, --country and --language go together")
            }
            guard let code = Country(country) else {
                throw ValidationError("--country: not a country code: \(country)")
            }
            guard let tongue = Language(rawValue: language) else {
                throw ValidationError(
                    "--language: not one of \(Language.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return AccountRegistry.NewMember(name: name, country: code, language: tongue)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Lists the accounts: email, member, role, company.")

        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            try await database.run(
                "passerelle.accounts",
                work: { database, logger in
                    try await Migrator(client: database.client, logger: logger).migrate()
                    let registry = AccountRegistry(client: database.client, hasher: PasswordHasher(threads: 1))
                    print(AccountRegistry.table(try await registry.list()))
                })
        }
    }
}
