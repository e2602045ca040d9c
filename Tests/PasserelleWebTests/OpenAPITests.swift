import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import PasserelleCore
import PasserelleSearch
import PasserelleStore
import PasserelleTestSupport
import PasserelleWeb
import Testing

@Suite("The OpenAPI document, kept true to the server")
struct OpenAPITests {
    @Test("the document is OpenAPI 3.1, its references resolve and its path templates declare their parameters")
    func documentIsWellFormed() throws {
        let contract = try OpenAPIContract()
        #expect(contract.document["openapi"] == "3.1.0")
        let unresolved = contract.references.filter { contract.pointer($0) == nil }
        #expect(unresolved.isEmpty, "\(unresolved)")
        for operation in contract.operations {
            let inTemplate = Set(OpenAPIRouteWalk.pathParameters(of: operation.path))
            #expect(contract.parameterNames(of: operation, in: "path") == inTemplate, "\(operation)")
        }
    }

    @Test(
        "the document passes openapi-spec-validator",
        .enabled(if: OpenAPIRouteWalk.specValidatorIsInstalled, "python3 -m openapi_spec_validator is not installed"))
    func documentPassesTheSpecValidator() throws {
        let file = try makeTemporaryDataDirectory().appendingPathComponent("openapi.json")
        try Data(OpenAPIDocument.bytes).write(to: file)
        let (status, output) = try OpenAPIRouteWalk.python(["-m", "openapi_spec_validator", file.path])
        #expect(status == 0, "\(output)")
    }

    @Test("every route of the router is documented with its method and path parameters, and no other")
    func routerAndDocumentHaveTheSameRoutes() async throws {
        let contract = try OpenAPIContract()
        let routes = try await withoutDatabase { client in
            let layout = IndexLayout(root: try makeTemporaryDataDirectory().appendingPathComponent("index"))
            return buildRouter(database: client, search: SearchIndex(layout: layout, threads: 1)).routes.map {
                OpenAPIContract.Operation(method: $0.method.rawValue.lowercased(), path: $0.path.description)
            }.filter(OpenAPIRouteWalk.isAPI)
        }
        let documented = Set(contract.operations)
        let routed = Set(routes)
        #expect(routed.subtracting(documented).isEmpty, "routes the document lacks: \(routed.subtracting(documented))")
        #expect(documented.subtracting(routed).isEmpty, "documented, not routed: \(documented.subtracting(routed))")
        #expect(routes.count == routed.count, "a route registered twice")
    }

    @Test("each documented query parameter is read by its route, with the document's types, enums and limits")
    func documentedQueryParametersAreReadWithTheirLimits() async throws {
        let contract = try OpenAPIContract()
        try await withContractApp { http, world in
            var probed: Set<OpenAPIContract.Operation> = []
            for operation in contract.operations {
                let parameters = contract.parameters(of: operation).filter { $0["in"] == "query" }
                guard !parameters.isEmpty else { continue }
                let route = try #require(world.probes[operation], "no probe for \(operation)")
                probed.insert(operation)
                for parameter in parameters {
                    let name = try #require(parameter["name"]?.stringValue)
                    let schema = parameter["schema"] ?? [:]
                    for value in OpenAPIRouteWalk.refusedValues(schema) {
                        let answer = try await http.send(
                            .get, "\(route.uri)?\(name)=\(OpenAPIRouteWalk.encoded(value))", as: route.person)
                        #expect(answer.status == .badRequest, "\(operation) \(name)=\(value.prefix(40))")
                        #expect(
                            answer.errorMessage.hasPrefix("\(name):"), "\(operation) \(name): \(answer.errorMessage)")
                    }
                    for value in OpenAPIRouteWalk.acceptedValues(schema) {
                        let answer = try await http.send(.get, "\(route.uri)?\(name)=\(value)", as: route.person)
                        #expect(
                            !answer.errorMessage.hasPrefix("\(name):"),
                            "\(operation) \(name)=\(value): \(answer.errorMessage)")
                    }
                    if parameter["required"] == true {
                        let answer = try await http.send(.get, route.uri, as: route.person)
                        #expect(
                            answer.status == .badRequest && answer.errorMessage.hasPrefix("\(name):"), "\(operation)")
                    }
                }
            }
            #expect(Set(world.probes.keys) == probed, "probes of routes without query parameters")
        }
    }

    @Test("the answers of every documented operation match its documented statuses and schemas")
    func answersMatchTheDocument() async throws {
        let contract = try OpenAPIContract()
        try await withContractApp { http, world in
            var checked: Set<OpenAPIContract.Operation> = []
            for exchange in try await world.exchanges(http) {
                let operation = try #require(
                    contract.operation(method: exchange.method.rawValue.lowercased(), uri: exchange.uri),
                    "\(exchange.method) \(exchange.uri) is not documented")
                checked.insert(operation)
                let problems = contract.problems(
                    of: operation, status: Int(exchange.answer.status.code),
                    contentType: exchange.answer.headers[.contentType], body: exchange.answer.body)
                #expect(
                    problems.isEmpty,
                    "\(exchange.method) \(exchange.uri): \(problems) \(String(describing: exchange.answer.body))")
                #expect(exchange.answer.status == exchange.expected, "\(exchange.method) \(exchange.uri)")
            }
            let unchecked = Set(contract.operations).subtracting(checked)
            #expect(unchecked.isEmpty, "operations no request checked: \(unchecked)")
        }
    }

    @Test("the schema check finds a field the document lacks, a missing field and a wrong type")
    func schemaCheckFindsProblems() throws {
        let contract = try OpenAPIContract()
        let schema: JSONValue = ["$ref": "#/components/schemas/MemberReference"]
        #expect(contract.problems(of: ["id": "a", "name": "b"], against: schema, at: "x").isEmpty)
        #expect(contract.problems(of: ["id": .null, "name": "b"], against: schema, at: "x").isEmpty)
        #expect(
            contract.problems(of: ["id": "a", "name": "b", "extra": 1], against: schema, at: "x") == [
                "x: extra is not in the document"
            ])
        #expect(contract.problems(of: ["id": "a"], against: schema, at: "x") == ["x: name is missing"])
        #expect(
            contract.problems(of: ["id": 1, "name": "b"], against: schema, at: "x") == ["x.id: 1 is not string or null"]
        )
    }

    @Test("GET /openapi.json serves the committed document as JSON")
    func servesTheDocument() async throws {
        try await withoutDatabase { client in
            try await TestShards().withApp(database: client) { http in
                try await http.execute(uri: "/openapi.json", method: .get) { response in
                    #expect(response.status == .ok)
                    #expect(response.headers[.contentType] == "application/json; charset=utf-8")
                    #expect(Array(response.body.readableBytesView) == OpenAPIDocument.bytes)
                }
            }
        }
    }
}

/// The parts of the route walk that are not the document's.
enum OpenAPIRouteWalk {
    /// `{id}` and the like of a path template, in order.
    /// The routes the document describes: the API and the operators' endpoints, not the pages for people.
    static func isAPI(_ operation: OpenAPIContract.Operation) -> Bool {
        operation.path.hasPrefix("/api/") || ["/health", "/metrics", "/openapi.json"].contains(operation.path)
    }

    static func pathParameters(of template: String) -> [String] {
        template.split(separator: "/").filter { $0.hasPrefix("{") && $0.hasSuffix("}") }.map {
            String($0.dropFirst().dropLast())
        }
    }

    /// Values the schema refuses, which the route must answer 400 naming the parameter.
    static func refusedValues(_ schema: JSONValue) -> [String] {
        var values: [String] = []
        if let items = schema["items"] {
            values += refusedValues(items)
            if let maximum = schema["maxItems"]?.numberValue {
                values.append((0...Int(maximum)).map { "m\($0)" }.joined(separator: ","))
            }
            return values
        }
        if schema["enum"] != nil { values.append("zzz") }
        if let length = schema["maxLength"]?.numberValue {
            values.append(String(repeating: "a", count: Int(length) + 1))
        }
        if schema["pattern"] != nil { values.append("!") }
        switch schema["type"]?.stringValue {
        case "integer":
            values.append("x")
            if let minimum = schema["minimum"]?.numberValue { values.append(String(Int(minimum) - 1)) }
            if let maximum = schema["maximum"]?.numberValue { values.append(String(Int(maximum) + 1)) }
        case "number":
            values.append("x")
            if let minimum = schema["minimum"]?.numberValue { values.append(String(minimum - 1)) }
            if let minimum = schema["exclusiveMinimum"]?.numberValue { values.append(String(minimum)) }
        case "boolean":
            values.append("maybe")
        default:
            break
        }
        return values
    }

    /// The bounds of an integer the schema takes, which the route must not refuse.
    static func acceptedValues(_ schema: JSONValue) -> [String] {
        guard schema["type"] == "integer" else { return [] }
        return [schema["minimum"], schema["maximum"]].compactMap { $0?.numberValue }.map { String(Int($0)) }
    }

    static func encoded(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: ",-_.")))
            ?? value
    }

    static let specValidatorIsInstalled = (try? python(["-c", "import openapi_spec_validator"]).status) == 0

    static func python(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }
}
