/// Why `generate` could not run.
public enum GeneratorError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A reference list is absent: the path that was looked for.
    case missingList(String)
    /// A reference list cannot be used: its path and why.
    case malformedList(String, String)
    /// The arguments cannot be honoured: why.
    case invalidArgument(String)
    /// An output file cannot be written: its path and why.
    case cannotWrite(String, String)

    public var description: String {
        switch self {
        case .missingList(let path):
            "the reference list \(path) is missing (use --seed-dir to say where seed/ is)"
        case .malformedList(let path, let reason): "\(path): \(reason)"
        case .invalidArgument(let reason): reason
        case .cannotWrite(let path, let reason): "cannot write \(path): \(reason)"
        }
    }
}
