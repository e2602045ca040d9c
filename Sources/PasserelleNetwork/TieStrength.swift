/// How strong the tie between two connected members is, from 0 to 1, from what
/// they share. The formula (weights add up, capped at 1):
///
/// - 0.10 for being connected at all;
/// - colleagues: 0.45 when they worked for the same company at the same time
///   (their employments there overlap), else 0.15 for the same company at other times;
/// - classmates: 0.25 when they studied at the same school at the same time,
///   else 0.10 for the same school at other times;
/// - time: up to 0.20, growing linearly over the first 10 years of the connection.
///
/// A strength stored on the connection (`connections.strength`, set by an
/// operator or a partner network) replaces the formula. Strengths are kept as
/// bytes (0…255) in the graph. They are computed when the graph loads and when a
/// connection is added; a change of employer or school updates them at the next load.
public enum TieStrength {
    /// One employment or one course of studies: where (a company id, or a school's
    /// hash) and when, in days since 1970 (open ends: `Int32.min`, `Int32.max`).
    public struct Stint: Hashable, Sendable {
        public var place: Int64
        public var start: Int32
        public var end: Int32

        public init(place: Int64, start: Int32?, end: Int32?) {
            self.place = place
            self.start = start ?? .min
            self.end = end ?? .max
        }

        func overlaps(_ other: Stint) -> Bool { start <= other.end && other.start <= end }
    }

    static let connected: Float = 0.10
    static let colleaguesAtOnce: Float = 0.45
    static let colleaguesApart: Float = 0.15
    static let classmatesAtOnce: Float = 0.25
    static let classmatesApart: Float = 0.10
    static let time: Float = 0.20
    static let timeYears: Float = 10

    /// The strength of a tie of `days` days between two members with these jobs and schools.
    public static func strength(
        days: Int32, jobs first: some Collection<Stint>, _ second: some Collection<Stint>,
        schools firstSchools: some Collection<Stint>, _ secondSchools: some Collection<Stint>
    ) -> Float {
        var value = connected
        value += shared(first, second, atOnce: colleaguesAtOnce, apart: colleaguesApart)
        value += shared(firstSchools, secondSchools, atOnce: classmatesAtOnce, apart: classmatesApart)
        value += time * min(1, max(0, Float(days) / (365.25 * timeYears)))
        return min(1, value)
    }

    /// The strength as the graph keeps it.
    public static func byte(_ strength: Float) -> UInt8 {
        UInt8((min(1, max(0, strength)) * 255).rounded())
    }

    /// The byte as a strength.
    public static func value(_ byte: UInt8) -> Float { Float(byte) / 255 }

    private static func shared(
        _ first: some Collection<Stint>, _ second: some Collection<Stint>, atOnce: Float, apart: Float
    ) -> Float {
        var best: Float = 0
        for a in first {
            for b in second where a.place == b.place {
                if a.overlaps(b) { return atOnce }
                best = apart
            }
        }
        return best
    }
}
