import Foundation

/// A tab-separated list of seed/ (UTF-8, one header line), read by column name.
struct TSVTable {
    /// The file's name, for messages.
    let name: String
    let columns: [String: Int]
    let rows: [[Substring]]

    /// Reads `name` in `directory`; the error names the file when it is missing and the
    /// column when one is.
    init(_ name: String, in directory: URL, requiring required: [String]) throws(GeneratorError) {
        let url = directory.appendingPathComponent(name)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw .missingList(url.path)
        }
        let text = String(decoding: data, as: UTF8.self)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true)
        guard !lines.isEmpty else { throw .malformedList(url.path, "the file is empty") }
        let header = lines.removeFirst().split(separator: "\t", omittingEmptySubsequences: false)
        var columns: [String: Int] = [:]
        for (index, column) in header.enumerated() { columns[String(column)] = index }
        for column in required where columns[column] == nil {
            throw .malformedList(url.path, "the column \(column) is missing")
        }
        self.name = name
        self.columns = columns
        // Short rows (a trailing empty cell) are padded so that every column can be read.
        rows = lines.map { line in
            var cells = line.split(separator: "\t", omittingEmptySubsequences: false)
            if cells.count < header.count { cells += Array(repeating: "", count: header.count - cells.count) }
            return cells
        }
    }

    /// The cell of `row` in `column`, which the initialiser checked exists.
    subscript(row: [Substring], column: String) -> Substring { row[columns[column]!] }
}
