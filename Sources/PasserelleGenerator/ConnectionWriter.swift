import Foundation
import PasserelleCore

/// Writes connections.csv (header, then one pair a line, in member order) with
/// ``ConnectionsCSV/encode(_:)``, exactly as `passerelle import` reads it.
enum ConnectionWriter {
    static func write(_ edges: [UInt64], to path: String) throws(GeneratorError) -> (lines: Int, bytes: Int) {
        let sink = try LineSink(path: path)
        try sink.write(ConnectionsCSV.header)
        for edge in edges {
            let record = ConnectionRecord(
                memberA: TextBuilding.memberID(PackedEdge.first(edge)),
                memberB: TextBuilding.memberID(PackedEdge.second(edge)),
                since: Date(timeIntervalSince1970: Double(PackedEdge.since(edge)) * 86_400),
                strength: Double(PackedEdge.strength(edge)) / 100)
            try sink.write(ConnectionsCSV.encode(record))
        }
        try sink.close()
        return (sink.lines - 1, sink.bytes)
    }
}
