import Foundation
import PasserelleCore
import PasserelleWeb

/// The OpenAPI document as the tests read it: its operations, their parameters
/// with `$ref`s resolved, and a validator of the JSON Schema keywords the
/// document uses (type, enum, const, properties, required, additionalProperties,
/// items, minItems, maxItems, minProperties, anyOf, minimum, maximum,
/// exclusiveMinimum, maxLength, pattern, `$ref`).
struct OpenAPIContract {
    let document: JSONValue

    static let methods = ["get", "put", "post", "delete", "patch", "head", "options"]

    struct Operation: Hashable, CustomStringConvertible {
        let method: String
        let path: String
        var description: String { "\(method.uppercased()) \(path)" }
    }

    init() throws {
        document = try OpenAPIDocument.json()
    }

    var operations: [Operation] {
        (document["paths"]?.objectValue ?? [:]).flatMap { path, item in
            Self.methods.filter { item[$0] != nil }.map { Operation(method: $0, path: path) }
        }.sorted { ($0.path, $0.method) < ($1.path, $1.method) }
    }

    subscript(operation: Operation) -> JSONValue? { document["paths"]?[operation.path]?[operation.method] }

    /// The operation's parameters (path-level ones too), `$ref`s resolved.
    func parameters(of operation: Operation) -> [JSONValue] {
        let own = self[operation]?["parameters"]?.arrayValue ?? []
        let shared = document["paths"]?[operation.path]?["parameters"]?.arrayValue ?? []
        return (shared + own).map(resolved)
    }

    func parameterNames(of operation: Operation, in location: String) -> Set<String> {
        Set(
            parameters(of: operation).filter { $0["in"]?.stringValue == location }.compactMap {
                $0["name"]?.stringValue
            })
    }

    /// The documented operation a concrete path matches: literal segments win over `{…}`.
    func operation(method: String, uri: String) -> Operation? {
        let path = String(uri.split(separator: "?", maxSplits: 1).first ?? "")
        let segments = path.split(separator: "/")
        let candidates = operations.filter { operation in
            let template = operation.path.split(separator: "/")
            return operation.method == method && template.count == segments.count
                && zip(template, segments).allSatisfy { $0.hasPrefix("{") || $0 == $1 }
        }
        return candidates.max { literals($0) < literals($1) }
    }

    private func literals(_ operation: Operation) -> Int {
        operation.path.split(separator: "/").filter { !$0.hasPrefix("{") }.count
    }

    /// What is wrong with an answer of `status` with `body` (nil: empty) to `operation`.
    func problems(of operation: Operation, status: Int, contentType: String?, body: JSONValue?) -> [String] {
        guard let responses = self[operation]?["responses"],
            let response = (responses[String(status)] ?? responses["default"]).map(resolved)
        else { return ["\(operation): status \(status) is not documented"] }
        guard let content = response["content"]?.objectValue else {
            // The test client reads an empty body as nil or as `.null` (JSONValue is nil-literal expressible).
            guard let body, body != .null else { return [] }
            return ["\(operation) \(status): a body where the document has none"]
        }
        guard let json = content["application/json"] else {
            let types = content.keys.sorted()
            return types.contains(where: { contentType?.hasPrefix($0) == true })
                ? [] : ["\(operation) \(status): content type \(contentType ?? "none"), documented \(types)"]
        }
        guard let body else { return ["\(operation) \(status): no body where the document has one"] }
        return problems(of: body, against: json["schema"] ?? [:], at: "\(operation) \(status) body")
    }

    // MARK: - References

    func resolved(_ value: JSONValue) -> JSONValue {
        guard let reference = value["$ref"]?.stringValue else { return value }
        return resolved(pointer(reference) ?? .null)
    }

    /// The value a local `#/…` reference names.
    func pointer(_ reference: String) -> JSONValue? {
        guard reference.hasPrefix("#/") else { return nil }
        var value: JSONValue? = document
        for part in reference.dropFirst(2).split(separator: "/") {
            value = value?[part.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")]
        }
        return value
    }

    /// Every `$ref` in the document.
    var references: [String] {
        var found: [String] = []
        func walk(_ value: JSONValue) {
            if let object = value.objectValue {
                if let reference = object["$ref"]?.stringValue { found.append(reference) }
                object.values.forEach(walk)
            } else if let array = value.arrayValue {
                array.forEach(walk)
            }
        }
        walk(document)
        return found
    }

    // MARK: - Schemas

    func problems(of value: JSONValue, against schema: JSONValue, at path: String) -> [String] {
        var problems: [String] = []
        if let reference = schema["$ref"]?.stringValue {
            guard let target = pointer(reference) else { return ["\(path): \(reference) names nothing"] }
            problems += self.problems(of: value, against: target, at: path)
        }
        if let alternatives = schema["anyOf"]?.arrayValue,
            !alternatives.contains(where: { self.problems(of: value, against: $0, at: path).isEmpty })
        {
            problems.append("\(path): matches none of anyOf (\(Self.shown(value)))")
        }
        if let types = schema["type"].map({ $0.arrayValue ?? [$0] })?.compactMap(\.stringValue),
            !types.contains(where: { Self.value(value, isOfType: $0) })
        {
            return problems + ["\(path): \(Self.shown(value)) is not \(types.joined(separator: " or "))"]
        }
        if let allowed = schema["enum"]?.arrayValue, !allowed.contains(value) {
            problems.append("\(path): \(Self.shown(value)) is not one of \(allowed.compactMap(\.stringValue))")
        }
        if let constant = schema["const"], constant != value {
            problems.append("\(path): \(Self.shown(value)) is not \(Self.shown(constant))")
        }
        if case .number(let number) = value {
            if let minimum = schema["minimum"]?.numberValue, number < minimum {
                problems.append("\(path): \(number) < minimum \(minimum)")
            }
            if let maximum = schema["maximum"]?.numberValue, number > maximum {
                problems.append("\(path): \(number) > maximum \(maximum)")
            }
            if let minimum = schema["exclusiveMinimum"]?.numberValue, number <= minimum {
                problems.append("\(path): \(number) <= exclusiveMinimum \(minimum)")
            }
        }
        if let text = value.stringValue {
            if let length = schema["maxLength"]?.numberValue, Double(text.count) > length {
                problems.append("\(path): longer than \(Int(length))")
            }
            if let pattern = schema["pattern"]?.stringValue, text.range(of: pattern, options: .regularExpression) == nil
            {
                problems.append("\(path): \(Self.shown(value)) does not match \(pattern)")
            }
        }
        if let items = value.arrayValue {
            if let minimum = schema["minItems"]?.numberValue, Double(items.count) < minimum {
                problems.append("\(path): fewer than \(Int(minimum)) items")
            }
            if let maximum = schema["maxItems"]?.numberValue, Double(items.count) > maximum {
                problems.append("\(path): more than \(Int(maximum)) items")
            }
            if let itemSchema = schema["items"] {
                for (index, item) in items.enumerated() {
                    problems += self.problems(of: item, against: itemSchema, at: "\(path)[\(index)]")
                }
            }
        }
        if let object = value.objectValue {
            let properties = schema["properties"]?.objectValue ?? [:]
            for name in schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? [] where object[name] == nil {
                problems.append("\(path): \(name) is missing")
            }
            if let minimum = schema["minProperties"]?.numberValue, Double(object.count) < minimum {
                problems.append("\(path): fewer than \(Int(minimum)) fields")
            }
            for (name, field) in object.sorted(by: { $0.key < $1.key }) {
                if let property = properties[name] {
                    problems += self.problems(of: field, against: property, at: "\(path).\(name)")
                } else if let additional = schema["additionalProperties"] {
                    if additional == .bool(false) {
                        problems.append("\(path): \(name) is not in the document")
                    } else if additional.objectValue != nil {
                        problems += self.problems(of: field, against: additional, at: "\(path).\(name)")
                    }
                }
            }
        }
        return problems
    }

    private static func value(_ value: JSONValue, isOfType type: String) -> Bool {
        switch (type, value) {
        case ("null", .null), ("boolean", .bool), ("string", .string), ("array", .array), ("object", .object),
            ("number", .number):
            true
        case ("integer", .number(let number)): number == number.rounded()
        default: false
        }
    }

    private static func shown(_ value: JSONValue) -> String {
        let text = (try? String(decoding: JSONEncoder().encode(value), as: UTF8.self)) ?? "?"
        return text.count > 80 ? String(text.prefix(80)) + "…" : text
    }
}
