/// Which postings get members generated to fit them, and which members those are: one
/// posting in ``postingsPerSample`` (at least ``minimumSamples``), each with up to
/// ``membersPerSample`` members spread evenly over the member indices.
struct FitSamples: Sendable {
    static let postingsPerSample = 200
    static let minimumSamples = 20
    static let membersPerSample = 5

    /// How many postings are sampled.
    let count: Int
    /// Members fitted to each sampled posting.
    let perSample: Int
    /// Fit members are the indices `0, stride, 2·stride, …`.
    let stride: Int
    private let postings: Int
    private let memberCount: Int

    init(members: Int, postings: Int) {
        count = min(postings, max(Self.minimumSamples, postings / Self.postingsPerSample))
        // Fit members stay a small minority (at most a fifth), or they would shape the data.
        perSample = max(1, min(Self.membersPerSample, members / (5 * count)))
        stride = max(1, members / (count * perSample))
        self.postings = postings
        memberCount = members
    }

    /// The posting index of sample `sample`.
    func posting(ofSample sample: Int) -> Int { sample * postings / count }

    /// The sample member `member` was fitted to, if any.
    func sample(ofMember member: Int) -> Int? {
        guard member % stride == 0 else { return nil }
        let slot = member / stride
        return slot < count * perSample ? slot / perSample : nil
    }

    /// The members fitted to sample `sample`.
    func members(ofSample sample: Int) -> [Int] {
        (0..<perSample).map { (sample * perSample + $0) * stride }.filter { $0 < memberCount }
    }
}
