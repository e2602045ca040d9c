/// Dense indices for member ids: the graph's arrays are indexed by them. The
/// members loaded at start are numbered in id order; members that appear later
/// get the next indices, kept in a small table until the next compaction.
/// An index, once given, never changes.
struct MemberIndex: Sendable {
    /// The member of each index.
    private(set) var ids: [Int64]
    /// Direct lookup when the loaded ids are dense: `table[id - base]` is the index + 1 (0: none).
    private let table: [UInt32]
    private let base: Int64
    /// Ids outside `table`: those of a sparse set, and members that came later.
    private var others: [Int64: UInt32]

    /// `ids` sorted, without duplicates.
    init(sortedIDs ids: [Int64]) {
        self.ids = ids
        base = ids.first ?? 0
        let span = (ids.last ?? 0) - base + 1
        if !ids.isEmpty && span <= Int64(ids.count) * 4 + 1024 {
            var table = [UInt32](repeating: 0, count: Int(span))
            for (index, id) in ids.enumerated() { table[Int(id - base)] = UInt32(index + 1) }
            self.table = table
            others = [:]
        } else {
            table = []
            others = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, UInt32($0)) })
        }
    }

    var count: Int { ids.count }

    func index(of id: Int64) -> UInt32? {
        let offset = id &- base
        if offset >= 0 && offset < Int64(table.count) {
            let entry = table[Int(offset)]
            return entry == 0 ? nil : entry - 1
        }
        return others.isEmpty ? nil : others[id]
    }

    func id(of index: UInt32) -> Int64 { ids[Int(index)] }

    /// The index of `id`, given a new one if it had none.
    mutating func insert(_ id: Int64) -> UInt32 {
        if let index = index(of: id) { return index }
        let index = UInt32(ids.count)
        ids.append(id)
        others[id] = index
        return index
    }

    /// The same numbering with every id in the direct table when they are dense enough.
    func compacted() -> MemberIndex {
        // Indices must not change: rebuilt only when the ids are still in index order.
        guard zip(ids, ids.dropFirst()).allSatisfy({ $0 < $1 }) else { return self }
        return MemberIndex(sortedIDs: ids)
    }
}
